import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.js';
import { call, connectClient, TEST_API_HASH, TEST_API_ID, withLayer } from './client.js';
import { RawClient } from './raw-client.js';

let server: TestServer;
const warnings: string[] = [];

beforeAll(async () => {
  server = await startTestServer({
    dcCount: 2,
    maxPacketBytes: 64 * 1024,
    onWarning: (_dc, m) => warnings.push(m),
  });
});

afterAll(async () => {
  await server.close();
});

function openSocket(dcId: number): Promise<Socket> {
  const { host, port } = server.dc(dcId);
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port }, () => resolve(socket));
    socket.on('error', reject);
  });
}

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) =>
    socket.destroyed ? resolve() : socket.on('close', () => resolve()),
  );
}

describe('hostile and broken clients', () => {
  it('closes connections that send garbage, oversized frames or HTTP, and keeps serving others', async () => {
    const healthy = connectClient(server, 1);
    try {
      expect((await call(healthy, withLayer({ _: 'help.getNearestDc' }))).thisDc).toBe(1);
      const inputs = [
        Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'),
        Buffer.concat([
          Buffer.from([0xee, 0xee, 0xee, 0xee]),
          Buffer.from([0xff, 0xff, 0xff, 0x7f]),
        ]),
        Buffer.from([0xef, 0x7f, 0xff, 0xff, 0xff]),
        Buffer.from(Array.from({ length: 256 }, (_v, i) => (i * 37 + 11) & 0xff)),
        Buffer.concat([Buffer.from([0xee, 0xee, 0xee, 0xee, 8, 0, 0, 0]), Buffer.alloc(8, 0xab)]),
      ];
      for (const input of inputs) {
        const socket = await openSocket(1);
        socket.on('error', () => {});
        socket.resume();
        socket.write(input);
        await closed(socket);
      }
      expect((await call(healthy, { _: 'help.getConfig' })).thisDc).toBe(1);
    } finally {
      await healthy.close();
    }
  });

  it('survives half handshakes and abrupt disconnects mid-request', async () => {
    for (let i = 0; i < 5; i++) {
      const half = await RawClient.open(server, 2);
      half.sendPlain(Uint8Array.of(0xf1, 0x8e, 0x7e, 0xbe, ...new Array(16).fill(i)));
      await half.nextPacket();
      half.close();
    }
    const midway = await RawClient.open(server, 2);
    await midway.handshake(server);
    midway.sendApi(
      withLayer({
        _: 'auth.sendCode',
        phoneNumber: '9996620500',
        apiId: TEST_API_ID,
        apiHash: TEST_API_HASH,
        settings: { _: 'codeSettings' },
      }) as never,
    );
    midway.close();
    const after = connectClient(server, 2);
    try {
      expect((await call(after, withLayer({ _: 'help.getNearestDc' }))).thisDc).toBe(2);
    } finally {
      await after.close();
    }
  });

  it('drops encrypted packets with a bad msg_key and handshakes with foreign nonces', async () => {
    const c = await RawClient.open(server, 2);
    await c.handshake(server);
    const packet = new Uint8Array(24 + 64);
    const id = new Uint8Array(
      await crypto.subtle.digest('SHA-1', c.authKey as Uint8Array),
    ).subarray(12, 20);
    packet.set(id, 0);
    packet.fill(7, 8);
    c.sendRaw(packet);
    const reqId = c.sendApi(withLayer({ _: 'help.getNearestDc' }) as never);
    expect((await c.result(reqId)).result).toMatchObject({ _: 'nearestDc' });
    expect(warnings.some((w) => /decrypt/.test(w))).toBe(true);
    c.close();

    const stranger = await RawClient.open(server, 2);
    stranger.sendPlain(
      Uint8Array.of(
        0xbe,
        0xe4,
        0x12,
        0xd7,
        ...new Array(16).fill(1),
        ...new Array(16).fill(2),
        4,
        1,
        2,
        3,
        4,
        1,
        2,
        3,
        ...new Array(8).fill(0),
        0,
        0,
        0,
        0,
      ),
    );
    // Foreign nonces fail the server's checks: it hangs up instead of answering.
    expect(await stranger.closeReason).toBeDefined();
    expect(warnings.some((w) => /handshake refused/.test(w))).toBe(true);
  });
});
