import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.js';
import { call, connectClient, withLayer } from './client.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

describe('a real client against the test server', () => {
  it('handshakes and calls help.getConfig', async () => {
    const client = connectClient(server, 2);
    try {
      const config = await call(client, withLayer({ _: 'help.getConfig' }));
      expect(config.thisDc).toBe(2);
      expect(config.dcOptions.map((d: { port: number }) => d.port)).toEqual(
        server.dcs.map((d) => d.port),
      );
      expect(server.authKeyCount(2)).toBe(1);
      expect(server.counters.get('help.getConfig')).toMatchObject({ received: 1, executed: 1 });
    } finally {
      await client.close();
    }
  });
});
