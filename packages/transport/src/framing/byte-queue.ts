/**
 * Growable FIFO of bytes for incremental decoding: chunks are appended at the end and
 * whole frames taken from the front, without re-copying the unread bytes on every chunk.
 * A chunk pushed into an empty queue is read in place (borrowed) until `release()`, which
 * copies what is left: whole frames then cost one copy instead of two.
 */
export class ByteQueue {
  private buffer: Uint8Array = new Uint8Array(0);
  private owned: Uint8Array = new Uint8Array(0);
  private isBorrowed = false;
  private start = 0;
  private end = 0;

  get length(): number {
    return this.end - this.start;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.start === this.end) {
      this.buffer = chunk;
      this.isBorrowed = true;
      this.start = 0;
      this.end = chunk.length;
      return;
    }
    if (this.isBorrowed) this.release();
    if (this.end + chunk.length > this.buffer.length) this.makeRoom(chunk.length);
    this.buffer.set(chunk, this.end);
    this.end += chunk.length;
  }

  byteAt(offset: number): number {
    return this.buffer[this.start + offset];
  }

  uint32LE(offset: number): number {
    const i = this.start + offset;
    const b = this.buffer;
    return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
  }

  int32LE(offset: number): number {
    return this.uint32LE(offset) | 0;
  }

  uint32BE(offset: number): number {
    const i = this.start + offset;
    const b = this.buffer;
    return ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
  }

  /** A view of the next `byteLength` bytes; valid only until the next push. */
  peek(byteLength: number): Uint8Array {
    return this.buffer.subarray(this.start, this.start + byteLength);
  }

  /** Copies `byteLength` bytes starting at `offset` out, then drops `offset + byteLength + dropAfter`. */
  take(offset: number, byteLength: number, dropAfter = 0): Uint8Array {
    const from = this.start + offset;
    // Not buffer.slice(): on a borrowed Node Buffer that would be a view, not a copy.
    const out = new Uint8Array(byteLength);
    out.set(this.buffer.subarray(from, from + byteLength));
    this.skip(offset + byteLength + dropAfter);
    return out;
  }

  skip(byteLength: number): void {
    this.start += byteLength;
    if (this.start === this.end) this.clear();
  }

  /** Stops borrowing the caller's chunk: copies the unread bytes into the queue's own buffer. */
  release(): void {
    if (!this.isBorrowed) return;
    const unread = this.buffer.subarray(this.start, this.end);
    this.isBorrowed = false;
    this.buffer = this.owned;
    this.start = 0;
    this.end = 0;
    if (unread.length > this.buffer.length) this.makeRoom(unread.length);
    this.buffer.set(unread, 0);
    this.end = unread.length;
  }

  private clear(): void {
    if (this.isBorrowed) {
      this.isBorrowed = false;
      this.buffer = this.owned;
    }
    this.start = 0;
    this.end = 0;
  }

  private makeRoom(extra: number): void {
    const used = this.end - this.start;
    const needed = used + extra;
    if (needed <= this.buffer.length) {
      this.buffer.copyWithin(0, this.start, this.end);
    } else {
      const grown = new Uint8Array(Math.max(needed, this.buffer.length * 2, 4096));
      grown.set(this.buffer.subarray(this.start, this.end));
      this.buffer = grown;
      this.owned = grown;
    }
    this.start = 0;
    this.end = used;
  }
}
