// '@telets/crypto/node': the node:crypto provider. Import it only where Node is available.
export { nodeCrypto } from './node-crypto';
