/**
 * An in-memory DC for Sender tests, built from the package's own server-side pieces
 * (ServerHandshake, ServerSession): connections are objects, packets are delivered on the
 * microtask queue, and the test scripts faults (refused connects, drops, silence, -404).
 */
import { type CryptoProvider, toHex } from '@telets/crypto';
import { deserialize, type TlObject } from '@telets/tl-schema';
import { ServerHandshake } from '../src/mtproto/handshake-server';
import { MsgIdGenerator } from '../src/mtproto/msg-id';
import {
  decodePlainMessage,
  encodePlainMessage,
  isPlainPacket,
} from '../src/mtproto/plain-message';
import { ServerSession } from '../src/mtproto/server-session';
import type { SenderConnection } from '../src/sender/sender-options';
import { type ManualScheduler, seededRandom, testRsaKey } from './helpers';

export interface ReceivedRequest {
  msgId: bigint;
  object: TlObject;
  connection: FakeConnection;
}

/** Return 'answer' to let the default answer go out, or 'ignore' to stay silent. */
export type RequestHook = (
  request: ReceivedRequest,
  session: ServerSession,
  dc: FakeDc,
) => 'answer' | 'ignore';

class CodeError extends Error {
  constructor(readonly code: number) {
    super(`transport error ${code}`);
  }
}

export class FakeConnection implements SenderConnection {
  private packetListeners = new Set<(packet: Uint8Array) => void>();
  private closeListeners = new Set<(reason: Error | undefined) => void>();
  isOpen = false;
  private handshake: ServerHandshake | undefined;
  private readonly plainIds: MsgIdGenerator;

  constructor(private readonly dc: FakeDc) {
    this.plainIds = new MsgIdGenerator({ nowMs: () => dc.scheduler.now() });
  }

  async connect(signal?: AbortSignal): Promise<void> {
    this.dc.connectAttempts++;
    if (this.dc.refuseConnections > 0) {
      this.dc.refuseConnections--;
      throw new Error('connection refused');
    }
    if (this.dc.hangConnects) {
      await new Promise<void>((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
    this.isOpen = true;
  }

  send(packet: Uint8Array): void {
    if (!this.isOpen) throw new Error('send on a closed fake connection');
    this.dc.packetsFromClient++;
    queueMicrotask(() => this.dc.handle(this, packet));
  }

  onPacket(listener: (packet: Uint8Array) => void): () => void {
    this.packetListeners.add(listener);
    return () => this.packetListeners.delete(listener);
  }

  onClose(listener: (reason: Error | undefined) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): void {
    this.finish(undefined);
  }

  /** The server side closes (or the network fails) with `reason`. */
  drop(reason: Error = new Error('connection reset by peer')): void {
    this.finish(reason);
  }

  deliver(packet: Uint8Array): void {
    if (!this.isOpen) return;
    for (const listener of this.packetListeners) listener(packet);
  }

  handlePlain(packet: Uint8Array): void {
    this.handshake ??= new ServerHandshake({
      crypto: this.dc.crypto,
      rsaKey: testRsaKey(),
      random: seededRandom(this.dc.connectAttempts + 17),
      nowMs: () => this.dc.scheduler.now(),
    });
    const { reply, result } = this.handshake.receive(decodePlainMessage(packet).body);
    if (result) this.dc.acceptKey(result.authKey, result.serverSalt);
    this.deliver(encodePlainMessage(this.plainIds.next('server-response'), reply));
  }

  private finish(reason: Error | undefined): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    for (const listener of this.closeListeners) listener(reason);
  }
}

export class FakeDc {
  readonly connections: FakeConnection[] = [];
  readonly requests: ReceivedRequest[] = [];
  /** msg_ids of each msgs_ack the client sent. */
  readonly acks: bigint[][] = [];
  readonly sessions = new Map<string, ServerSession>();
  connectAttempts = 0;
  packetsFromClient = 0;
  refuseConnections = 0;
  hangConnects = false;
  /** While true, every packet from the client vanishes (a stalled server, a dead NAT entry). */
  isSilent = false;
  /** While true, handshake packets get no answer. */
  isHandshakeSilent = false;
  hook: RequestHook = () => 'answer';

  constructor(
    readonly crypto: CryptoProvider,
    readonly scheduler: ManualScheduler,
  ) {}

  readonly createConnection = (): FakeConnection => {
    const connection = new FakeConnection(this);
    this.connections.push(connection);
    return connection;
  };

  get current(): FakeConnection | undefined {
    return this.connections.at(-1);
  }

  acceptKey(authKey: Uint8Array, serverSalt: bigint): ServerSession {
    const session = new ServerSession({
      crypto: this.crypto,
      authKey,
      serverSalt,
      nowMs: () => this.scheduler.now(),
      random: seededRandom(this.sessions.size + 3),
    });
    this.sessions.set(toHex(authKey), session);
    return session;
  }

  /** Forgets every auth key: the next encrypted packet gets transport error -404. */
  forgetKeys(): void {
    this.sessions.clear();
  }

  handle(connection: FakeConnection, packet: Uint8Array): void {
    if (!connection.isOpen || this.isSilent) return;
    if (isPlainPacket(packet)) {
      if (!this.isHandshakeSilent) connection.handlePlain(packet);
      return;
    }
    const session = [...this.sessions.values()].find((candidate) => {
      const id = candidate.codec.authKeyId;
      return id.every((byte, i) => byte === packet[i]);
    });
    if (!session) {
      connection.drop(new CodeError(-404));
      return;
    }
    for (const event of session.receive(packet)) {
      if (event.type === 'ack') this.acks.push(event.msgIds);
      if (event.type !== 'request') continue;
      const request = { msgId: event.msgId, object: deserialize(event.body), connection };
      this.requests.push(request);
      if (this.hook(request, session, this) === 'answer') this.answer(session, request);
    }
    this.flush(session, connection);
  }

  answer(session: ServerSession, request: ReceivedRequest): void {
    const { object } = request;
    if (object._ === 'help.getNearestDc') {
      session.sendResult(request.msgId, { _: 'nearestDc', country: 'NL', thisDc: 2, nearestDc: 2 });
    } else if (object._ === 'auth.sendCode') {
      session.sendError(request.msgId, 420, 'FLOOD_WAIT_31');
    } else {
      session.sendError(request.msgId, 400, 'METHOD_NOT_IMPLEMENTED');
    }
  }

  flush(session: ServerSession, connection: FakeConnection | undefined = this.current): void {
    for (let out = session.nextPacket(); out; out = session.nextPacket()) connection?.deliver(out);
  }

  requestsNamed(name: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.object._ === name);
  }
}
