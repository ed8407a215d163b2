/**
 * Replay protection for incoming msg_ids (security_guidelines, "Checking msg_id"): remember the
 * last N ids; an id equal to one of them, or lower than all of them once the window is full, is
 * ignored. Optionally also ignore ids more than 30 s in the future or 300 s in the past.
 */
import { msgIdSeconds } from './msg-id.js';

export type MsgIdVerdict = 'ok' | 'duplicate' | 'too-old' | 'too-far-future';

export const DEFAULT_MSG_ID_WINDOW = 500;
export const MAX_FUTURE_SECONDS = 30;
export const MAX_PAST_SECONDS = 300;

export class MsgIdWindow {
  private readonly capacity: number;
  /** Remembered ids in ascending order (ids mostly arrive in order, so inserts append). */
  private readonly sorted: bigint[] = [];
  private readonly seen = new Set<bigint>();

  constructor(capacity = DEFAULT_MSG_ID_WINDOW) {
    this.capacity = capacity;
  }

  /** Checks an id without recording it. `serverNowSeconds` enables the time check. */
  check(msgId: bigint, serverNowSeconds?: number): MsgIdVerdict {
    if (this.seen.has(msgId)) return 'duplicate';
    if (this.sorted.length >= this.capacity && msgId < this.sorted[0]) return 'too-old';
    if (serverNowSeconds !== undefined) {
      const delta = msgIdSeconds(msgId) - serverNowSeconds;
      if (delta > MAX_FUTURE_SECONDS) return 'too-far-future';
      if (delta < -MAX_PAST_SECONDS) return 'too-old';
    }
    return 'ok';
  }

  record(msgId: bigint): void {
    if (this.seen.has(msgId)) return;
    this.seen.add(msgId);
    let index = this.sorted.length;
    while (index > 0 && this.sorted[index - 1] > msgId) index--;
    this.sorted.splice(index, 0, msgId);
    if (this.sorted.length > this.capacity) {
      const dropped = this.sorted.shift() as bigint;
      this.seen.delete(dropped);
    }
  }

  has(msgId: bigint): boolean {
    return this.seen.has(msgId);
  }

  clear(): void {
    this.seen.clear();
    this.sorted.length = 0;
  }
}
