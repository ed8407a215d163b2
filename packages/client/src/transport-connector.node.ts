import type { CryptoProvider, RsaPublicKey } from '@telets/crypto';
import { createClientCodec, createTcpConnection, Sender } from '@telets/transport';
import type { DcConnection, DcConnector } from './connector.js';
import type { Logger } from './logger.js';
import type { TransportKind } from './options.js';

export interface TransportConnectorOptions {
  rsaKeys: readonly RsaPublicKey[];
  transport: TransportKind;
  obfuscated: boolean;
  connectTimeoutMs: number;
  stallTimeoutMs: number;
  pingIntervalMs: number;
  crypto: CryptoProvider;
  logger: Logger;
}

/** Connection attempts connect() makes before it reports the DC as unreachable. */
const INITIAL_ATTEMPTS = 3;

/** Opens DC links with @telets/transport's Sender over TCP. */
export function createTransportConnector(options: TransportConnectorOptions): DcConnector {
  return async (params) => {
    const { dc } = params;
    // Telegram numbers test DCs from 10000 in the handshake and the obfuscation header.
    const wireDcId = dc.isTest ? 10_000 + dc.id : dc.id;
    const sender = new Sender({
      crypto: options.crypto,
      dcId: wireDcId,
      authKey: params.authKey,
      rsaKeys: options.rsaKeys,
      createConnection: () =>
        createTcpConnection({
          host: dc.ipAddress,
          port: dc.port,
          timeoutMs: options.connectTimeoutMs,
          codec: createClientCodec({
            kind: options.transport,
            isObfuscated: options.obfuscated,
            createAesCtr: (key, iv) => options.crypto.createAesCtr(key, iv),
            randomBytes: (n) => options.crypto.randomBytes(n),
            dcId: dc.isTest ? -dc.id : dc.id,
          }),
        }),
      stallTimeoutMs: options.stallTimeoutMs,
      pingIntervalMs: options.pingIntervalMs,
      onAuthKey: (result) => params.onAuthKey(result.authKey),
    });
    const unsubscribe = [
      sender.on('update', ({ object }) => {
        if (object !== undefined) params.onUpdate(object);
      }),
      sender.on('connecting', () => params.onStateChange('connecting')),
      sender.on('connected', () => params.onStateChange('connected')),
      sender.on('disconnected', ({ reason }) => {
        options.logger.info(`DC ${dc.id}: connection lost (${reason?.message ?? 'closed'})`);
        params.onStateChange('disconnected', reason);
      }),
    ];
    const close = async (): Promise<void> => {
      for (const off of unsubscribe) off();
      await sender.close();
    };
    const onAbort = (): void => {
      void close();
    };
    params.signal.addEventListener('abort', onAbort, { once: true });
    // Once connected, the Sender reconnects on its own for as long as its backoff allows; a DC
    // that cannot be reached at all should fail connect() after a few quick tries instead.
    let failedAttempts = 0;
    let giveUp: ((reason: unknown) => void) | undefined;
    const gaveUp = new Promise<never>((_resolve, reject) => {
      giveUp = reject;
    });
    gaveUp.catch(() => undefined);
    const offInitial = sender.on('disconnected', ({ reason }) => {
      if (++failedAttempts >= INITIAL_ATTEMPTS) giveUp?.(reason ?? new Error('connection closed'));
    });
    try {
      if (params.signal.aborted) throw params.signal.reason;
      await Promise.race([sender.connect(), gaveUp]);
    } catch (error) {
      await close();
      throw error;
    } finally {
      offInitial();
      params.signal.removeEventListener('abort', onAbort);
    }
    const connection: DcConnection = {
      invoke: (request, invokeOptions) => sender.invoke(request as never, invokeOptions),
      close,
    };
    return connection;
  };
}
