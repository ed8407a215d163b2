import { concatBytes } from '@telets/crypto';
import { describe, expect, it } from 'vitest';
import {
  BadCrcError,
  BadHeaderError,
  BadSequenceError,
  createAbridgedCodec,
  createFullCodec,
  createIntermediateCodec,
  parseRpcErrorMessage,
} from '../index';

// Published vectors of Telethon v2's transport tests (github.com/LonamiWebs/Telethon, branch v2):
// client/tests/transport/{abridged,intermediate,full}_test.py. Their input is n bytes counting
// 0, 1, 2, ... (mod 256). Telethon's unpack consumes one packet per call and reports "missing
// bytes" on a short buffer; our decoders are incremental, so a short buffer yields no packet yet
// and a buffer with two packets yields both.
function counting(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => i & 0xff);
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('Telethon abridged_test.py', () => {
  it('test_pack_empty', () => {
    expect([...createAbridgedCodec().encode(counting(0))]).toEqual([0xef, 0x00]);
  });

  it('test_pack_non_padded: 7 bytes are refused', () => {
    expect(() => createAbridgedCodec().encode(counting(7))).toThrow(BadHeaderError);
  });

  it('test_pack_normal', () => {
    const out = createAbridgedCodec().encode(counting(128));
    expect([...out.subarray(0, 2)]).toEqual([0xef, 0x20]);
    expect(out.subarray(2)).toEqual(counting(128));
  });

  it('pack_large (defined but not collected by pytest): 0x7f long form', () => {
    const out = createAbridgedCodec().encode(counting(1024));
    expect([...out.subarray(0, 5)]).toEqual([0xef, 0x7f, 0x00, 0x01, 0x00]);
    expect(out.subarray(5)).toEqual(counting(1024));
  });

  it('test_unpack_small: a lone byte is not yet a packet', () => {
    const server = createAbridgedCodec({ role: 'server' });
    expect(server.decode(Uint8Array.of(0x01))).toEqual([]);
    expect(server.decode(counting(4))).toEqual([counting(4)]);
  });

  it('test_unpack_normal / unpack_large', () => {
    for (const n of [128, 1024]) {
      const packed = createAbridgedCodec().encode(counting(n));
      expect(createAbridgedCodec({ role: 'server' }).decode(packed.subarray(1))).toEqual([
        counting(n),
      ]);
    }
  });

  it('test_unpack_two_at_once', () => {
    const packed = createAbridgedCodec().encode(counting(128)).subarray(1);
    const server = createAbridgedCodec({ role: 'server' });
    expect(server.decode(concatBytes(packed, packed))).toEqual([counting(128), counting(128)]);
  });
});

describe('Telethon intermediate_test.py', () => {
  it('test_pack_empty', () => {
    expect([...createIntermediateCodec().encode(counting(0))]).toEqual([
      0xee, 0xee, 0xee, 0xee, 0, 0, 0, 0,
    ]);
  });

  it('test_pack_non_padded: 7 bytes are refused', () => {
    expect(() => createIntermediateCodec().encode(counting(7))).toThrow(BadHeaderError);
  });

  it('test_pack_normal', () => {
    const out = createIntermediateCodec().encode(counting(128));
    expect([...out.subarray(0, 8)]).toEqual([0xee, 0xee, 0xee, 0xee, 0x80, 0, 0, 0]);
    expect(out.subarray(8)).toEqual(counting(128));
  });

  it('test_unpack_small: a lone byte is not yet a packet', () => {
    expect(createIntermediateCodec({ role: 'server' }).decode(Uint8Array.of(0x01))).toEqual([]);
  });

  it('test_unpack_normal', () => {
    const packed = createIntermediateCodec().encode(counting(128));
    expect(createIntermediateCodec({ role: 'server' }).decode(packed.subarray(4))).toEqual([
      counting(128),
    ]);
  });

  it('test_unpack_two_at_once', () => {
    const packed = createIntermediateCodec().encode(counting(128)).subarray(4);
    const server = createIntermediateCodec({ role: 'server' });
    expect(server.decode(concatBytes(packed, packed))).toEqual([counting(128), counting(128)]);
  });
});

describe('Telethon full_test.py', () => {
  it('test_pack_empty', () => {
    expect([...createFullCodec().encode(counting(0))]).toEqual([
      0x0c, 0, 0, 0, 0, 0, 0, 0, 0x26, 0xca, 0x8d, 0x32,
    ]);
  });

  it('test_pack_non_padded: 7 bytes are refused', () => {
    expect(() => createFullCodec().encode(counting(7))).toThrow(BadHeaderError);
  });

  it('test_pack_normal', () => {
    const out = createFullCodec().encode(counting(128));
    expect([...out.subarray(0, 4)]).toEqual([0x8c, 0, 0, 0]);
    expect([...out.subarray(4, 8)]).toEqual([0, 0, 0, 0]);
    expect(out.subarray(8, 136)).toEqual(counting(128));
    expect([...out.subarray(136)]).toEqual([0x86, 0x73, 0x95, 0x37]);
  });

  it('test_pack_twice: the second frame has seq 1 and its own CRC', () => {
    const codec = createFullCodec();
    codec.encode(counting(128));
    const out = codec.encode(counting(128));
    expect([...out.subarray(0, 4)]).toEqual([0x8c, 0, 0, 0]);
    expect([...out.subarray(4, 8)]).toEqual([1, 0, 0, 0]);
    expect(out.subarray(8, 136)).toEqual(counting(128));
    expect([...out.subarray(136)]).toEqual([0x96, 0x09, 0xf0, 0x4a]);
  });

  it('test_unpack_small: three bytes are not yet a packet', () => {
    expect(createFullCodec({ role: 'server' }).decode(Uint8Array.of(0, 1, 2))).toEqual([]);
  });

  it('test_unpack_normal', () => {
    const packed = createFullCodec().encode(counting(128));
    expect(createFullCodec({ role: 'server' }).decode(packed)).toEqual([counting(128)]);
  });

  it('test_unpack_two_at_once: the same seq-0 frame twice is a bad sequence', () => {
    const packed = createFullCodec().encode(counting(128));
    const server = createFullCodec({ role: 'server' });
    expect(server.decode(packed)).toEqual([counting(128)]);
    const error = catchError(() => server.decode(packed)) as BadSequenceError;
    expect(error).toBeInstanceOf(BadSequenceError);
    expect([error.expected, error.received]).toEqual([1, 0]);
  });

  it('test_unpack_twice: seq 0 then seq 1', () => {
    const client = createFullCodec();
    const server = createFullCodec({ role: 'server' });
    expect(server.decode(client.encode(counting(128)))).toEqual([counting(128)]);
    expect(server.decode(client.encode(counting(128)))).toEqual([counting(128)]);
  });

  it('test_unpack_bad_crc: expected 932541318, got 3365237638', () => {
    const packed = createFullCodec().encode(counting(128));
    packed[packed.length - 1] ^= 0xff;
    const error = catchError(() => createFullCodec({ role: 'server' }).decode(packed));
    expect(error).toBeInstanceOf(BadCrcError);
    expect((error as BadCrcError).expected).toBe(932541318);
    expect((error as BadCrcError).received).toBe(3365237638);
  });

  it('test_unpack_bad_seq: a fresh decoder expects 0, gets 1', () => {
    const client = createFullCodec();
    client.encode(counting(128));
    const second = client.encode(counting(128));
    const error = catchError(() => createFullCodec({ role: 'server' }).decode(second));
    expect(error).toBeInstanceOf(BadSequenceError);
    expect([(error as BadSequenceError).expected, (error as BadSequenceError).received]).toEqual([
      0, 1,
    ]);
  });
});

// Telethon v2 client/tests/mtproto_test.py test_rpc_error_parsing: the numeric part of an
// rpc_error message is its value, and the name is what remains without it.
describe('Telethon mtproto_test.py test_rpc_error_parsing', () => {
  it.each([
    ['CHAT_INVALID', 'CHAT_INVALID', undefined],
    ['FLOOD_WAIT_31', 'FLOOD_WAIT', 31],
    ['INTERDC_2_CALL_ERROR', 'INTERDC_CALL_ERROR', 2],
  ])('%s', (message, name, value) => {
    expect(parseRpcErrorMessage(message)).toEqual({ name, value });
  });
});
