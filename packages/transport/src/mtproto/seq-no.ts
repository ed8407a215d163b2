/**
 * seq_no (core.telegram.org/mtproto/description#message-sequence-number-msg-seqno): twice the
 * number of content-related messages sent before, plus one if this message is content-related.
 */
export class SeqNoCounter {
  private contentRelatedCount = 0;

  next(isContentRelated: boolean): number {
    if (!isContentRelated) return this.contentRelatedCount * 2;
    return this.contentRelatedCount++ * 2 + 1;
  }

  /** Restart at zero (a new session). */
  reset(): void {
    this.contentRelatedCount = 0;
  }

  /** Move the counter by `delta` content-related messages (repairing bad_msg 32/33). */
  shift(delta: number): void {
    this.contentRelatedCount = Math.max(0, this.contentRelatedCount + delta);
  }
}

/** Content-related messages need an acknowledgement; only acks and containers are not. */
export function isContentRelatedSeqNo(seqNo: number): boolean {
  return (seqNo & 1) === 1;
}
