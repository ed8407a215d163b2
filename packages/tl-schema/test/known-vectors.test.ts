// Boxed objects and requests against byte dumps published on core.telegram.org
// (mtproto/samples-auth_key: the req_pq_multi / resPQ exchange; the transport header, auth_key_id,
// msg_id and length, is cut off: these bytes are the message bodies).
import { describe, expect, it } from 'vitest';
import {
  constructorIdOf,
  deserialize,
  gzip,
  is,
  LAYER,
  readResult,
  readResult_help_getConfig,
  readType_ResPQ,
  serialize,
  TlTrailingDataError,
  TlWriterBase,
  write_req_pq_multi,
} from '../src/index';
import { TlReaderBase } from '../src/runtime/reader-base';

const hex = (s: string): Uint8Array =>
  Uint8Array.from(s.replace(/\s+/g, '').match(/../g) ?? [], (h) => Number.parseInt(h, 16));

const reqPqMulti = hex('F1 8E 7E BE 75 E6 22 F3 BC 7D 71 46 32 B8 33 82 1F D7 BB 0C');
const resPQ = hex(`
  63 24 16 05 75 E6 22 F3 BC 7D 71 46 32 B8 33 82 1F D7 BB 0C 8E C5 3E C0 50 CB 2D 47
  5B 45 7B AF 44 5B 49 F5 08 16 E7 48 B2 95 22 C6 8F 00 00 00 15 C4 B5 1C 03 00 00 00 85 FD 64 DE
  85 1D 9D D0 A5 B7 F7 09 35 5F C3 0B 21 6B E8 6C 02 2B B4 C3`);
const nonce = hex('75E622F3BC7D714632B833821FD7BB0C');

describe('core.telegram.org samples-auth_key', () => {
  it('serializes req_pq_multi', () => {
    expect(serialize({ _: 'req_pq_multi', nonce })).toEqual(reqPqMulti);
    const w = new TlWriterBase();
    write_req_pq_multi(w, { _: 'req_pq_multi', nonce });
    expect(w.finish()).toEqual(reqPqMulti);
    expect(deserialize(reqPqMulti)).toEqual({ _: 'req_pq_multi', nonce });
  });

  it('deserializes resPQ', () => {
    const expected = {
      _: 'resPQ',
      nonce,
      serverNonce: hex('8EC53EC050CB2D475B457BAF445B49F5'),
      pq: hex('16E748B29522C68F'),
      serverPublicKeyFingerprints: [
        BigInt.asIntN(64, 0xd09d1d85de64fd85n),
        BigInt.asIntN(64, 0x0bc35f3509f7b7a5n),
        BigInt.asIntN(64, 0xc3b42b026ce86b21n),
      ],
    };
    const obj = deserialize(resPQ);
    expect(obj).toEqual(expected);
    expect(is('resPQ', obj)).toBe(true);
    expect(readType_ResPQ(new TlReaderBase(resPQ)).serverNonce).toEqual(expected.serverNonce);
    expect(readResult({ _: 'req_pq_multi', nonce }, resPQ)._).toBe('resPQ');
    expect(serialize(obj)).toEqual(resPQ);
    expect(constructorIdOf(obj)).toBe(0x05162463);
  });

  it('rejects trailing bytes in deserialize', () => {
    const padded = new Uint8Array(resPQ.length + 4);
    padded.set(resPQ);
    expect(() => deserialize(padded)).toThrow(TlTrailingDataError);
  });
});

describe('requests and results', () => {
  it('writes invokeWithLayer(initConnection(help.getConfig))', () => {
    const bytes = serialize({
      _: 'invokeWithLayer',
      layer: LAYER,
      query: { _: 'help.getConfig' },
    });
    expect([...bytes]).toEqual([0x0d, 0x0d, 0x9b, 0xda, 228, 0, 0, 0, 0x6b, 0x18, 0xf9, 0xc4]);
  });

  it('reads a gzip_packed result transparently', () => {
    const pong = serialize({ _: 'pong', msgId: 5n, pingId: -7n });
    const w = new TlWriterBase().uint(0x3072cfa1).bytes(gzip(pong));
    const packed = w.finish();
    expect(readResult({ _: 'ping', pingId: -7n }, packed)).toEqual({
      _: 'pong',
      msgId: 5n,
      pingId: -7n,
    });
    expect(deserialize(packed)).toEqual({ _: 'pong', msgId: 5n, pingId: -7n });
  });

  it('has per-function result readers', () => {
    expect(() => readResult_help_getConfig(new TlReaderBase(serialize({ _: 'boolTrue' })))).toThrow(
      /expected Config/,
    );
  });
});

describe('generic queries', () => {
  it('reads nested requests and rejects a constructor where a request belongs', () => {
    const req = {
      _: 'invokeWithLayer',
      layer: 228,
      query: { _: 'invokeWithoutUpdates', query: { _: 'help.getNearestDc' } },
    } as const;
    expect(deserialize(serialize(req))).toEqual(req);
    const bad = serialize({ _: 'invokeWithLayer', layer: 1, query: { _: 'help.getConfig' } });
    // Swap the query's id for a constructor id (boolTrue).
    new DataView(bad.buffer, bad.byteOffset).setUint32(8, 0x997275b5, true);
    expect(() => deserialize(bad)).toThrow(/expected a function/);
  });
});
