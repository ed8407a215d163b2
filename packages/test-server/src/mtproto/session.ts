import type { InnerMessage } from '@telets/transport';

/** Generates server msg_ids: ~unixtime·2^32, 1 mod 4 for responses and 3 mod 4 otherwise. */
export class ServerMsgIds {
  private last = 0n;

  constructor(private readonly nowMs: () => number) {}

  next(isResponse: boolean): bigint {
    const ms = this.nowMs();
    const seconds = Math.floor(ms / 1000);
    const fraction = Math.floor(((ms - seconds * 1000) * 4294967296) / 1000);
    const remainder = isResponse ? 1n : 3n;
    let id = (BigInt(seconds) << 32n) | (BigInt(fraction) & ~3n) | remainder;
    if (id <= this.last) id = (this.last & ~3n) + 4n + remainder;
    this.last = id;
    return id;
  }
}

export interface Outgoing {
  body: Uint8Array;
  isContentRelated: boolean;
  isResponse: boolean;
}

/** One answered request, kept so that a resend of the same msg_id is answered, not re-executed. */
export interface CachedResult {
  readonly method: string;
  /** The rpc_result body as first sent. */
  readonly body: Uint8Array;
}

const MAX_TRACKED_MSG_IDS = 1024;
const MAX_CACHED_RESULTS = 1024;
const MAX_SENT_KEPT = 256;

// msgs_state_info bytes (core.telegram.org/mtproto/service_messages_about_messages).
const STATE_UNKNOWN = 1;
const STATE_NOT_RECEIVED = 2;
const STATE_TOO_HIGH = 3;
const STATE_RECEIVED = 4;
const STATE_RPC_PROCESSED = 32;
const STATE_ANSWERED = 64;

/**
 * The server side of one MTProto session (auth key + session_id). It outlives connections: a
 * client that reconnects with the same session finds its seen msg_ids, cached results and
 * anything queued while it was away.
 */
export class SessionState {
  readonly msgIds: ServerMsgIds;
  readonly inFlight = new Set<bigint>();
  pendingAcks: bigint[] = [];
  outgoing: Outgoing[] = [];
  private contentCount = 0;
  private readonly received = new Map<bigint, number>();
  private lowestTracked: bigint | undefined;
  private highestSeen = 0n;
  private readonly results = new Map<bigint, CachedResult>();
  private readonly sent = new Map<bigint, Uint8Array>();

  constructor(
    readonly sessionId: bigint,
    nowMs: () => number,
  ) {
    this.msgIds = new ServerMsgIds(nowMs);
  }

  get hasOutgoing(): boolean {
    return this.outgoing.length > 0 || this.pendingAcks.length > 0;
  }

  hasReceived(msgId: bigint): boolean {
    return this.received.has(msgId);
  }

  /** Whether msg_id is below everything remembered once the memory is full (code 16 then). */
  isBelowWindow(msgId: bigint): boolean {
    return (
      this.received.size >= MAX_TRACKED_MSG_IDS &&
      this.lowestTracked !== undefined &&
      msgId < this.lowestTracked
    );
  }

  recordReceived(msgId: bigint, seqNo: number): void {
    this.received.set(msgId, seqNo);
    if (msgId > this.highestSeen) this.highestSeen = msgId;
    if (this.received.size > MAX_TRACKED_MSG_IDS) {
      const oldest = this.received.keys().next().value as bigint;
      this.received.delete(oldest);
    }
    let lowest: bigint | undefined;
    for (const id of this.received.keys()) if (lowest === undefined || id < lowest) lowest = id;
    this.lowestTracked = lowest;
  }

  /**
   * bad_msg_notification 32/33: a content-related message whose seq_no contradicts the order of
   * msg_ids already received (lower id with a higher seq_no, or the reverse).
   */
  seqNoProblem(msgId: bigint, seqNo: number): 32 | 33 | undefined {
    for (const [otherId, otherSeq] of this.received) {
      if ((otherSeq & 1) === 0) continue;
      if (otherId < msgId && otherSeq > seqNo) return 32;
      if (otherId > msgId && otherSeq < seqNo) return 33;
    }
    return undefined;
  }

  nextSeqNo(isContentRelated: boolean): number {
    if (!isContentRelated) return this.contentCount * 2;
    return this.contentCount++ * 2 + 1;
  }

  cacheResult(reqMsgId: bigint, result: CachedResult): void {
    this.results.set(reqMsgId, result);
    if (this.results.size > MAX_CACHED_RESULTS) {
      this.results.delete(this.results.keys().next().value as bigint);
    }
  }

  cachedResult(reqMsgId: bigint): CachedResult | undefined {
    return this.results.get(reqMsgId);
  }

  rememberSent(msgId: bigint, body: Uint8Array): void {
    this.sent.set(msgId, body);
    if (this.sent.size > MAX_SENT_KEPT) this.sent.delete(this.sent.keys().next().value as bigint);
  }

  sentBody(msgId: bigint): Uint8Array | undefined {
    return this.sent.get(msgId);
  }

  /** One msgs_state_info byte for a client msg_id. */
  stateOf(msgId: bigint): number {
    if (this.received.has(msgId)) {
      let state = STATE_RECEIVED;
      if (this.inFlight.has(msgId)) state |= STATE_RPC_PROCESSED;
      if (this.results.has(msgId)) state |= STATE_RPC_PROCESSED | STATE_ANSWERED;
      return state;
    }
    if (msgId > this.highestSeen) return STATE_TOO_HIGH;
    if (this.lowestTracked === undefined || msgId < this.lowestTracked) return STATE_UNKNOWN;
    return STATE_NOT_RECEIVED;
  }

  queue(body: Uint8Array, isContentRelated: boolean, isResponse: boolean): void {
    this.outgoing.push({ body, isContentRelated, isResponse });
  }

  /**
   * Numbers what is queued (acks first) for one packet: at most 100 messages and about 1 MiB,
   * as Telegram's containers allow.
   */
  takeMessages(ackBody: (ids: bigint[]) => Uint8Array): InnerMessage[] {
    const messages: InnerMessage[] = [];
    if (this.pendingAcks.length > 0) {
      const ids = this.pendingAcks.splice(0, 8192);
      messages.push({
        msgId: this.msgIds.next(false),
        seqNo: this.nextSeqNo(false),
        body: ackBody(ids),
      });
    }
    let bytes = 0;
    while (this.outgoing.length > 0 && messages.length < 100) {
      const next = this.outgoing[0];
      if (messages.length > 0 && bytes + next.body.length > 1_000_000) break;
      this.outgoing.shift();
      bytes += next.body.length;
      const msgId = this.msgIds.next(next.isResponse);
      if (next.isContentRelated) this.rememberSent(msgId, next.body);
      messages.push({ msgId, seqNo: this.nextSeqNo(next.isContentRelated), body: next.body });
    }
    return messages;
  }
}
