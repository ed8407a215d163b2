import type { TransportKind } from '@telets/transport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.js';
import { call, connectClient, withLayer } from './client.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ dcCount: 1 });
});

afterAll(async () => {
  await server.close();
});

const matrix: Array<[TransportKind, boolean]> = [
  ['abridged', false],
  ['intermediate', false],
  ['padded', false],
  ['full', false],
  ['abridged', true],
  ['intermediate', true],
  ['padded', true],
];

describe('every framing the transport package has', () => {
  for (const [kind, isObfuscated] of matrix) {
    it(`${isObfuscated ? 'obfuscated ' : ''}${kind}: handshake and two calls`, async () => {
      const client = connectClient(server, 1, { kind, isObfuscated });
      try {
        expect((await call(client, withLayer({ _: 'help.getNearestDc' }))).thisDc).toBe(1);
        expect((await call(client, { _: 'help.getConfig' })).thisDc).toBe(1);
      } finally {
        await client.close();
      }
    });
  }
});
