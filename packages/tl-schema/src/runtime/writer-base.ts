import { TlWriteError } from '../errors';
import { ID_BOOL_FALSE, ID_BOOL_TRUE, ID_VECTOR } from './ids';
import { encodeUtf8Into } from './utf8';

const MAX_BYTES_LENGTH = 0xffffff;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return v instanceof Uint8Array ? 'Uint8Array' : 'object';
  return typeof v;
}

/**
 * Growable writer of TL primitives. Like TlReaderBase it knows no constructors, so the generated
 * per-constructor writers can use it without pulling in the whole layer; `TlWriter` adds
 * `object()`. Values are checked: a wrong JS type or an out-of-range number throws TlWriteError
 * instead of writing something else.
 */
export class TlWriterBase {
  protected buf: Uint8Array;
  protected view: DataView;
  protected pos = 0;

  constructor(initialBytes = 256) {
    this.buf = new Uint8Array(Math.max(16, initialBytes));
    this.view = new DataView(this.buf.buffer);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.pos;
  }

  protected ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** A signed 32-bit integer; values up to 2^32-1 are accepted and written as their bits. */
  int(v: number): this {
    if ((v | 0) !== v && v >>> 0 !== v) {
      throw new TlWriteError(`expected a 32-bit integer, got ${describe(v)} ${String(v)}`);
    }
    this.ensure(4);
    const p = this.pos;
    const b = this.buf;
    b[p] = v;
    b[p + 1] = v >> 8;
    b[p + 2] = v >> 16;
    b[p + 3] = v >> 24;
    this.pos = p + 4;
    return this;
  }

  uint(v: number): this {
    return this.int(v);
  }

  /** A 64-bit integer: -2^63 .. 2^64-1 (unsigned values are written as their bits). */
  long(v: bigint): this {
    if (typeof v !== 'bigint' || v < INT64_MIN || v > UINT64_MAX) {
      throw new TlWriteError(`expected a 64-bit bigint, got ${describe(v)} ${String(v)}`);
    }
    this.ensure(8);
    this.view.setBigUint64(this.pos, BigInt.asUintN(64, v), true);
    this.pos += 8;
    return this;
  }

  double(v: number): this {
    if (typeof v !== 'number') throw new TlWriteError(`expected a number, got ${describe(v)}`);
    this.ensure(8);
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
    return this;
  }

  raw(v: Uint8Array): this {
    if (!(v instanceof Uint8Array)) {
      throw new TlWriteError(`expected a Uint8Array, got ${describe(v)}`);
    }
    this.ensure(v.length);
    this.buf.set(v, this.pos);
    this.pos += v.length;
    return this;
  }

  private fixed(v: Uint8Array, size: number): this {
    if (!(v instanceof Uint8Array) || v.length !== size) {
      throw new TlWriteError(
        `expected a Uint8Array of ${size} bytes, got ${describe(v)}${
          v instanceof Uint8Array ? ` of ${v.length} bytes` : ''
        }`,
      );
    }
    return this.raw(v);
  }

  int128(v: Uint8Array): this {
    return this.fixed(v, 16);
  }

  int256(v: Uint8Array): this {
    return this.fixed(v, 32);
  }

  bool(v: boolean): this {
    if (typeof v !== 'boolean') throw new TlWriteError(`expected a boolean, got ${describe(v)}`);
    return this.int(v ? ID_BOOL_TRUE : ID_BOOL_FALSE);
  }

  /** Writes the length prefix for `len` body bytes at `at`; returns the prefix size. */
  private prefix(at: number, len: number): number {
    const b = this.buf;
    if (len < 254) {
      b[at] = len;
      return 1;
    }
    if (len > MAX_BYTES_LENGTH) {
      throw new TlWriteError(`bytes of length ${len} exceed the TL maximum ${MAX_BYTES_LENGTH}`);
    }
    b[at] = 254;
    b[at + 1] = len;
    b[at + 2] = len >> 8;
    b[at + 3] = len >> 16;
    return 4;
  }

  private pad(): void {
    const b = this.buf;
    while (this.pos & 3) b[this.pos++] = 0;
  }

  bytes(v: Uint8Array): this {
    if (!(v instanceof Uint8Array)) {
      throw new TlWriteError(`expected a Uint8Array, got ${describe(v)}`);
    }
    this.ensure(v.length + 7);
    this.pos += this.prefix(this.pos, v.length);
    this.buf.set(v, this.pos);
    this.pos += v.length;
    this.pad();
    return this;
  }

  string(v: string): this {
    if (typeof v !== 'string') throw new TlWriteError(`expected a string, got ${describe(v)}`);
    const maxBytes = v.length * 3;
    this.ensure(maxBytes + 7);
    const at = this.pos;
    if (maxBytes < 254) {
      const n = encodeUtf8Into(v, this.buf, at + 1);
      this.buf[at] = n;
      this.pos = at + 1 + n;
    } else {
      // Encode after a 4-byte prefix, then close the gap if the short prefix suffices.
      const n = encodeUtf8Into(v, this.buf, at + 4);
      const p = this.prefix(at, n);
      if (p === 1) this.buf.copyWithin(at + 1, at + 4, at + 4 + n);
      this.pos = at + p + n;
    }
    this.pad();
    return this;
  }

  /** A boxed vector header: the vector id and the element count. */
  vector(count: number): this {
    this.int(ID_VECTOR);
    return this.int(count);
  }

  /** A copy of the bytes written so far. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  /** The bytes written so far, without copying: valid only until the next write or reset. */
  bytesView(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  /** Forgets what was written, keeping the buffer for reuse. */
  reset(): this {
    this.pos = 0;
    return this;
  }
}
