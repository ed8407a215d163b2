/**
 * The client side of an encrypted MTProto session, sans IO: requests go in with `enqueue`,
 * packets come out of `nextPacket`, packets from the server go into `receive`, which returns
 * what happened (answers, errors, updates, session events). Service messages (acks, salts,
 * bad_msg_notification, new_session_created, pong, msgs_state_req, msg_detailed_info,
 * msg_resend_req, future_salts) are handled here; nothing touches sockets or timers.
 */
import { is, type TlObject, TlReader } from '@telets/tl-schema';
import { badMsgRemedy } from './bad-msg.js';
import { readInt64LE } from './bytes.js';
import type {
  ClientSessionOptions,
  OutgoingPacket,
  OutgoingRequest,
  SessionEvent,
} from './client-session-types.js';
import { EncryptedCodec } from './encrypted-codec.js';
import { BadMessageError, type MtprotoError, RpcError, SecurityError } from './errors.js';
import {
  DEFAULT_MAX_INFLATED_BYTES,
  decodeContainer,
  decodeRpcResult,
  encodeContainer,
  encodeMsgIdVectorMessage,
  encodeMsgsStateInfo,
  ID,
  MAX_CONTAINER_BYTES,
  MAX_CONTAINER_MESSAGES,
  maybeGzip,
  peekConstructorId,
  SERVICE_MESSAGE_IDS,
  unwrapGzip,
} from './message-codec.js';
import { MsgIdGenerator } from './msg-id.js';
import { type MsgIdVerdict, MsgIdWindow } from './msg-id-window.js';
import { packOutgoing } from './outgoing-batch.js';
import { RequestTracker, type TrackedRequest } from './request-tracker.js';
import { SaltStore } from './salts.js';
import { SeqNoCounter } from './seq-no.js';

/** Servers refuse msg_ids more than 300 s old; resending under the old id stops short of that. */
const REUSE_MSG_ID_MAX_AGE_SECONDS = 240;

export type { ClientSessionOptions, OutgoingPacket, OutgoingRequest, SessionEvent };

export class ClientSession {
  readonly codec: EncryptedCodec;
  readonly msgIds: MsgIdGenerator;
  private readonly seqNo = new SeqNoCounter();
  private readonly window = new MsgIdWindow();
  private readonly tracker = new RequestTracker();
  private readonly random: (n: number) => Uint8Array;
  private readonly options: ClientSessionOptions;
  private pendingAcks: bigint[] = [];
  private serviceQueue: Uint8Array[] = [];
  private readonly salts: SaltStore;
  private isTimeSynced: boolean;
  sessionId: bigint;
  constructor(options: ClientSessionOptions) {
    this.options = options;
    this.random = options.random ?? ((n) => options.crypto.randomBytes(n));
    this.codec = new EncryptedCodec({
      crypto: options.crypto,
      authKey: options.authKey,
      role: 'client',
      random: options.random,
    });
    this.msgIds = new MsgIdGenerator({
      nowMs: options.nowMs,
      timeOffsetSeconds: options.timeOffsetSeconds,
    });
    this.isTimeSynced = options.isTimeSynced ?? false;
    this.sessionId = options.sessionId ?? readInt64LE(this.random(8), 0);
    this.salts = new SaltStore(options.serverSalt ?? 0n);
  }

  /** The salt outgoing messages carry now. */
  get serverSalt(): bigint {
    return this.salts.current;
  }

  get timeOffsetSeconds(): number {
    return this.msgIds.timeOffsetSeconds;
  }

  /** Requests not answered yet (queued or in flight). */
  get pendingCount(): number {
    return this.tracker.liveCount;
  }

  /** True when `nextPacket` would produce something. */
  get hasOutgoing(): boolean {
    return (
      this.tracker.queuedCount > 0 || this.pendingAcks.length > 0 || this.serviceQueue.length > 0
    );
  }

  /** Requests or service answers are waiting (as opposed to acks alone, which may wait). */
  get hasUrgentOutgoing(): boolean {
    return this.tracker.queuedCount > 0 || this.serviceQueue.length > 0;
  }

  get hasPendingAcks(): boolean {
    return this.pendingAcks.length > 0;
  }

  enqueue(request: OutgoingRequest): void {
    this.tracker.add({
      key: request.key,
      name: request.name,
      wireBody: maybeGzip(request.body, this.options.gzipThresholdBytes ?? 512),
      msgIds: [],
      containerIds: [],
      resends: 0,
      isContainerForbidden: false,
      isAcked: false,
    });
  }

  /** Forgets a request (timeout, abort); a later answer to it is acknowledged and ignored. */
  cancel(key: number): boolean {
    const request = this.tracker.get(key);
    if (!request) return false;
    this.tracker.remove(request);
    return true;
  }

  /** Whether the server acknowledged receiving the request (msgs_ack). */
  isAcked(key: number): boolean {
    return this.tracker.get(key)?.isAcked ?? false;
  }

  /** msg_ids the request has been sent under so far (for tests and diagnostics). */
  msgIdsOf(key: number): readonly bigint[] {
    return this.tracker.get(key)?.msgIds ?? [];
  }

  /**
   * After a reconnect within the same session: everything sent but not answered is queued again
   * under its original msg_id and seq_no while the server still accepts that msg_id, so a
   * request whose answer was lost is answered from the server's cache, never executed twice.
   * Older ones get new msg_ids (the old ids stay valid, so a late answer resolves them once).
   */
  requeueInFlight(): void {
    const nowSeconds = this.msgIds.serverNowSeconds();
    this.tracker.requeue(
      this.tracker.inFlight(),
      (header) => nowSeconds - Number(header.msgId >> 32n) <= REUSE_MSG_ID_MAX_AGE_SECONDS,
    );
  }

  /** Starts a fresh session (new id, seq_no from zero) and requeues everything in flight. */
  startNewSession(sessionId?: bigint): void {
    this.sessionId = sessionId ?? readInt64LE(this.random(8), 0);
    this.seqNo.reset();
    this.window.clear();
    this.pendingAcks = [];
    // A new session has no record of the old msg_ids: every copy gets a fresh header.
    this.tracker.requeue(this.tracker.inFlight());
  }

  /** Rejects and forgets every live request; returns their keys. */
  drain(): number[] {
    return this.tracker.drain().map((request) => request.key);
  }

  /** Builds the next packet: pending acks, service answers and queued requests, packed. */
  nextPacket(): OutgoingPacket | undefined {
    if (!this.hasOutgoing) return undefined;
    const { messages, carried } = packOutgoing(
      {
        pendingAcks: this.pendingAcks,
        serviceQueue: this.serviceQueue,
        tracker: this.tracker,
        nextHeader: (isContentRelated: boolean) => ({
          msgId: this.msgIds.next('client'),
          seqNo: this.seqNo.next(isContentRelated),
        }),
      },
      {
        maxMessages: this.options.maxContainerMessages ?? MAX_CONTAINER_MESSAGES,
        maxBytes: this.options.maxContainerBytes ?? MAX_CONTAINER_BYTES,
      },
    );
    let body: Uint8Array;
    let msgId: bigint;
    let seqNo: number;
    if (messages.length === 1) {
      ({ body, msgId, seqNo } = messages[0]);
    } else {
      body = encodeContainer(messages);
      msgId = this.msgIds.next('client');
      seqNo = this.seqNo.next(false);
      this.tracker.markContainer(msgId, carried);
    }
    const packet = this.codec.encrypt({
      salt: this.salts.pick(this.msgIds.serverNowSeconds()),
      sessionId: this.sessionId,
      msgId,
      seqNo,
      body,
    });
    return { packet, msgId, keys: carried.map((request) => request.key) };
  }

  /**
   * Decrypts and processes one packet from the server. Throws SecurityError when the packet
   * fails a check (it is then discarded as a whole; the caller should reconnect).
   */
  receive(packet: Uint8Array): SessionEvent[] {
    const envelope = this.codec.decrypt(packet);
    if (envelope.sessionId !== this.sessionId) {
      throw new SecurityError('session_id', 'the message belongs to another session');
    }
    const events: SessionEvent[] = [];
    if (!this.isTimeSynced) {
      this.msgIds.syncToServerMsgId(envelope.msgId);
      this.isTimeSynced = true;
      events.push({ type: 'time-sync', offsetSeconds: this.msgIds.timeOffsetSeconds });
    }
    this.handleMessage(envelope.msgId, envelope.seqNo, envelope.body, true, events);
    return events;
  }

  private handleMessage(
    msgId: bigint,
    seqNo: number,
    body: Uint8Array,
    isTopLevel: boolean,
    events: SessionEvent[],
  ): void {
    const constructorId = peekConstructorId(body);
    const verdict = this.window.check(msgId, this.msgIds.serverNowSeconds());
    // Notifications about our own msg_ids are how a wrong clock gets repaired, so the time
    // window must not hide them (security_guidelines, "Checking msg_id").
    const isTimeExempt =
      constructorId === ID.badMsgNotification || constructorId === ID.badServerSalt;
    if (verdict === 'duplicate' || (verdict !== 'ok' && !isTimeExempt)) {
      if ((seqNo & 1) === 1 && verdict === 'duplicate') this.pendingAcks.push(msgId);
      events.push({ type: 'ignored', msgId, reason: verdict as Exclude<MsgIdVerdict, 'ok'> });
      return;
    }
    this.window.record(msgId);
    if ((seqNo & 1) === 1) this.pendingAcks.push(msgId);

    switch (constructorId) {
      case ID.msgContainer:
        if (!isTopLevel) throw new SecurityError('container', 'nested msg_container');
        for (const inner of decodeContainer(body)) {
          this.handleMessage(inner.msgId, inner.seqNo, inner.body, false, events);
        }
        return;
      case ID.gzipPacked:
        this.dispatch(msgId, unwrapGzip(body, this.maxInflated), events);
        return;
      default:
        this.dispatch(msgId, body, events);
    }
  }

  private get maxInflated(): number {
    return this.options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;
  }

  private dispatch(msgId: bigint, body: Uint8Array, events: SessionEvent[]): void {
    const constructorId = peekConstructorId(body);
    if (constructorId === ID.rpcResult) {
      this.onRpcResult(body, events);
      return;
    }
    if (!SERVICE_MESSAGE_IDS.has(constructorId)) {
      events.push({ type: 'update', msgId, body });
      return;
    }
    let object: TlObject;
    try {
      object = new TlReader(body).object();
    } catch {
      // Authentic (msg_key checked) but not parseable with our schema: nothing to act on.
      return;
    }
    this.onService(msgId, body, object, events);
  }

  private onRpcResult(body: Uint8Array, events: SessionEvent[]): void {
    const { reqMsgId, result } = decodeRpcResult(body);
    const request = this.tracker.byMessage(reqMsgId);
    if (!request) return;
    this.tracker.remove(request);
    const payload = unwrapGzip(result, this.maxInflated);
    if (peekConstructorId(payload) === ID.rpcError) {
      const error = new TlReader(payload).object();
      if (is('rpc_error', error)) {
        events.push({
          type: 'error',
          key: request.key,
          error: new RpcError(error.errorCode, error.errorMessage, request.name),
        });
        return;
      }
    }
    events.push({ type: 'result', key: request.key, body: payload });
  }

  private onService(msgId: bigint, body: Uint8Array, object: TlObject, events: SessionEvent[]) {
    if (is('msgs_ack', object)) {
      for (const id of object.msgIds) {
        for (const request of this.tracker.affectedBy(id)) request.isAcked = true;
      }
    } else if (is('bad_server_salt', object)) {
      const affected = this.tracker.affectedBy(object.badMsgId);
      if (affected.length === 0) return;
      this.salts.set(object.newServerSalt);
      events.push({ type: 'salt', salt: object.newServerSalt });
      this.resend(affected, object.errorCode, events);
    } else if (is('bad_msg_notification', object)) {
      this.onBadMsg(msgId, object.badMsgId, object.errorCode, events);
    } else if (is('new_session_created', object)) {
      this.salts.set(object.serverSalt);
      events.push({ type: 'salt', salt: object.serverSalt });
      events.push({
        type: 'new-session',
        firstMsgId: object.firstMsgId,
        uniqueId: object.uniqueId,
      });
      // Messages sent before first_msg_id went to a session the server no longer has.
      const lost = this.tracker
        .inFlight()
        .filter((request) => request.msgIds[request.msgIds.length - 1] < object.firstMsgId);
      this.tracker.requeue(lost);
    } else if (is('pong', object)) {
      this.resolveByMsgId(object.msgId, body, events);
    } else if (is('msgs_state_info', object)) {
      this.resolveByMsgId(object.reqMsgId, body, events);
    } else if (is('future_salts', object)) {
      this.salts.setFuture(object.salts);
      this.resolveByMsgId(object.reqMsgId, body, events);
    } else if (is('msgs_state_req', object)) {
      this.answerStateRequest(msgId, object.msgIds);
    } else if (is('msg_detailed_info', object) || is('msg_new_detailed_info', object)) {
      if (this.window.has(object.answerMsgId)) this.pendingAcks.push(object.answerMsgId);
      else {
        this.serviceQueue.push(encodeMsgIdVectorMessage(ID.msgResendReq, [object.answerMsgId]));
      }
    } else if (is('msg_resend_req', object)) {
      this.tracker.requeue(object.msgIds.flatMap((id) => this.tracker.affectedBy(id)));
    } else if (is('destroy_session_ok', object) || is('destroy_session_none', object)) {
      // Sent bare, without req_msg_id: it answers our oldest destroy_session in flight.
      const request = this.tracker.inFlight().find((other) => other.name === 'destroy_session');
      if (request) this.resolveByMsgId(request.msgIds[request.msgIds.length - 1], body, events);
    }
    // msgs_all_info, http_wait: nothing to do beyond the ack.
  }

  private onBadMsg(
    notificationMsgId: bigint,
    badMsgId: bigint,
    code: number,
    events: SessionEvent[],
  ): void {
    const affected = this.tracker.affectedBy(badMsgId);
    if (affected.length === 0) return;
    const remedy = badMsgRemedy(code);
    if (remedy === 'fail') {
      for (const request of affected) {
        this.fail(request, new BadMessageError(code, request.name), events);
      }
      return;
    }
    if (remedy === 'resync-time') {
      // The notification's own msg_id carries the server's clock.
      this.msgIds.syncToServerMsgId(notificationMsgId);
      this.isTimeSynced = true;
      events.push({ type: 'time-sync', offsetSeconds: this.msgIds.timeOffsetSeconds });
    } else if (remedy === 'seq-up') {
      this.seqNo.shift(64);
    } else if (remedy === 'seq-down') {
      this.seqNo.shift(-16);
    } else if (remedy === 'no-container') {
      for (const request of affected) request.isContainerForbidden = true;
    }
    this.resend(affected, code, events);
  }

  private resend(requests: TrackedRequest[], code: number, events: SessionEvent[]): void {
    const retry: TrackedRequest[] = [];
    for (const request of requests) {
      request.resends++;
      if (request.resends > (this.options.maxResends ?? 5)) {
        this.fail(request, new BadMessageError(code, request.name), events);
      } else retry.push(request);
    }
    this.tracker.requeue(retry);
  }

  private fail(request: TrackedRequest, error: MtprotoError, events: SessionEvent[]): void {
    this.tracker.remove(request);
    events.push({ type: 'error', key: request.key, error });
  }

  private resolveByMsgId(reqMsgId: bigint, body: Uint8Array, events: SessionEvent[]): void {
    const request = this.tracker.byMessage(reqMsgId);
    if (!request) return;
    this.tracker.remove(request);
    events.push({ type: 'result', key: request.key, body });
  }

  private answerStateRequest(reqMsgId: bigint, msgIds: readonly bigint[]): void {
    // 4 = received, 1 = nothing known about the message (mtproto/service_messages_about_messages).
    const info = Uint8Array.from(msgIds, (id) => (this.window.has(id) ? 4 : 1));
    this.serviceQueue.push(encodeMsgsStateInfo(reqMsgId, info));
  }
}
