import { concatBytes } from '@telets/crypto';
import { describe, expect, it } from 'vitest';
import { createAbridgedCodec } from './abridged';
import { crc32 } from './crc32';
import {
  BadCrcError,
  BadHeaderError,
  BadSequenceError,
  FrameTooLargeError,
  TransportCodeError,
  TransportError,
} from './errors';
import { createFullCodec } from './full';
import { createIntermediateCodec, createPaddedIntermediateCodec } from './intermediate';

// Byte vectors from grammers' transport unit tests (grammers-mtproto/src/transport/*.rs):
// their input is n bytes counting 0, 1, 2, ... (mod 256).
function counting(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => i & 0xff);
}

function int32LE(value: number): number[] {
  return [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, (value >>> 24) & 0xff];
}

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('agrees with a bit-by-bit reference on every length and offset up to 40', () => {
    const data = counting(64).map((b) => (b * 37 + 11) & 0xff);
    for (let start = 0; start < 8; start++) {
      for (let end = start; end <= start + 40; end++) {
        expect(crc32(data, start, end)).toBe(referenceCrc32(data.subarray(start, end)));
      }
    }
  });
});

describe('abridged (grammers vectors)', () => {
  it('packs an empty packet after the 0xef tag', () => {
    expect([...createAbridgedCodec().encode(new Uint8Array(0))]).toEqual([0xef, 0]);
  });

  it('packs 128 bytes with a one-byte length of 32 words', () => {
    const out = createAbridgedCodec().encode(counting(128));
    expect([...out.subarray(0, 2)]).toEqual([0xef, 32]);
    expect(out.subarray(2)).toEqual(counting(128));
  });

  it('packs 1024 bytes with the 0x7f long form', () => {
    const out = createAbridgedCodec().encode(counting(1024));
    expect([...out.subarray(0, 5)]).toEqual([0xef, 127, 0, 1, 0]);
    expect(out.subarray(5)).toEqual(counting(1024));
  });

  it('writes the tag only once', () => {
    const codec = createAbridgedCodec();
    codec.encode(counting(4));
    expect([...codec.encode(counting(4))]).toEqual([1, 0, 1, 2, 3]);
  });

  it('waits for more bytes on a lone length byte', () => {
    expect(createAbridgedCodec().decode(Uint8Array.of(1))).toEqual([]);
  });

  it('unpacks two packets sent at once, short and long', () => {
    const server = createAbridgedCodec({ role: 'server' });
    const client = createAbridgedCodec();
    const stream = concatBytes(client.encode(counting(128)), client.encode(counting(1024)));
    expect(server.decode(stream.subarray(1))).toEqual([counting(128), counting(1024)]);
  });

  it('reads a 4-byte negative packet as a transport error code', () => {
    const error = catchError(() =>
      createAbridgedCodec().decode(Uint8Array.of(1, ...int32LE(-404))),
    );
    expect(error).toBeInstanceOf(TransportCodeError);
    expect((error as TransportCodeError).code).toBe(-404);
    expect((error as Error).message).toMatch(/auth key not found/);
  });

  it('sets the top bit for a quick-ack request, and the server sees it', () => {
    const client = createAbridgedCodec();
    const framed = client.encode(counting(8), { isQuickAckRequested: true });
    expect([...framed.subarray(0, 2)]).toEqual([0xef, 0x82]);
    const server = createAbridgedCodec({ role: 'server' });
    expect(server.decodeFrames(framed.subarray(1))).toEqual([
      { type: 'packet', payload: counting(8), isQuickAckRequested: true },
    ]);
  });

  it('surfaces a big-endian quick-ack token on the client, not as a packet', () => {
    const server = createAbridgedCodec({ role: 'server' });
    const ack = server.encodeQuickAck(0x12345678);
    expect([...ack]).toEqual([0x92, 0x34, 0x56, 0x78]);
    const client = createAbridgedCodec();
    expect(client.decodeFrames(ack)).toEqual([{ type: 'quickAck', token: 0x92345678 }]);
    expect(createAbridgedCodec().decode(ack)).toEqual([]);
  });

  it('raises FrameTooLargeError from the length alone', () => {
    const codec = createAbridgedCodec({ maxPacketBytes: 1024 });
    // 0x7f form announcing 0x010000 words = 256 KiB, with no body sent.
    expect(() => codec.decode(Uint8Array.of(0x7f, 0, 0, 1))).toThrow(FrameTooLargeError);
  });
});

describe('decoding does not alias the caller chunks', () => {
  it('returns copies, and keeps partial frames intact when the caller reuses its buffer', () => {
    const client = createIntermediateCodec();
    const stream = concatBytes(client.encode(counting(8)), client.encode(counting(8))).subarray(4);
    const chunk = Buffer.from(stream.subarray(0, 18));
    const server = createIntermediateCodec({ role: 'server' });
    const [first] = server.decode(chunk);
    chunk.fill(0xff);
    const [second] = server.decode(stream.subarray(18));
    expect(first).toEqual(counting(8));
    expect(second).toEqual(counting(8));
    expect(Buffer.isBuffer(first)).toBe(false);
  });
});

describe('intermediate (grammers vectors)', () => {
  it('packs an empty packet after the 0xeeeeeeee tag', () => {
    expect([...createIntermediateCodec().encode(new Uint8Array(0))]).toEqual([
      0xee, 0xee, 0xee, 0xee, 0, 0, 0, 0,
    ]);
  });

  it('packs 128 bytes', () => {
    const out = createIntermediateCodec().encode(counting(128));
    expect([...out.subarray(0, 8)]).toEqual([0xee, 0xee, 0xee, 0xee, 128, 0, 0, 0]);
    expect(out.subarray(8)).toEqual(counting(128));
  });

  it('unpacks two packets sent at once', () => {
    const client = createIntermediateCodec();
    const stream = concatBytes(client.encode(counting(128)), client.encode(counting(128)));
    const server = createIntermediateCodec({ role: 'server' });
    expect(server.decode(stream.subarray(4))).toEqual([counting(128), counting(128)]);
  });

  it('reads a 4-byte negative packet as a transport error code', () => {
    const bytes = Uint8Array.of(...int32LE(4), ...int32LE(-429));
    const error = catchError(() => createIntermediateCodec().decode(bytes));
    expect(error).toBeInstanceOf(TransportCodeError);
    expect((error as TransportCodeError).code).toBe(-429);
  });

  it('reads a length with the top bit set as a quick-ack token (client role)', () => {
    const ack = createIntermediateCodec({ role: 'server' }).encodeQuickAck(0x01020304);
    expect([...ack]).toEqual([0x04, 0x03, 0x02, 0x81]);
    expect(createIntermediateCodec().decodeFrames(ack)).toEqual([
      { type: 'quickAck', token: 0x81020304 },
    ]);
  });

  it('reads the same top bit as a quick-ack request (server role)', () => {
    const client = createIntermediateCodec();
    const framed = client.encode(counting(4), { isQuickAckRequested: true });
    expect([...framed.subarray(4, 8)]).toEqual([4, 0, 0, 0x80]);
    expect(createIntermediateCodec({ role: 'server' }).decodeFrames(framed.subarray(4))).toEqual([
      { type: 'packet', payload: counting(4), isQuickAckRequested: true },
    ]);
  });

  it('raises FrameTooLargeError before the body arrives', () => {
    const codec = createIntermediateCodec({ maxPacketBytes: 100 });
    expect(() => codec.decode(Uint8Array.of(...int32LE(104)))).toThrow(FrameTooLargeError);
  });

  it('rejects packets not aligned to 4 bytes on encode', () => {
    expect(() => createIntermediateCodec().encode(counting(7))).toThrow(BadHeaderError);
  });
});

describe('padded intermediate', () => {
  it('writes the 0xdddddddd tag and 0..15 padding bytes included in the length', () => {
    const randomBytes = (n: number) =>
      Uint8Array.from({ length: n }, (_, i) => (i === 0 ? 7 : 0xaa));
    const out = createPaddedIntermediateCodec({ randomBytes }).encode(counting(8));
    expect([...out.subarray(0, 8)]).toEqual([0xdd, 0xdd, 0xdd, 0xdd, 15, 0, 0, 0]);
    expect(out.subarray(8, 16)).toEqual(counting(8));
    expect(out.length).toBe(8 + 8 + 7);
    // The receiver drops length % 4 trailing bytes: 3 of the 7.
    const server = createPaddedIntermediateCodec({ role: 'server', randomBytes });
    const [packet] = server.decode(out.subarray(4));
    expect(packet.length).toBe(12);
    expect(packet.subarray(0, 8)).toEqual(counting(8));
  });
});

describe('full (grammers vectors)', () => {
  it('packs an empty packet', () => {
    expect([...createFullCodec().encode(new Uint8Array(0))]).toEqual([
      12, 0, 0, 0, 0, 0, 0, 0, 38, 202, 141, 50,
    ]);
  });

  it('packs 128 bytes, then a second frame with sequence number 1', () => {
    const codec = createFullCodec();
    const first = codec.encode(counting(128));
    expect([...first.subarray(0, 8)]).toEqual([140, 0, 0, 0, 0, 0, 0, 0]);
    expect(first.subarray(8, 136)).toEqual(counting(128));
    expect([...first.subarray(136)]).toEqual([134, 115, 149, 55]);
    const second = codec.encode(counting(128));
    expect([...second.subarray(4, 8)]).toEqual([1, 0, 0, 0]);
    expect([...second.subarray(136)]).toEqual([150, 9, 240, 74]);
  });

  it('unpacks two frames sent at once and checks their sequence', () => {
    const sender = createFullCodec();
    const stream = concatBytes(sender.encode(counting(128)), sender.encode(counting(128)));
    expect(createFullCodec({ role: 'server' }).decode(stream)).toEqual([
      counting(128),
      counting(128),
    ]);
  });

  it('raises BadCrcError with both values', () => {
    const frame = createFullCodec().encode(counting(128));
    frame[frame.length - 1] ^= 0xff;
    const error = catchError(() => createFullCodec().decode(frame)) as BadCrcError;
    expect(error).toBeInstanceOf(BadCrcError);
    expect(error.expected).toBe(932541318);
    expect(error.received).toBe(3365237638);
  });

  it('raises BadSequenceError on a frame with the wrong sequence number', () => {
    const sender = createFullCodec();
    sender.encode(counting(8));
    const second = sender.encode(counting(8));
    const error = catchError(() => createFullCodec().decode(second)) as BadSequenceError;
    expect(error).toBeInstanceOf(BadSequenceError);
    expect([error.expected, error.received]).toEqual([0, 1]);
  });

  it('reads a negative length as a transport error code', () => {
    const error = catchError(() => createFullCodec().decode(Uint8Array.of(...int32LE(-404))));
    expect((error as TransportCodeError).code).toBe(-404);
  });

  it('reads a framed 4-byte negative payload as a transport error code', () => {
    const framed = createFullCodec().encode(Uint8Array.of(...int32LE(-444)));
    const error = catchError(() => createFullCodec().decode(framed));
    expect((error as TransportCodeError).code).toBe(-444);
    expect((error as Error).message).toMatch(/invalid DC/);
  });

  it('rejects impossible lengths and keeps failing afterwards', () => {
    const codec = createFullCodec();
    const first = catchError(() => codec.decode(Uint8Array.of(...int32LE(8))));
    expect(first).toBeInstanceOf(BadHeaderError);
    expect(catchError(() => codec.decode(counting(16)))).toBe(first);
  });

  it('enforces maxPacketBytes on both encode and decode', () => {
    expect(() => createFullCodec({ maxPacketBytes: 64 }).encode(counting(68))).toThrow(
      FrameTooLargeError,
    );
    const frame = createFullCodec().encode(counting(68));
    const error = catchError(() =>
      createFullCodec({ maxPacketBytes: 64 }).decode(frame.subarray(0, 4)),
    );
    expect(error).toBeInstanceOf(FrameTooLargeError);
    expect((error as FrameTooLargeError).byteLength).toBe(68);
  });

  it('has no quick acks', () => {
    expect(() => createFullCodec().encode(counting(4), { isQuickAckRequested: true })).toThrow(
      TransportError,
    );
  });
});

function referenceCrc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
