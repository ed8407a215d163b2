// Test helper: a real MTProto client (transport's Sender over TCP) aimed at a test server DC.
import { nodeCrypto } from '@telets/crypto/node';
import {
  createClientCodec,
  createTcpConnection,
  Sender,
  type SenderOptions,
  type TransportKind,
} from '@telets/transport';
import type { TestServer } from '../src/index.js';

export interface ClientOptions {
  kind?: TransportKind;
  isObfuscated?: boolean;
  authKey?: Uint8Array;
  serverSalt?: bigint;
  sender?: Partial<SenderOptions>;
}

export function connectClient(
  server: TestServer,
  dcId: number,
  options: ClientOptions = {},
): Sender {
  const address = server.dc(dcId);
  return new Sender({
    crypto: nodeCrypto,
    dcId,
    rsaKeys: [server.rsa.publicKey],
    authKey: options.authKey,
    serverSalt: options.serverSalt,
    createConnection: () =>
      createTcpConnection({
        host: address.host,
        port: address.port,
        timeoutMs: 5000,
        codec: createClientCodec({
          kind: options.kind ?? 'intermediate',
          isObfuscated: options.isObfuscated,
          createAesCtr: (key, iv) => nodeCrypto.createAesCtr(key, iv),
          randomBytes: (n) => nodeCrypto.randomBytes(n),
          dcId,
        }),
      }),
    ...options.sender,
  });
}

export const TEST_API_ID = 12345;
export const TEST_API_HASH = '0123456789abcdef0123456789abcdef';

/** Wraps a request the way clients send their first one: invokeWithLayer(initConnection(...)). */
export function withLayer(query: object, layer = 228, apiId = TEST_API_ID): object {
  return {
    _: 'invokeWithLayer',
    layer,
    query: {
      _: 'initConnection',
      apiId,
      deviceModel: 'vitest',
      systemVersion: 'node',
      appVersion: '1.0',
      systemLangCode: 'en',
      langPack: '',
      langCode: 'en',
      query,
    },
  };
}

/** Untyped invoke: the tests build requests as plain objects and read results loosely. */
// biome-ignore lint/suspicious/noExplicitAny: results are inspected field by field in the tests
export function call(sender: Sender, request: object): Promise<any> {
  return (sender.invoke as unknown as (r: object) => Promise<unknown>).call(sender, request);
}

/** Polls until `predicate` holds (bounded generously: a busy CI box must not fail the test). */
export async function eventually(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
