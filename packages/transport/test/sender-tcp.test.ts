/**
 * The Sender over real TCP on 127.0.0.1: obfuscated intermediate framing, the full handshake and
 * encrypted requests against a tiny server built from the package's server-side pieces
 * (createServerCodec, ServerHandshake, ServerSession), including a connection reset mid-request.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { nodeCrypto } from '@telets/crypto/node';
import { deserialize } from '@telets/tl-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FramedConnection } from '../src/connection/connection';
import { createTcpConnection, socketByteStream } from '../src/connection/tcp.node';
import { createClientCodec } from '../src/framing/create-codec';
import { createServerCodec } from '../src/framing/detect';
import { ServerHandshake } from '../src/mtproto/handshake-server';
import { MsgIdGenerator } from '../src/mtproto/msg-id';
import {
  decodePlainMessage,
  encodePlainMessage,
  isPlainPacket,
} from '../src/mtproto/plain-message';
import { ServerSession } from '../src/mtproto/server-session';
import { Sender } from '../src/sender/sender';
import { testRsaKey } from './helpers';

const createAesCtr = (key: Uint8Array, iv: Uint8Array) => {
  const cipher = createCipheriv('aes-256-ctr', key, iv);
  return { update: (data: Uint8Array) => new Uint8Array(cipher.update(data)) };
};
const random = (n: number) => new Uint8Array(randomBytes(n));

let server: Server;
let port = 0;
const sockets = new Set<Socket>();
const sessions: ServerSession[] = [];
let requestCount = 0;
let resetOnRequest: number | undefined;

function serve(socket: Socket): void {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  const connection = new FramedConnection({
    open: async () => socketByteStream(socket),
    codec: createServerCodec({ createAesCtr, randomBytes: random }),
  });
  const plainIds = new MsgIdGenerator();
  let handshake: ServerHandshake | undefined;
  connection.onPacket((packet) => {
    if (isPlainPacket(packet)) {
      handshake ??= new ServerHandshake({ crypto: nodeCrypto, rsaKey: testRsaKey() });
      const { reply, result } = handshake.receive(decodePlainMessage(packet).body);
      if (result) {
        sessions.push(
          new ServerSession({
            crypto: nodeCrypto,
            authKey: result.authKey,
            serverSalt: result.serverSalt,
          }),
        );
      }
      connection.send(encodePlainMessage(plainIds.next('server-response'), reply));
      return;
    }
    const session = sessions.find((candidate) =>
      candidate.codec.authKeyId.every((byte, i) => byte === packet[i]),
    );
    if (!session) return connection.close();
    for (const event of session.receive(packet)) {
      if (event.type !== 'request') continue;
      requestCount++;
      if (requestCount === resetOnRequest) {
        socket.destroy();
        return;
      }
      const object = deserialize(event.body);
      if (object._ === 'help.getNearestDc') {
        session.sendResult(event.msgId, { _: 'nearestDc', country: 'NL', thisDc: 2, nearestDc: 2 });
      }
    }
    for (let out = session.nextPacket(); out; out = session.nextPacket()) connection.send(out);
  });
  void connection.connect();
}

beforeAll(async () => {
  server = createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('Sender over TCP', () => {
  it('creates a key, answers requests, and survives a reset in the middle of one', async () => {
    const key = testRsaKey();
    const keys: Uint8Array[] = [];
    const sender = new Sender({
      crypto: nodeCrypto,
      dcId: 2,
      rsaKeys: [{ n: key.n, e: key.e, fingerprint: key.fingerprint }],
      reconnect: { initialDelayMs: 10, maxDelayMs: 50 },
      onAuthKey: (result) => void keys.push(result.authKey),
      createConnection: () =>
        createTcpConnection({
          host: '127.0.0.1',
          port,
          timeoutMs: 5_000,
          codec: createClientCodec({
            kind: 'intermediate',
            isObfuscated: true,
            dcId: 2,
            createAesCtr,
            randomBytes: random,
          }),
        }),
    });
    const states: string[] = [];
    sender.on('connected', () => states.push('connected'));
    sender.on('disconnected', () => states.push('disconnected'));
    try {
      await sender.connect();
      expect(keys).toHaveLength(1);
      await expect(sender.invoke({ _: 'help.getNearestDc' })).resolves.toMatchObject({
        country: 'NL',
      });

      resetOnRequest = requestCount + 1;
      const answer = await sender.invoke({ _: 'help.getNearestDc' }, { timeoutMs: 10_000 });
      expect(answer.thisDc).toBe(2);
      expect(requestCount).toBe(resetOnRequest + 1);
      expect(states).toEqual(['connected', 'disconnected', 'connected']);
      expect(keys).toHaveLength(1);
    } finally {
      await sender.close();
    }
  }, 30_000);
});
