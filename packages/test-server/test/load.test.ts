import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.js';
import { call, connectClient, TEST_API_HASH, TEST_API_ID, withLayer } from './client.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

describe('many clients at once', () => {
  it('handshakes and signs in 100 clients concurrently', async () => {
    const clients = Array.from({ length: 100 }, (_v, i) => ({
      sender: connectClient(server, 2, {
        kind: (['abridged', 'intermediate', 'padded', 'full'] as const)[i % 4],
      }),
      phone: `99966200${String(i).padStart(2, '0')}`,
    }));
    try {
      const users = await Promise.all(
        clients.map(async ({ sender, phone }) => {
          const sent = await call(
            sender,
            withLayer({
              _: 'auth.sendCode',
              phoneNumber: phone,
              apiId: TEST_API_ID,
              apiHash: TEST_API_HASH,
              settings: { _: 'codeSettings' },
            }),
          );
          const auth = await call(sender, {
            _: 'auth.signIn',
            phoneNumber: phone,
            phoneCodeHash: sent.phoneCodeHash,
            phoneCode: '22222',
          });
          return auth.user.phone as string;
        }),
      );
      expect(new Set(users).size).toBe(100);
      expect(server.authKeyCount(2)).toBe(100);
      expect(server.counters.get('auth.signIn')).toMatchObject({ executed: 100, failed: 0 });
    } finally {
      await Promise.all(clients.map(({ sender }) => sender.close()));
    }
  }, 120_000);
});
