// telets, through its BUILT packages (dist), with the Node crypto provider its client uses.
import { readFileSync } from 'node:fs';
import { plainMessagesGetters, plainMessagesMessages } from '../lib/plain-tl.mjs';

const pkg = (p) => new URL(`../../../packages/${p}`, import.meta.url);

export async function load() {
  const C = await import(pkg('crypto/dist/index.js').href);
  const { nodeCrypto } = await import(pkg('crypto/dist/node.js').href);
  const version = JSON.parse(readFileSync(pkg('telets/package.json'), 'utf8')).version;
  const c = nodeCrypto;
  return {
    version,
    igeEncrypt: (d, k, iv) => c.aesIgeEncrypt(d, k, iv),
    igeDecrypt: (d, k, iv) => c.aesIgeDecrypt(d, k, iv),
    ctr: (k, iv) => {
      const s = c.createAesCtr(k, iv);
      return (d) => s.update(d);
    },
    sha1: (d) => c.sha1(d),
    sha256: (d) => c.sha256(d),
    factorize: (pqBytes) => {
      const { p, q } = C.factorizePq(pqBytes);
      return [p, q];
    },
    srp: (input, password) => C.computeSrp(c, input, password),
    rsaPadKind: 'rsa_pad',
    makeRsaPad: (key) => {
      const pub = C.parseRsaPublicKey(key.publicPem);
      return (data) => C.rsaPad(c, data, pub);
    },
    loadTl: () => loadTl(),
  };
}

async function loadTl() {
  const T = await import(pkg('tl-schema/dist/index.js').href);
  return {
    layer: T.LAYER,
    serializeSendCode: (input) =>
      T.serialize({
        _: 'auth.sendCode',
        phoneNumber: input.phoneNumber,
        apiId: input.apiId,
        apiHash: input.apiHash,
        settings: { _: 'codeSettings', currentNumber: true, allowAppHash: true },
      }),
    deserializeSentCode: (bytes) => {
      const o = T.deserialize(bytes);
      return { phoneCodeHash: o.phoneCodeHash, timeout: o.timeout, length: o.type.length };
    },
    buildMessages: () => plainMessagesMessages({ id: BigInt, long: (n) => n }),
    serialize: (obj) => T.serialize(obj),
    deserialize: (bytes) => T.deserialize(bytes),
    get: plainMessagesGetters,
  };
}
