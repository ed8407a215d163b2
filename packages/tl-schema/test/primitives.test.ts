// The reader/writer primitives against the byte encodings of core.telegram.org/mtproto/serialize
// and the examples in grammers' public tl-types documentation tests.
import { describe, expect, it } from 'vitest';
import {
  gunzip,
  gzip,
  TlDecodeError,
  TlInvalidUtf8Error,
  TlLengthError,
  TlReader,
  TlTruncatedError,
  TlUnknownConstructorError,
  TlWriteError,
  TlWriter,
} from '../src/index';

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);
const ascii = (s: string): number[] => [...new TextEncoder().encode(s)];

describe('writer encodings', () => {
  it.each([
    [0, [0, 0, 0, 0]],
    [1, [1, 0, 0, 0]],
    [-1, [0xff, 0xff, 0xff, 0xff]],
    [2147483647, [0xff, 0xff, 0xff, 0x7f]],
    [-2147483648, [0, 0, 0, 0x80]],
    [0xffffffff, [0xff, 0xff, 0xff, 0xff]],
  ])('int %d', (v, expected) => {
    expect(new TlWriter().int(v).finish()).toEqual(bytes(...expected));
  });

  it.each([
    [0n, [0, 0, 0, 0, 0, 0, 0, 0]],
    [1n, [1, 0, 0, 0, 0, 0, 0, 0]],
    [-1n, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]],
    [9223372036854775807n, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]],
    [-9223372036854775808n, [0, 0, 0, 0, 0, 0, 0, 0x80]],
  ])('long %s', (v, expected) => {
    const w = new TlWriter().long(v).finish();
    expect(w).toEqual(bytes(...expected));
    expect(new TlReader(w).long()).toBe(v);
  });

  it.each([
    [0, [0, 0, 0, 0, 0, 0, 0, 0]],
    [1.5, [0, 0, 0, 0, 0, 0, 0xf8, 0x3f]],
    [-1.5, [0, 0, 0, 0, 0, 0, 0xf8, 0xbf]],
    [Number.POSITIVE_INFINITY, [0, 0, 0, 0, 0, 0, 0xf0, 0x7f]],
    [Number.NEGATIVE_INFINITY, [0, 0, 0, 0, 0, 0, 0xf0, 0xff]],
  ])('double %d', (v, expected) => {
    expect(new TlWriter().double(v).finish()).toEqual(bytes(...expected));
  });

  it('bool as boolTrue/boolFalse', () => {
    expect(new TlWriter().bool(true).finish()).toEqual(bytes(0xb5, 0x75, 0x72, 0x99));
    expect(new TlWriter().bool(false).finish()).toEqual(bytes(0x37, 0x97, 0x79, 0xbc));
  });

  const long =
    'This is a very long string, and it has to be longer than 253 characters, which are quite a ' +
    'few but we can make it! Although, it is quite challenging. The quick brown fox jumps over ' +
    'the lazy fox. There is still some more text we need to type. Oh, this sentence made it past!';

  it.each([
    ['', [0x00], [0, 0, 0]],
    ['Hi', [0x02], [0]],
    ['Hi!', [0x03], []],
    ['Hello', [0x05], [0, 0]],
    ['Hello, world!', [0x0d], [0, 0]],
    [long, [0xfe, 0x11, 0x01, 0x00], [0, 0, 0]],
  ])('string %j', (s, prefix, suffix) => {
    const expected = bytes(...prefix, ...ascii(s), ...suffix);
    const w = new TlWriter().string(s).finish();
    expect(w).toEqual(expected);
    const r = new TlReader(w);
    expect(r.string()).toBe(s);
    expect(r.remaining()).toBe(0);
  });

  it('switches to the 0xfe form at 254 bytes', () => {
    for (const n of [252, 253, 254, 255, 256, 1000]) {
      const data = new Uint8Array(n).fill(7);
      const w = new TlWriter().bytes(data).finish();
      const header = n < 254 ? 1 : 4;
      expect(w.length).toBe(Math.ceil((header + n) / 4) * 4);
      expect(w[0]).toBe(n < 254 ? n : 0xfe);
      expect(new TlReader(w).bytes()).toEqual(data);
    }
  });

  it('writes multi-byte UTF-8 of any length, lone surrogates as U+FFFD', () => {
    for (const s of ['é', '😀', 'ж'.repeat(100), '😀'.repeat(80), 'a'.repeat(300)]) {
      const w = new TlWriter().string(s).finish();
      expect(new TlReader(w).string()).toBe(s);
      const utf8 = new TextEncoder().encode(s);
      expect(w.length).toBe(Math.ceil(((utf8.length < 254 ? 1 : 4) + utf8.length) / 4) * 4);
    }
    expect(new TlReader(new TlWriter().string('a\ud800b').finish()).string()).toBe('a\ufffdb');
  });

  it('vectors: boxed and bare', () => {
    expect(new TlWriter().vector(0).finish()).toEqual(bytes(0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0));
    expect(new TlWriter().vector(1).int(0x7f).finish()).toEqual(
      bytes(0x15, 0xc4, 0xb5, 0x1c, 1, 0, 0, 0, 0x7f, 0, 0, 0),
    );
  });

  it('int128/int256 are raw bytes in wire order', () => {
    const n = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    expect(new TlWriter().int128(n).finish()).toEqual(n);
    const m = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
    expect(new TlReader(new TlWriter().int256(m).finish()).int256()).toEqual(m);
  });

  it('rejects values that do not fit', () => {
    const w = new TlWriter();
    expect(() => w.int(2 ** 32)).toThrow(TlWriteError);
    expect(() => w.int(1.5)).toThrow(TlWriteError);
    expect(() => w.long(2n ** 64n)).toThrow(TlWriteError);
    expect(() => w.long(1 as unknown as bigint)).toThrow(TlWriteError);
    expect(() => w.string(undefined as unknown as string)).toThrow(TlWriteError);
    expect(() => w.int128(new Uint8Array(15))).toThrow(TlWriteError);
    expect(() => w.bytes(new Uint8Array(0x1000000))).toThrow(TlWriteError);
    expect(w.length).toBe(0);
  });

  it('grows its buffer', () => {
    const w = new TlWriter(16);
    for (let i = 0; i < 1000; i++) w.int(i);
    const r = new TlReader(w.finish());
    for (let i = 0; i < 1000; i++) expect(r.int()).toBe(i);
  });
});

describe('reader errors', () => {
  it('truncation names offset and needed bytes', () => {
    const r = new TlReader(bytes(1, 2, 3, 4, 5, 6), 0);
    r.int();
    try {
      r.long();
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(TlTruncatedError);
      expect((e as TlTruncatedError).offset).toBe(4);
      expect((e as TlTruncatedError).neededBytes).toBe(8);
    }
    expect(() => new TlReader(bytes(10, 1, 2)).bytes()).toThrow(TlTruncatedError);
    expect(() => new TlReader(bytes(0xfe, 0, 1)).bytes()).toThrow(TlTruncatedError);
    // Body fits but the padding does not.
    expect(() => new TlReader(bytes(2, 1, 2)).bytes()).toThrow(TlTruncatedError);
  });

  it('rejects invalid UTF-8 with the offset of the string', () => {
    for (const bad of [
      [0xff],
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xe2, 0x82],
      [0xf4, 0x90, 0x80, 0x80],
    ]) {
      const data = new TlWriter()
        .int(0)
        .bytes(bytes(...bad))
        .finish();
      const r = new TlReader(data);
      r.int();
      try {
        r.string();
        throw new Error('no error');
      } catch (e) {
        expect(e).toBeInstanceOf(TlInvalidUtf8Error);
        expect((e as TlInvalidUtf8Error).offset).toBe(4);
      }
    }
    const longBad = new Uint8Array(100).fill(0x41);
    longBad[99] = 0x80;
    expect(() => new TlReader(new TlWriter().bytes(longBad).finish()).string()).toThrow(
      TlInvalidUtf8Error,
    );
  });

  it('checks vector counts before allocating', () => {
    const data = new TlWriter().vector(0x7fffffff).finish();
    expect(() => new TlReader(data).vector()).toThrow(TlLengthError);
    expect(() => new TlReader(new TlWriter().int(-1).finish()).count()).toThrow(TlLengthError);
  });

  it('rejects unknown constructors and bad booleans with id and offset', () => {
    const r = new TlReader(bytes(0, 0, 0, 0, 0xef, 0xbe, 0xad, 0xde));
    r.int();
    try {
      r.object();
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(TlUnknownConstructorError);
      expect((e as TlUnknownConstructorError).id).toBe(0xdeadbeef);
      expect((e as TlUnknownConstructorError).offset).toBe(4);
    }
    expect(() => new TlReader(bytes(1, 0, 0, 0)).bool()).toThrow(TlUnknownConstructorError);
    expect(() => new TlReader(bytes(0xff, 0, 0, 0)).bytes()).toThrow(TlDecodeError);
  });
});

describe('gzip', () => {
  it('round-trips and rejects garbage', () => {
    const data = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7) % 251);
    const packed = gzip(data);
    expect(packed.length).toBeLessThan(data.length);
    expect(gunzip(packed)).toEqual(data);
    expect(() => gunzip(bytes(1, 2, 3, 4))).toThrow(TlDecodeError);
    expect(() => gunzip(packed.subarray(0, 20))).toThrow(TlDecodeError);
  });

  it('stops inflating at maxBytes', () => {
    const bomb = gzip(new Uint8Array(10_000_000));
    expect(bomb.length).toBeLessThan(20_000);
    expect(() => gunzip(bomb, 1_000_000)).toThrow(TlLengthError);
    expect(gunzip(bomb, 10_000_000).length).toBe(10_000_000);
  });
});
