import {
  TlDecodeError,
  TlInvalidUtf8Error,
  TlLengthError,
  TlTruncatedError,
  TlUnknownConstructorError,
} from '../errors';
import { ID_BOOL_FALSE, ID_BOOL_TRUE, ID_VECTOR } from './ids';
import { decodeUtf8 } from './utf8';

/**
 * Bounds-checked reader of TL primitives over a Uint8Array (little-endian, 4-byte aligned
 * strings). It knows no constructors: the generated per-type readers take it, so code that reads
 * one type does not pull in the whole layer. `TlReader` adds `object()` on top.
 */
export class TlReaderBase {
  readonly data: Uint8Array;
  offset: number;
  /** Total length of `data` (not of what is left; see `remaining()`). */
  readonly length: number;
  // Created on first use: most small objects hold no long or double, and a DataView per reader
  // is a measurable share of reading one.
  private dataView: DataView | undefined = undefined;
  private spanEnd = 0;

  constructor(data: Uint8Array, offset = 0) {
    this.data = data;
    this.length = data.length;
    if (!(offset >= 0 && offset <= data.length && (offset | 0) === offset)) {
      throw new TlTruncatedError(offset, 0, data.length);
    }
    this.offset = offset;
  }

  protected get view(): DataView {
    const d = this.data;
    this.dataView ??= new DataView(d.buffer, d.byteOffset, d.byteLength);
    return this.dataView;
  }

  remaining(): number {
    return this.length - this.offset;
  }

  protected truncated(at: number, needed: number): never {
    throw new TlTruncatedError(at, needed, Math.max(0, this.length - at));
  }

  int(): number {
    const o = this.offset;
    if (o + 4 > this.length) this.truncated(o, 4);
    this.offset = o + 4;
    const d = this.data;
    return d[o] | (d[o + 1] << 8) | (d[o + 2] << 16) | (d[o + 3] << 24);
  }

  uint(): number {
    return this.int() >>> 0;
  }

  long(): bigint {
    const o = this.offset;
    if (o + 8 > this.length) this.truncated(o, 8);
    this.offset = o + 8;
    return this.view.getBigInt64(o, true);
  }

  double(): number {
    const o = this.offset;
    if (o + 8 > this.length) this.truncated(o, 8);
    this.offset = o + 8;
    return this.view.getFloat64(o, true);
  }

  /** `n` bytes, copied (the result never aliases the input buffer). */
  raw(n: number): Uint8Array {
    const o = this.offset;
    if (!Number.isInteger(n) || n < 0) throw new TlDecodeError(`invalid byte count ${n}`, o);
    if (o + n > this.length) this.truncated(o, n);
    this.offset = o + n;
    return this.data.slice(o, o + n);
  }

  int128(): Uint8Array {
    return this.raw(16);
  }

  int256(): Uint8Array {
    return this.raw(32);
  }

  bool(): boolean {
    const o = this.offset;
    const id = this.uint();
    if (id === ID_BOOL_TRUE) return true;
    if (id === ID_BOOL_FALSE) return false;
    throw new TlUnknownConstructorError(id, o, 'Bool');
  }

  /** Reads a length prefix and checks the padded body fits; returns the body's start. */
  private span(): number {
    const o = this.offset;
    if (o + 1 > this.length) this.truncated(o, 1);
    const d = this.data;
    let len = d[o];
    let start = o + 1;
    if (len === 254) {
      if (o + 4 > this.length) this.truncated(o, 4);
      len = d[o + 1] | (d[o + 2] << 8) | (d[o + 3] << 16);
      start = o + 4;
    } else if (len === 255) {
      throw new TlDecodeError('invalid length prefix 0xff', o);
    }
    const end = start + len;
    const padded = (end - o + 3) & ~3;
    if (o + padded > this.length) this.truncated(o, padded);
    this.offset = o + padded;
    this.spanEnd = end;
    return start;
  }

  /** TL `bytes`, copied. */
  bytes(): Uint8Array {
    const start = this.span();
    return this.data.slice(start, this.spanEnd);
  }

  /** TL `string`: strict UTF-8. */
  string(): string {
    const o = this.offset;
    const start = this.span();
    const s = decodeUtf8(this.data, start, this.spanEnd);
    if (s === undefined) throw new TlInvalidUtf8Error(o);
    return s;
  }

  /** Reads a boxed vector header (id + count) and returns the checked element count. */
  vector(): number {
    const o = this.offset;
    const id = this.uint();
    if (id !== ID_VECTOR) throw new TlUnknownConstructorError(id, o, 'Vector');
    return this.count();
  }

  /** Reads a bare vector's count; it cannot exceed what 4-byte elements could fill. */
  count(): number {
    const o = this.offset;
    const n = this.int();
    const max = (this.length - this.offset) >>> 2;
    if (n < 0 || n > max) throw new TlLengthError('vector count', o, n >>> 0, max);
    return n;
  }
}
