/**
 * msg_id generation (core.telegram.org/mtproto/description#message-identifier-msg-id):
 * roughly unixtime * 2^32, strictly increasing within a session. Client ids are divisible by 4;
 * server ids are 1 mod 4 for responses to a client message and 3 mod 4 otherwise.
 */

export type MsgIdKind = 'client' | 'server-response' | 'server-other';

const TWO_POW_32 = 4294967296;

function remainderOf(kind: MsgIdKind): bigint {
  if (kind === 'client') return 0n;
  return kind === 'server-response' ? 1n : 3n;
}

export interface MsgIdGeneratorOptions {
  /** Wall clock in milliseconds (may be fractional). Defaults to Date.now. */
  nowMs?: () => number;
  /** Server time minus local time, in seconds (from the handshake or a resync). */
  timeOffsetSeconds?: number;
}

export class MsgIdGenerator {
  private readonly nowMs: () => number;
  private last = 0n;
  /** Server time minus local time, in seconds. */
  timeOffsetSeconds: number;

  constructor(options: MsgIdGeneratorOptions = {}) {
    this.nowMs = options.nowMs ?? Date.now;
    this.timeOffsetSeconds = options.timeOffsetSeconds ?? 0;
  }

  /** The next msg_id of the given kind, never equal to or below a previous one. */
  next(kind: MsgIdKind = 'client'): bigint {
    const ms = this.nowMs() + this.timeOffsetSeconds * 1000;
    const seconds = Math.floor(ms / 1000);
    const fraction = Math.floor(((ms - seconds * 1000) * TWO_POW_32) / 1000);
    const remainder = remainderOf(kind);
    let id = (BigInt(seconds) << 32n) | (BigInt(fraction) & ~3n) | remainder;
    // A zero fraction would make the id look like a whole second; the server prefers a
    // non-zero low word, and monotonicity needs room anyway.
    if ((id & 0xffffffffn) === remainder) id += 4n;
    if (id <= this.last) id = (this.last & ~3n) + 4n + remainder;
    this.last = id;
    return id;
  }

  /** Corrected server time in seconds (fractional). */
  serverNowSeconds(): number {
    return this.nowMs() / 1000 + this.timeOffsetSeconds;
  }

  /**
   * Sets the offset from a server timestamp in seconds (server_DH_inner_data.server_time, or
   * the high word of a server msg_id) and restarts the sequence so ids may go down after a
   * clock correction (bad_msg_notification 17).
   */
  syncToServerTime(serverSeconds: number): void {
    this.timeOffsetSeconds = Math.round(serverSeconds - this.nowMs() / 1000);
    this.last = 0n;
  }

  /** Same as syncToServerTime with the time carried by a server msg_id. */
  syncToServerMsgId(serverMsgId: bigint): void {
    this.syncToServerTime(Number(serverMsgId >> 32n));
  }
}

/** The unix time (seconds, fractional) a msg_id claims. */
export function msgIdSeconds(msgId: bigint): number {
  return Number(msgId >> 32n) + Number(msgId & 0xffffffffn) / TWO_POW_32;
}
