// Test helper: a scripted MTProto client that builds every message by hand, so tests control
// msg_ids, seq_nos, salts and sessions exactly (transport's Sender hides those).
import { nodeCrypto } from '@telets/crypto/node';
import {
  ClientHandshake,
  createClientCodec,
  createTcpConnection,
  decodeContainer,
  decodePlainMessage,
  EncryptedCodec,
  encodePlainMessage,
  type FramedConnection,
  MsgIdGenerator,
  type TransportKind,
} from '@telets/transport';
import type { TestServer } from '../src/index.js';
import { apiCodec, mtprotoCodec } from '../src/tl/layers.node.js';
import type { TlObj } from '../src/tl/object.js';

export interface ServerMessage {
  msgId: bigint;
  seqNo: number;
  body: Uint8Array;
  /** Decoded with mtproto.tl, else with the API layer; rpc_result bodies stay raw. */
  object: TlObj | undefined;
}

const RPC_RESULT = 0xf35c6d01;

export function describeBody(body: Uint8Array, layer = 228): TlObj | undefined {
  const id = new DataView(body.buffer, body.byteOffset, body.byteLength).getUint32(0, true);
  if (id === RPC_RESULT) {
    const reqMsgId = new DataView(body.buffer, body.byteOffset + 4, 8).getBigInt64(0, true);
    const result = body.subarray(12);
    let decoded: TlObj | undefined;
    for (const codec of [mtprotoCodec(), apiCodec(layer)]) {
      try {
        decoded = codec.decode(result);
        break;
      } catch {
        // try the next schema
      }
    }
    return { _: 'rpc_result', reqMsgId, result: decoded, raw: result };
  }
  for (const codec of [mtprotoCodec(), apiCodec(layer)]) {
    try {
      return codec.decode(body);
    } catch {
      // try the next schema
    }
  }
  return undefined;
}

export class RawClient {
  authKey: Uint8Array | undefined;
  salt = 0n;
  sessionId = 0x1234_5678_9abc_def0n;
  readonly msgIds = new MsgIdGenerator();
  closeReason: Promise<Error | undefined>;
  private seq = 0;
  private codec: EncryptedCodec | undefined;
  private readonly inbox: Uint8Array[] = [];
  /** Quick-ack tokens the server sent. */
  readonly quickAcks: number[] = [];
  /** The last encrypted packet sent. */
  lastSent: Uint8Array | undefined;
  private waiter: (() => void) | undefined;
  private isClosed = false;

  private constructor(
    private readonly connection: FramedConnection,
    readonly dcId: number,
  ) {
    connection.onQuickAck((token) => this.quickAcks.push(token));
    connection.onPacket((packet) => {
      this.inbox.push(packet);
      this.waiter?.();
    });
    this.closeReason = new Promise((resolve) =>
      connection.onClose((reason) => {
        this.isClosed = true;
        this.waiter?.();
        resolve(reason);
      }),
    );
  }

  static async open(
    server: TestServer,
    dcId: number,
    options: { kind?: TransportKind; isObfuscated?: boolean } = {},
  ): Promise<RawClient> {
    const address = server.dc(dcId);
    const connection = createTcpConnection({
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
    });
    await connection.connect();
    return new RawClient(connection, dcId);
  }

  get isOpen(): boolean {
    return !this.isClosed;
  }

  /** Runs the auth-key exchange (or reuses a key from an earlier connection). */
  async handshake(
    server: TestServer,
    reuse?: { authKey: Uint8Array; salt: bigint },
  ): Promise<void> {
    if (reuse) {
      this.useKey(reuse.authKey, reuse.salt);
      return;
    }
    const handshake = new ClientHandshake({
      crypto: nodeCrypto,
      rsaKeys: [server.rsa.publicKey],
      dcId: this.dcId,
    });
    this.sendPlain(handshake.start());
    for (;;) {
      const step = handshake.receive(decodePlainMessage(await this.nextPacket()).body);
      if (step.type === 'done') {
        this.useKey(step.result.authKey, step.result.serverSalt);
        return;
      }
      this.sendPlain(step.body);
    }
  }

  useKey(authKey: Uint8Array, salt: bigint): void {
    this.authKey = authKey;
    this.salt = salt;
    this.codec = new EncryptedCodec({ crypto: nodeCrypto, authKey, role: 'client' });
  }

  sendPlain(body: Uint8Array): void {
    this.connection.send(encodePlainMessage(this.msgIds.next('client'), body));
  }

  sendRaw(packet: Uint8Array): void {
    this.connection.send(packet);
  }

  nextSeqNo(isContentRelated: boolean): number {
    return isContentRelated ? this.seq++ * 2 + 1 : this.seq * 2;
  }

  /** Sends one encrypted message; returns its msg_id. */
  send(
    body: Uint8Array,
    options: {
      msgId?: bigint;
      seqNo?: number;
      salt?: bigint;
      sessionId?: bigint;
      isContentRelated?: boolean;
      isQuickAckRequested?: boolean;
    } = {},
  ): bigint {
    if (!this.codec) throw new Error('no auth key yet');
    const msgId = options.msgId ?? this.msgIds.next('client');
    this.lastSent = this.codec.encrypt({
      salt: options.salt ?? this.salt,
      sessionId: options.sessionId ?? this.sessionId,
      msgId,
      seqNo: options.seqNo ?? this.nextSeqNo(options.isContentRelated ?? true),
      body,
    });
    this.connection.send(this.lastSent, { isQuickAckRequested: options.isQuickAckRequested });
    return msgId;
  }

  sendApi(obj: TlObj, layer = 228, options: Parameters<RawClient['send']>[1] = {}): bigint {
    return this.send(apiCodec(layer).encode(obj), options);
  }

  sendService(obj: TlObj, options: Parameters<RawClient['send']>[1] = {}): bigint {
    return this.send(mtprotoCodec().encode(obj), options);
  }

  async nextPacket(timeoutMs = 5000): Promise<Uint8Array> {
    const deadline = Date.now() + timeoutMs;
    while (this.inbox.length === 0) {
      if (this.isClosed) throw new Error('connection closed');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no packet in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
    return this.inbox.shift() as Uint8Array;
  }

  /** The messages of the next encrypted packet (containers flattened). */
  async nextMessages(layer = 228, timeoutMs = 5000): Promise<ServerMessage[]> {
    if (!this.codec) throw new Error('no auth key yet');
    const envelope = this.codec.decrypt(await this.nextPacket(timeoutMs));
    const flat =
      new DataView(envelope.body.buffer, envelope.body.byteOffset, 4).getUint32(0, true) ===
      0x73f1f8dc
        ? decodeContainer(envelope.body)
        : [{ msgId: envelope.msgId, seqNo: envelope.seqNo, body: envelope.body }];
    return flat.map((m) => ({ ...m, object: describeBody(m.body, layer) }));
  }

  /** Reads messages until one matches; returns it with everything read on the way. */
  async waitFor(
    predicate: (m: ServerMessage) => boolean,
    layer = 228,
    timeoutMs = 5000,
  ): Promise<{ match: ServerMessage; seen: ServerMessage[] }> {
    const seen: ServerMessage[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const m of await this.nextMessages(layer, Math.max(1, deadline - Date.now()))) {
        seen.push(m);
        if (predicate(m)) return { match: m, seen };
      }
    }
  }

  /** Waits for the rpc_result of a request and returns its decoded result. */
  async result(reqMsgId: bigint, layer = 228): Promise<TlObj> {
    const { match } = await this.waitFor(
      (m) => m.object?._ === 'rpc_result' && m.object.reqMsgId === reqMsgId,
      layer,
    );
    return match.object as TlObj;
  }

  close(): void {
    this.connection.close();
  }
}
