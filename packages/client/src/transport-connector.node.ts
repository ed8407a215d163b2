import type { CryptoProvider, RsaPublicKey } from '@telets/crypto';
import type { DcConnector } from './connector.js';
import type { Logger } from './logger.js';
import type { TransportKind } from './options.js';

export interface TransportConnectorOptions {
  rsaKeys: readonly RsaPublicKey[];
  transport: TransportKind;
  obfuscated: boolean;
  connectTimeoutMs: number;
  crypto: CryptoProvider;
  logger: Logger;
}

/** Opens DC links with @telets/transport's Sender over TCP. */
export function createTransportConnector(_options: TransportConnectorOptions): DcConnector {
  return async () => {
    throw new Error('transport connector not wired yet');
  };
}
