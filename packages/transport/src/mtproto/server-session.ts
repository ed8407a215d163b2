/**
 * The server side of an encrypted MTProto session, sans IO, for local test servers. It decrypts
 * client packets (x = 0) with the checks a server makes (auth key, msg_key, even msg_id, time
 * window, duplicates, server salt), learns the session id and announces new sessions, unpacks
 * containers and gzip, acknowledges content-related messages, answers pings, and packs answers
 * (rpc_result, rpc_error, updates, service messages) into encrypted packets (x = 8) with server
 * msg_ids (1 mod 4 for responses, 3 mod 4 otherwise).
 */
import type { CryptoProvider } from '@telets/crypto';
import { is, serialize, type TlObject, TlReader } from '@telets/tl-schema';
import { readInt64LE } from './bytes.js';
import { EncryptedCodec } from './encrypted-codec.js';
import {
  DEFAULT_MAX_INFLATED_BYTES,
  decodeContainer,
  encodeContainer,
  encodeMsgIdVectorMessage,
  encodeRpcResult,
  ID,
  type InnerMessage,
  MAX_CONTAINER_MESSAGES,
  maybeGzip,
  peekConstructorId,
  unwrapGzip,
} from './message-codec.js';
import { MsgIdGenerator } from './msg-id.js';
import { MsgIdWindow } from './msg-id-window.js';
import { SeqNoCounter } from './seq-no.js';

export interface ServerSessionOptions {
  crypto: CryptoProvider;
  authKey: Uint8Array;
  /** The salt clients must use; a message with another salt gets bad_server_salt. */
  serverSalt: bigint;
  nowMs?: () => number;
  random?: (n: number) => Uint8Array;
  /** Results at least this long are sent gzip_packed when that saves bytes. Default 512. */
  gzipThresholdBytes?: number;
}

/** Answers kept for resent requests; older ones fall out first. */
const MAX_CACHED_ANSWERS = 1024;

export type ServerIncoming =
  /** A client message the application must answer (a request or another service call). */
  | {
      type: 'request';
      msgId: bigint;
      seqNo: number;
      body: Uint8Array;
      /** The client sent this msg_id before (a resend after a reconnect) and it has no answer yet. */
      isResend?: boolean;
    }
  /** A resent request that was already answered: the cached answer was queued again. */
  | { type: 'replayed'; msgId: bigint }
  /** The client opened a new session (new_session_created is already queued). */
  | { type: 'new-session'; sessionId: bigint; firstMsgId: bigint }
  /** The client acknowledged these server msg_ids. */
  | { type: 'ack'; msgIds: bigint[] }
  /** A ping (the pong is already queued); disconnectDelaySeconds for ping_delay_disconnect. */
  | { type: 'ping'; pingId: bigint; disconnectDelaySeconds: number | undefined }
  /** A message was refused and a notification queued (bad salt, bad time, duplicate). */
  | { type: 'rejected'; msgId: bigint; reason: string };

interface Outgoing {
  body: Uint8Array;
  isContentRelated: boolean;
  isResponse: boolean;
}

export class ServerSession {
  readonly codec: EncryptedCodec;
  readonly msgIds: MsgIdGenerator;
  private readonly options: ServerSessionOptions;
  private readonly seqNo = new SeqNoCounter();
  private readonly window = new MsgIdWindow();
  /** rpc_result bodies by request msg_id, so a resent request is answered, not run again. */
  private readonly answers = new Map<bigint, Uint8Array>();
  private readonly random: (n: number) => Uint8Array;
  private outgoing: Outgoing[] = [];
  private pendingAcks: bigint[] = [];
  /** Learned from the first client message; undefined before. */
  sessionId: bigint | undefined;
  serverSalt: bigint;

  constructor(options: ServerSessionOptions) {
    this.options = options;
    this.random = options.random ?? ((n) => options.crypto.randomBytes(n));
    this.codec = new EncryptedCodec({
      crypto: options.crypto,
      authKey: options.authKey,
      role: 'server',
      random: options.random,
    });
    this.msgIds = new MsgIdGenerator({ nowMs: options.nowMs });
    this.serverSalt = BigInt.asIntN(64, options.serverSalt);
  }

  get hasOutgoing(): boolean {
    return this.outgoing.length > 0 || this.pendingAcks.length > 0;
  }

  /** Decrypts one client packet. Throws SecurityError when it fails a check. */
  receive(packet: Uint8Array): ServerIncoming[] {
    const envelope = this.codec.decrypt(packet);
    const events: ServerIncoming[] = [];
    if (envelope.sessionId !== this.sessionId) {
      // first_msg_id is the first message of the new session: inside a container, its first one.
      const firstMsgId =
        peekConstructorId(envelope.body) === ID.msgContainer
          ? (decodeContainer(envelope.body)[0]?.msgId ?? envelope.msgId)
          : envelope.msgId;
      this.sessionId = envelope.sessionId;
      this.seqNo.reset();
      this.window.clear();
      this.outgoing = [];
      this.pendingAcks = [];
      this.queue(
        serialize({
          _: 'new_session_created',
          firstMsgId,
          uniqueId: readInt64LE(this.random(8), 0),
          serverSalt: this.serverSalt,
        }),
        true,
        false,
      );
      events.push({ type: 'new-session', sessionId: envelope.sessionId, firstMsgId });
    }
    const verdict = this.window.check(envelope.msgId, this.msgIds.serverNowSeconds());
    if (verdict === 'duplicate' && (envelope.seqNo & 1) === 1) {
      // A client resending a request after a reconnect keeps its msg_id (content-related only).
      this.handle(envelope.msgId, envelope.seqNo, envelope.body, true, events, true);
      return events;
    }
    if (verdict !== 'ok') {
      if (verdict !== 'duplicate')
        this.badMsg(envelope.msgId, envelope.seqNo, verdict === 'too-old' ? 16 : 17);
      events.push({ type: 'rejected', msgId: envelope.msgId, reason: verdict });
      return events;
    }
    if (envelope.salt !== this.serverSalt) {
      this.queue(
        serialize({
          _: 'bad_server_salt',
          badMsgId: envelope.msgId,
          badMsgSeqno: envelope.seqNo,
          errorCode: 48,
          newServerSalt: this.serverSalt,
        }),
        false,
        true,
      );
      events.push({ type: 'rejected', msgId: envelope.msgId, reason: 'bad server salt' });
      return events;
    }
    this.handle(envelope.msgId, envelope.seqNo, envelope.body, true, events);
    return events;
  }

  private handle(
    msgId: bigint,
    seqNo: number,
    body: Uint8Array,
    isTopLevel: boolean,
    events: ServerIncoming[],
    isResend = false,
  ): void {
    if (!isTopLevel && !isResend) {
      const verdict = this.window.check(msgId);
      if (verdict === 'duplicate' && (seqNo & 1) === 1) {
        this.handle(msgId, seqNo, body, false, events, true);
        return;
      }
      if (verdict !== 'ok') return;
    }
    if (!isResend) this.window.record(msgId);
    if ((seqNo & 1) === 1) this.pendingAcks.push(msgId);
    const cached = isResend ? this.answers.get(msgId) : undefined;
    if (cached) {
      this.queue(cached, true, true);
      events.push({ type: 'replayed', msgId });
      return;
    }
    let payload = body;
    const constructorId = peekConstructorId(payload);
    if (constructorId === ID.msgContainer && isTopLevel) {
      for (const inner of decodeContainer(payload)) {
        this.handle(inner.msgId, inner.seqNo, inner.body, false, events);
      }
      return;
    }
    if (constructorId === ID.gzipPacked) {
      payload = unwrapGzip(payload, DEFAULT_MAX_INFLATED_BYTES);
    }
    const id = peekConstructorId(payload);
    if (id === ID.msgsAck) {
      const ack = new TlReader(payload).object();
      if (is('msgs_ack', ack)) events.push({ type: 'ack', msgIds: ack.msgIds });
      return;
    }
    if (id === ID.ping || id === ID.pingDelayDisconnect) {
      const ping = new TlReader(payload).object();
      if (is('ping', ping) || is('ping_delay_disconnect', ping)) {
        this.queue(serialize({ _: 'pong', msgId, pingId: ping.pingId }), true, true);
        events.push({
          type: 'ping',
          pingId: ping.pingId,
          disconnectDelaySeconds: is('ping_delay_disconnect', ping)
            ? ping.disconnectDelay
            : undefined,
        });
      }
      return;
    }
    events.push(
      isResend
        ? { type: 'request', msgId, seqNo, body: payload, isResend }
        : { type: 'request', msgId, seqNo, body: payload },
    );
  }

  private badMsg(badMsgId: bigint, badMsgSeqno: number, errorCode: number): void {
    this.queue(
      serialize({ _: 'bad_msg_notification', badMsgId, badMsgSeqno, errorCode }),
      false,
      true,
    );
  }

  /** Queues a bad_msg_notification (e.g. for fault injection). */
  sendBadMsgNotification(badMsgId: bigint, badMsgSeqno: number, errorCode: number): void {
    this.badMsg(badMsgId, badMsgSeqno, errorCode);
  }

  /** Queues rpc_result for a request; `result` is a TL object or its serialized bytes. */
  sendResult(reqMsgId: bigint, result: TlObject | Uint8Array): void {
    const bytes = result instanceof Uint8Array ? result : serialize(result);
    const packed = maybeGzip(bytes, this.options.gzipThresholdBytes ?? 512);
    const answer = encodeRpcResult(reqMsgId, packed);
    this.answers.set(reqMsgId, answer);
    if (this.answers.size > MAX_CACHED_ANSWERS) {
      this.answers.delete(this.answers.keys().next().value as bigint);
    }
    this.queue(answer, true, true);
  }

  /** Queues rpc_result carrying rpc_error, e.g. (420, 'FLOOD_WAIT_31'). */
  sendError(reqMsgId: bigint, errorCode: number, errorMessage: string): void {
    this.sendResult(reqMsgId, { _: 'rpc_error', errorCode, errorMessage });
  }

  /** Queues a server-initiated message (an update or a service message). */
  sendUpdate(body: TlObject | Uint8Array, isContentRelated = true): void {
    this.queue(body instanceof Uint8Array ? body : serialize(body), isContentRelated, false);
  }

  /** Queues a raw message as is (for fault injection: duplicates, odd service messages). */
  sendRaw(body: Uint8Array, options: { isContentRelated: boolean; isResponse: boolean }): void {
    this.queue(body, options.isContentRelated, options.isResponse);
  }

  private queue(body: Uint8Array, isContentRelated: boolean, isResponse: boolean): void {
    this.outgoing.push({ body, isContentRelated, isResponse });
  }

  /**
   * Packs everything queued (acks first) into one encrypted packet; undefined when idle or
   * before the client has opened a session.
   */
  nextPacket(): Uint8Array | undefined {
    if (this.sessionId === undefined || !this.hasOutgoing) return undefined;
    const messages: InnerMessage[] = [];
    const take = (item: Outgoing): void => {
      messages.push({
        msgId: this.msgIds.next(item.isResponse ? 'server-response' : 'server-other'),
        seqNo: this.seqNo.next(item.isContentRelated),
        body: item.body,
      });
    };
    if (this.pendingAcks.length > 0) {
      const ids = this.pendingAcks.splice(0, 8192);
      take({
        body: encodeMsgIdVectorMessage(ID.msgsAck, ids),
        isContentRelated: false,
        isResponse: false,
      });
    }
    while (this.outgoing.length > 0 && messages.length < MAX_CONTAINER_MESSAGES) {
      take(this.outgoing.shift() as Outgoing);
    }
    const single = messages.length === 1 ? messages[0] : undefined;
    return this.codec.encrypt({
      salt: this.serverSalt,
      sessionId: this.sessionId,
      msgId: single?.msgId ?? this.msgIds.next('server-other'),
      seqNo: single?.seqNo ?? this.seqNo.next(false),
      body: single?.body ?? encodeContainer(messages),
    });
  }

  /** Encrypts one message on its own with explicit fields (fault injection, replays). */
  encryptRaw(fields: {
    msgId: bigint;
    seqNo: number;
    body: Uint8Array;
    salt?: bigint;
    sessionId?: bigint;
  }): Uint8Array {
    return this.codec.encrypt({
      salt: fields.salt ?? this.serverSalt,
      sessionId: fields.sessionId ?? this.sessionId ?? 0n,
      msgId: fields.msgId,
      seqNo: fields.seqNo,
      body: fields.body,
    });
  }
}
