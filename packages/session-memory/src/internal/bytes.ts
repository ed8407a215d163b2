import { type SessionFormat, SessionFormatError } from '../errors.js';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** Appends big-endian fields to a growing buffer. */
export class ByteWriter {
  private buf = new Uint8Array(512);
  private view = new DataView(this.buf.buffer);
  private pos = 0;

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): void {
    this.ensure(1);
    this.view.setUint8(this.pos, v);
    this.pos += 1;
  }

  u16(v: number): void {
    this.ensure(2);
    this.view.setUint16(this.pos, v);
    this.pos += 2;
  }

  u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.pos, v);
    this.pos += 4;
  }

  i32(v: number): void {
    this.ensure(4);
    this.view.setInt32(this.pos, v);
    this.pos += 4;
  }

  i64(v: bigint): void {
    this.ensure(8);
    this.view.setBigInt64(this.pos, v);
    this.pos += 8;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** A UTF-8 string with a one-byte length prefix. */
  shortString(s: string): void {
    const b = utf8Encoder.encode(s);
    if (b.length > 255) throw new RangeError('string longer than 255 bytes');
    this.u8(b.length);
    this.bytes(b);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

/** Reads big-endian fields; running short raises a SessionFormatError naming the field. */
export class ByteReader {
  private readonly view: DataView;
  private pos = 0;

  constructor(
    private readonly buf: Uint8Array,
    private readonly format: SessionFormat,
    private readonly label: string,
  ) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  fail(problem: string): never {
    throw new SessionFormatError(this.format, `Invalid ${this.label}: ${problem}`);
  }

  private need(n: number, what: string): void {
    if (this.remaining < n) {
      this.fail(
        `truncated: expected ${n} byte(s) of ${what} at offset ${this.pos}, found ${this.remaining}`,
      );
    }
  }

  u8(what: string): number {
    this.need(1, what);
    return this.view.getUint8(this.pos++);
  }

  u16(what: string): number {
    this.need(2, what);
    const v = this.view.getUint16(this.pos);
    this.pos += 2;
    return v;
  }

  u32(what: string): number {
    this.need(4, what);
    const v = this.view.getUint32(this.pos);
    this.pos += 4;
    return v;
  }

  i32(what: string): number {
    this.need(4, what);
    const v = this.view.getInt32(this.pos);
    this.pos += 4;
    return v;
  }

  i64(what: string): bigint {
    this.need(8, what);
    const v = this.view.getBigInt64(this.pos);
    this.pos += 8;
    return v;
  }

  bytes(n: number, what: string): Uint8Array {
    this.need(n, what);
    const v = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  shortString(what: string): string {
    const n = this.u8(`${what} length`);
    const b = this.bytes(n, what);
    try {
      return utf8Decoder.decode(b);
    } catch {
      return this.fail(`${what} is not valid UTF-8`);
    }
  }

  expectEnd(): void {
    if (this.remaining !== 0) {
      this.fail(
        `expected the data to end at offset ${this.pos}, found ${this.remaining} extra byte(s)`,
      );
    }
  }
}

export function utf8(s: string): Uint8Array {
  return utf8Encoder.encode(s);
}

export function fromUtf8(b: Uint8Array): string {
  return utf8Decoder.decode(b);
}
