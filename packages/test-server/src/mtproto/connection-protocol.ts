import { authKeyId as computeAuthKeyId } from '@telets/crypto';
import {
  decodeContainer,
  decodePlainMessage,
  encodeContainer,
  encodeMsgIdVectorMessage,
  encodePlainMessage,
  isPlainPacket,
  MTPROTO_IDS,
  ServerHandshake,
  unwrapGzip,
} from '@telets/transport';
import type { ConnectionFaults, HandshakeStep } from '../faults.js';
import { mtprotoCodec } from '../tl/layers.node.js';
import type { TlObj } from '../tl/object.js';
import type { AuthKeyRuntime } from './auth-key-runtime.js';
import { EnvelopeError, openClientPacket, quickAckToken, sealServerPacket } from './envelope.js';
import type { PacketSink, ProtocolHost } from './protocol-host.js';
import type { SessionOutlet } from './registry.js';
import { executeRpc, prepareRpc, replayCached } from './rpc.js';
import type { MessageScope } from './scope.js';
import { handleServiceMessage } from './service-messages.js';
import { ServerMsgIds, type SessionState } from './session.js';
import { ID, peekId, readInt64 } from './wire.js';

const HANDSHAKE_STEPS = new Map<number, HandshakeStep>([
  [0xbe7e8ef1, 'req_pq'],
  [0x60469778, 'req_pq'],
  [0xd712e4be, 'req_DH_params'],
  [0xf5045f1f, 'set_client_DH_params'],
]);

/** Largest inflated gzip_packed request accepted. */
const MAX_INFLATED_BYTES = 4 * 1024 * 1024;

/**
 * The MTProto server for one client connection: the auth-key handshake on plain messages, then
 * encrypted messages routed to their session (which outlives the connection). Sans socket: it
 * reads packets and writes packets through a PacketSink.
 */
export class ConnectionProtocol implements SessionOutlet {
  /** The auth key this connection uses, once it sent an encrypted packet. */
  authKeyId: bigint | undefined;
  private handshake: ServerHandshake | undefined;
  private readonly plainMsgIds: ServerMsgIds;
  private isDuplicate = false;

  constructor(
    private readonly host: ProtocolHost,
    readonly dcId: number,
    private readonly sink: PacketSink,
    private readonly faults: ConnectionFaults | undefined,
  ) {
    this.plainMsgIds = new ServerMsgIds(host.world.nowMs);
  }

  get isOpen(): boolean {
    return this.sink.isOpen;
  }

  close(): void {
    this.sink.close();
  }

  /** One packet from the client; `isQuickAckRequested` when its frame asked for a quick ack. */
  receive(packet: Uint8Array, isQuickAckRequested = false): void {
    if (!this.sink.isOpen) return;
    if (isPlainPacket(packet)) this.receivePlain(packet);
    else if (packet.length >= 8) this.receiveEncrypted(packet, isQuickAckRequested);
    else this.host.warn(this.dcId, `a ${packet.length}-byte packet ignored`);
  }

  private receivePlain(packet: Uint8Array): void {
    let body: Uint8Array;
    try {
      body = decodePlainMessage(packet).body;
    } catch {
      this.host.warn(this.dcId, 'malformed plain message: closing');
      this.sink.close();
      return;
    }
    const step = HANDSHAKE_STEPS.get(peekId(body));
    if (step && this.faults?.atHandshakeStep === step) {
      this.sink.close();
      return;
    }
    if (step === 'req_pq') this.handshake = undefined;
    this.handshake ??= new ServerHandshake({
      crypto: this.host.crypto,
      rsaKey: this.host.rsaKey,
      nowMs: this.host.world.nowMs,
      random: this.host.world.randomBytes,
    });
    try {
      const { reply, result } = this.handshake.receive(body);
      if (result) this.registerAuthKey(result.authKey, result.serverSalt);
      this.sink.send(encodePlainMessage(this.plainMsgIds.next(true), reply));
      if (result) this.handshake = undefined;
    } catch (error) {
      // A failed check ends the exchange; Telegram just drops such connections.
      this.host.warn(this.dcId, `handshake refused: ${(error as Error).message}`);
      this.handshake = undefined;
      this.sink.close();
    }
  }

  private registerAuthKey(authKey: Uint8Array, serverSalt: bigint): void {
    const id = readInt64(computeAuthKeyId(this.host.crypto, authKey), 0);
    const { world } = this.host;
    world
      .authKeys(this.dcId)
      .add({ id, key: authKey, dcId: this.dcId, createdAtMs: world.nowMs() });
    this.host.runtimes.create(this.dcId, id, serverSalt);
  }

  private receiveEncrypted(packet: Uint8Array, isQuickAckRequested: boolean): void {
    const keyId = readInt64(packet, 0);
    const runtime = this.host.runtimes.get(this.dcId, keyId);
    if (!runtime) {
      // The key is unknown here (never made, or destroyed): the client must create a new one.
      this.sink.sendTransportError(-404);
      return;
    }
    let envelope: ReturnType<typeof openClientPacket>;
    try {
      envelope = openClientPacket(this.host.crypto, runtime.record.key, packet);
    } catch (error) {
      if (!(error instanceof EnvelopeError)) throw error;
      this.host.warn(this.dcId, `${error.message}: packet dropped`);
      return;
    }
    if (isQuickAckRequested) {
      this.sink.sendQuickAck(quickAckToken(this.host.crypto, runtime.record.key, envelope.padded));
    }
    if (this.authKeyId !== keyId) {
      this.authKeyId = keyId;
      this.isDuplicate =
        this.host.isDuplicateKeyRejected && this.host.isKeyInUseElsewhere(this.dcId, keyId, this);
    }
    const { world } = this.host;
    const { session, isNew } = runtime.session(envelope.sessionId, world.nowMs);
    this.host.runtimes.bind(session, this);
    const scope: MessageScope = {
      host: this.host,
      dcId: this.dcId,
      runtime,
      session,
      isDuplicateConnection: this.isDuplicate,
      closeConnection: () => this.sink.close(),
      disconnectAfter: (seconds) => this.sink.disconnectAfter(seconds),
    };
    const nowSeconds = Math.floor(world.nowMs() / 1000);
    if (isNew) {
      session.queue(
        mtprotoCodec().encode({
          _: 'new_session_created',
          firstMsgId: envelope.msgId,
          uniqueId: world.randomLong(),
          serverSalt: runtime.currentSalt(nowSeconds),
        }),
        true,
        false,
      );
    }
    this.handleMessage(scope, envelope.msgId, envelope.seqNo, envelope.body, envelope.salt);
    this.host.runtimes.flush(runtime, session);
  }

  private notifyBadMsg(scope: MessageScope, msgId: bigint, seqNo: number, code: number): void {
    scope.session.queue(
      mtprotoCodec().encode({
        _: 'bad_msg_notification',
        badMsgId: msgId,
        badMsgSeqno: seqNo,
        errorCode: code,
      }),
      false,
      true,
    );
  }

  private notifyBadSalt(scope: MessageScope, msgId: bigint, seqNo: number): void {
    const nowSeconds = Math.floor(this.host.world.nowMs() / 1000);
    scope.session.queue(
      mtprotoCodec().encode({
        _: 'bad_server_salt',
        badMsgId: msgId,
        badMsgSeqno: seqNo,
        errorCode: 48,
        newServerSalt: scope.runtime.currentSalt(nowSeconds),
      }),
      false,
      true,
    );
  }

  /** The security_guidelines checks on a client msg_id: parity (18) and time window (16/17). */
  private msgIdProblem(scope: MessageScope, msgId: bigint): number | undefined {
    if ((msgId & 3n) !== 0n) return 18;
    const seconds = Number(msgId >> 32n);
    const now = this.host.world.nowMs() / 1000;
    if (seconds < now - 300) return 16;
    if (seconds > now + 30) return 17;
    if (scope.session.isBelowWindow(msgId)) return 16;
    return undefined;
  }

  /** One message (top-level, or inside a container: then `salt` is undefined). */
  private handleMessage(
    scope: MessageScope,
    msgId: bigint,
    seqNo: number,
    body: Uint8Array,
    salt: bigint | undefined,
  ): void {
    const { session, runtime } = scope;
    if (session.hasReceived(msgId)) {
      // A resend: answer from the cache if it was an executed request, otherwise ignore it.
      if ((seqNo & 1) === 1) session.pendingAcks.push(msgId);
      replayCached(scope, msgId);
      return;
    }
    const problem = this.msgIdProblem(scope, msgId);
    if (problem !== undefined) {
      this.notifyBadMsg(scope, msgId, seqNo, problem);
      return;
    }
    if (salt !== undefined) {
      const nowSeconds = Math.floor(this.host.world.nowMs() / 1000);
      if (!runtime.acceptsSalt(salt, nowSeconds)) {
        this.notifyBadSalt(scope, msgId, seqNo);
        return;
      }
    }
    const id = peekId(body);
    if (id === ID.msgContainer) {
      if (salt === undefined) return; // containers do not nest
      let inner: ReturnType<typeof decodeContainer>;
      try {
        inner = decodeContainer(body);
      } catch {
        this.notifyBadMsg(scope, msgId, seqNo, 64);
        return;
      }
      session.recordReceived(msgId, seqNo);
      for (const message of inner)
        this.handleMessage(scope, message.msgId, message.seqNo, message.body, undefined);
      return;
    }
    let payload = body;
    if (id === ID.gzipPacked) {
      try {
        payload = unwrapGzip(body, MAX_INFLATED_BYTES);
      } catch {
        this.host.warn(this.dcId, 'gzip_packed that does not inflate: ignored');
        return;
      }
    }
    const serviceName = mtprotoCodec().nameOf(peekId(payload));
    if (serviceName !== undefined) {
      session.recordReceived(msgId, seqNo);
      if ((seqNo & 1) === 1) session.pendingAcks.push(msgId);
      let message: TlObj;
      try {
        message = mtprotoCodec().decode(payload);
      } catch {
        this.host.warn(this.dcId, `malformed ${serviceName} ignored`);
        return;
      }
      handleServiceMessage(scope, msgId, message);
      return;
    }
    this.handleRequest(scope, msgId, seqNo, payload);
  }

  private handleRequest(scope: MessageScope, msgId: bigint, seqNo: number, body: Uint8Array): void {
    const { session } = scope;
    // Every API call is content-related: an even seq_no is a client bug Telegram reports (35).
    if ((seqNo & 1) === 0) {
      this.notifyBadMsg(scope, msgId, seqNo, 35);
      return;
    }
    const seqProblem = session.seqNoProblem(msgId, seqNo);
    if (seqProblem !== undefined) {
      this.notifyBadMsg(scope, msgId, seqNo, seqProblem);
      return;
    }
    const prepared = prepareRpc(scope, body);
    if (this.host.faults.takeBadSalt(this.dcId, prepared.method)) {
      this.notifyBadSalt(scope, msgId, seqNo);
      return;
    }
    session.recordReceived(msgId, seqNo);
    session.pendingAcks.push(msgId);
    executeRpc(scope, msgId, prepared);
  }

  /** Pushes a server-initiated message (an update) into a session and sends it. */
  static pushTo(
    host: ProtocolHost,
    runtime: AuthKeyRuntime,
    session: SessionState,
    body: Uint8Array,
  ): void {
    session.queue(body, true, false);
    host.runtimes.flush(runtime, session);
  }

  flush(runtime: AuthKeyRuntime, session: SessionState): void {
    if (!this.sink.isOpen) return;
    while (session.hasOutgoing) {
      const messages = session.takeMessages((ids) =>
        encodeMsgIdVectorMessage(MTPROTO_IDS.msgsAck, ids),
      );
      if (messages.length === 0) return;
      const single = messages.length === 1 ? messages[0] : undefined;
      const nowSeconds = Math.floor(this.host.world.nowMs() / 1000);
      const packet = sealServerPacket(
        this.host.crypto,
        runtime.record.key,
        {
          salt: runtime.currentSalt(nowSeconds),
          sessionId: session.sessionId,
          // A container's msg_id comes after those of the messages inside it.
          msgId: single?.msgId ?? session.msgIds.next(false),
          seqNo: single?.seqNo ?? session.nextSeqNo(false),
          body: single?.body ?? encodeContainer(messages),
        },
        this.host.world.randomBytes,
      );
      this.sendEncrypted(packet);
    }
  }

  private sendEncrypted(packet: Uint8Array): void {
    const { faults } = this.host;
    const code = faults.takeTransportError(this.dcId);
    if (code !== undefined) {
      this.sink.sendTransportError(code);
      return;
    }
    if (faults.takeWrongMsgKey(this.dcId)) packet[8] ^= 0xff;
    this.sink.send(packet);
    if (faults.takeDuplicate(this.dcId)) this.sink.send(packet);
  }
}
