import { createCipheriv, randomBytes as nodeRandomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type ByteStream, FramedConnection } from '../src/connection/connection';
import { ConnectionClosedError, ConnectTimeoutError } from '../src/connection/errors';
import { connectTcp, createTcpConnection, socketByteStream } from '../src/connection/tcp.node';
import type { AesCtr, TransportKind } from '../src/framing/codec';
import { createClientCodec } from '../src/framing/create-codec';
import { createServerCodec, type ServerFrameCodec } from '../src/framing/detect';
import { TransportCodeError, TransportError } from '../src/framing/errors';
import { createIntermediateCodec } from '../src/framing/intermediate';

function createAesCtr(key: Uint8Array, iv: Uint8Array): AesCtr {
  const cipher = createCipheriv('aes-256-ctr', key, iv);
  return { update: (data) => new Uint8Array(cipher.update(data)) };
}
const randomBytes = (n: number): Uint8Array => new Uint8Array(nodeRandomBytes(n));

type Script = (socket: Socket, codec: ServerFrameCodec, packet: Uint8Array) => void;

const servers: Server[] = [];
const sockets = new Set<Socket>();

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A loopback server speaking any transport through the detecting server codec. */
async function startServer(onPacket: Script): Promise<number> {
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    const codec = createServerCodec({ createAesCtr, randomBytes });
    socket.on('data', (chunk) => {
      try {
        for (const packet of codec.decode(chunk)) onPacket(socket, codec, packet);
      } catch {
        socket.destroy();
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const echo: Script = (socket, codec, packet) => socket.write(codec.encode(packet));

function nextPacket(connection: FramedConnection): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const stop = connection.onPacket((packet) => {
      stop();
      resolve(packet);
    });
  });
}

function nextClose(connection: FramedConnection): Promise<Error | undefined> {
  return new Promise((resolve) => connection.onClose(resolve));
}

describe('TCP connection against a loopback server', () => {
  const variants: [TransportKind, boolean][] = [
    ['abridged', false],
    ['intermediate', false],
    ['full', false],
    ['abridged', true],
    ['intermediate', true],
  ];
  for (const [kind, isObfuscated] of variants) {
    it(`echoes packets over ${kind}${isObfuscated ? ' obfuscated' : ''}`, async () => {
      const port = await startServer(echo);
      const codec = createClientCodec({ kind, isObfuscated, createAesCtr, randomBytes });
      const connection = await connectTcp({ host: '127.0.0.1', port, codec, timeoutMs: 5000 });
      expect(connection.isConnected).toBe(true);
      for (const size of [8, 1024, 200_000]) {
        const packet = randomBytes(size);
        packet.set([1, 0, 0, 0]);
        const reply = nextPacket(connection);
        connection.send(packet);
        // Byte comparison: toEqual walks large arrays element by element, slowly.
        expect(Buffer.compare(await reply, packet)).toBe(0);
      }
      connection.close();
    });
  }

  it('reports a -404 transport error from the server as the close reason', async () => {
    const port = await startServer((socket, codec) =>
      socket.write(codec.encode(Uint8Array.of(0x6c, 0xfe, 0xff, 0xff))),
    );
    const connection = await connectTcp({
      host: '127.0.0.1',
      port,
      codec: createIntermediateCodec(),
    });
    const closed = nextClose(connection);
    connection.send(new Uint8Array(8));
    const reason = await closed;
    expect(reason).toBeInstanceOf(TransportCodeError);
    expect((reason as TransportCodeError).code).toBe(-404);
    expect(connection.isConnected).toBe(false);
  });

  it('surfaces quick-ack tokens', async () => {
    const port = await startServer((socket, codec) => socket.write(codec.encodeQuickAck(0x1234)));
    const connection = await connectTcp({
      host: '127.0.0.1',
      port,
      codec: createIntermediateCodec(),
    });
    const token = new Promise<number>((resolve) => connection.onQuickAck(resolve));
    connection.send(new Uint8Array(8), { isQuickAckRequested: true });
    expect(await token).toBe(0x80001234);
    connection.close();
  });

  it('reports a peer close with ConnectionClosedError and refuses to send afterwards', async () => {
    const port = await startServer((socket) => socket.end());
    const connection = await connectTcp({
      host: '127.0.0.1',
      port,
      codec: createIntermediateCodec(),
    });
    const closed = nextClose(connection);
    connection.send(new Uint8Array(8));
    expect(await closed).toBeInstanceOf(ConnectionClosedError);
    expect(() => connection.send(new Uint8Array(8))).toThrow(ConnectionClosedError);
  });

  it('closes locally with an undefined reason, once', async () => {
    const port = await startServer(echo);
    const connection = await connectTcp({
      host: '127.0.0.1',
      port,
      codec: createIntermediateCodec(),
    });
    const reasons: (Error | undefined)[] = [];
    connection.onClose((reason) => reasons.push(reason));
    connection.close();
    connection.close();
    expect(reasons).toEqual([undefined]);
    expect(connection.isConnected).toBe(false);
    await expect(connection.connect()).rejects.toBeInstanceOf(ConnectionClosedError);
  });

  it('closes with the error of a throwing packet listener instead of letting it escape', async () => {
    const port = await startServer(echo);
    const connection = await connectTcp({
      host: '127.0.0.1',
      port,
      codec: createIntermediateCodec(),
    });
    const closed = nextClose(connection);
    const failure = new Error('listener bug');
    connection.onPacket(() => {
      throw failure;
    });
    connection.send(new Uint8Array(8));
    expect(await closed).toBe(failure);
  });

  it('rejects with the socket error when nothing listens on the port', async () => {
    const port = await startServer(echo);
    await new Promise((r) => servers.splice(0)[0].close(r));
    const connection = createTcpConnection({
      host: '127.0.0.1',
      port,
      codec: createIntermediateCodec(),
    });
    const error = await connection.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionClosedError);
    expect((error as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
    expect(connection.isConnected).toBe(false);
  });

  it('serves an accepted socket with FramedConnection and a detecting server codec', async () => {
    const serverSide: FramedConnection[] = [];
    const server = createServer((socket) => {
      sockets.add(socket);
      const connection = new FramedConnection({
        open: async () => socketByteStream(socket),
        codec: createServerCodec({ createAesCtr, randomBytes }),
      });
      serverSide.push(connection);
      connection.onPacket((packet) => connection.send(packet.slice(0, 8).reverse()));
      void connection.connect();
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const codec = createClientCodec({
      kind: 'padded',
      isObfuscated: true,
      createAesCtr,
      randomBytes,
    });
    const client = await connectTcp({ host: '127.0.0.1', port, codec });
    const reply = nextPacket(client);
    client.send(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8));
    // Padded intermediate may leave up to 12 padding bytes after the packet on each hop.
    const got = await reply;
    expect(serverSide[0].isConnected).toBe(true);
    expect([...got.subarray(0, 8)]).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(got.length - 8).toBeLessThanOrEqual(12);
    const closed = nextClose(serverSide[0]);
    client.close();
    expect(await closed).toBeInstanceOf(ConnectionClosedError);
  });

  it('refuses to send before connecting', () => {
    const connection = createTcpConnection({
      host: '127.0.0.1',
      port: 1,
      codec: createIntermediateCodec(),
    });
    expect(() => connection.send(new Uint8Array(8))).toThrow(ConnectionClosedError);
  });
});

/** An opener that never connects, recording the signal it was given. */
function neverOpens(): {
  open: (signal: AbortSignal) => Promise<ByteStream>;
  signals: AbortSignal[];
} {
  const signals: AbortSignal[] = [];
  const open = (signal: AbortSignal): Promise<ByteStream> => {
    signals.push(signal);
    return new Promise<ByteStream>(() => {});
  };
  return { signals, open };
}

/** A manual clock: timers fire only when the test says so. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  return {
    setTimeout: (callback: () => void) => {
      pending.set(++next, callback);
      return next;
    },
    clearTimeout: (handle: unknown) => pending.delete(handle as number),
    fireAll: () => {
      for (const [id, callback] of [...pending]) {
        pending.delete(id);
        callback();
      }
    },
    pending,
  };
}

function fakeStream(): ByteStream & { written: Uint8Array[]; isClosed: boolean } {
  const stream = {
    written: [] as Uint8Array[],
    isClosed: false,
    write: (bytes: Uint8Array) => stream.written.push(bytes),
    close: () => {
      stream.isClosed = true;
    },
    onData: () => {},
    onClose: () => {},
  };
  return stream;
}

describe('FramedConnection connect control', () => {
  it('times out with ConnectTimeoutError and aborts the opener', async () => {
    const opener = neverOpens();
    const timers = manualTimers();
    const connection = new FramedConnection({
      open: opener.open,
      codec: createIntermediateCodec(),
      timeoutMs: 1500,
      address: '10.0.0.1:443',
      ...timers,
    });
    const connecting = connection.connect();
    expect(timers.pending.size).toBe(1);
    timers.fireAll();
    const error = await connecting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectTimeoutError);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as ConnectTimeoutError).timeoutMs).toBe(1500);
    expect((error as Error).message).toContain('10.0.0.1:443');
    expect(opener.signals[0].aborted).toBe(true);
    expect(connection.isConnected).toBe(false);
  });

  it('clears the timer once connected', async () => {
    const timers = manualTimers();
    const connection = new FramedConnection({
      open: async () => fakeStream(),
      codec: createIntermediateCodec(),
      timeoutMs: 1500,
      ...timers,
    });
    await connection.connect();
    expect(timers.pending.size).toBe(0);
    expect(connection.isConnected).toBe(true);
  });

  it('rejects with the caller signal reason on abort', async () => {
    const opener = neverOpens();
    const connection = new FramedConnection({
      open: opener.open,
      codec: createIntermediateCodec(),
    });
    const controller = new AbortController();
    const connecting = connection.connect(controller.signal);
    const reason = new Error('user gave up');
    controller.abort(reason);
    await expect(connecting).rejects.toBe(reason);
    expect(opener.signals[0].aborted).toBe(true);
  });

  it('close() while connecting rejects and closes a stream that arrives late', async () => {
    let deliver: (stream: ByteStream) => void = () => {};
    const connection = new FramedConnection({
      open: () => new Promise<ByteStream>((resolve) => (deliver = resolve)),
      codec: createIntermediateCodec(),
    });
    const connecting = connection.connect();
    connection.close();
    await expect(connecting).rejects.toBeInstanceOf(ConnectionClosedError);
    const late = fakeStream();
    deliver(late);
    await Promise.resolve();
    expect(late.isClosed).toBe(true);
  });

  it('writes the codec framing to the stream, tag first', async () => {
    const stream = fakeStream();
    const connection = new FramedConnection({
      open: async () => stream,
      codec: createIntermediateCodec(),
    });
    await connection.connect();
    connection.send(Uint8Array.of(1, 2, 3, 4));
    expect([...stream.written[0]]).toEqual([0xee, 0xee, 0xee, 0xee, 4, 0, 0, 0, 1, 2, 3, 4]);
  });
});
