// The harness's own logic: references, statistics and the ratio/target verdicts. No timings.
import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { median, summarize } from './measure.mjs';
import {
  bigToBytes,
  bytesEqual,
  bytesToBig,
  checkFactors,
  checkMessages,
  detBytes,
  igeDecryptRef,
  igeEncryptRef,
  messagesContent,
  SEND_CODE_BYTES,
  SENT_CODE_BYTES,
  semiprimes,
} from './reference.mjs';
import { ratioOf, verdict } from './report.mjs';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

describe('reference AES-IGE', () => {
  // The published AES-IGE test vectors (Ben Laurie's IGE write-up, also OpenSSL's igetest.c).
  it('reproduces the published vector with a zero plaintext', () => {
    const key = hex('000102030405060708090a0b0c0d0e0f');
    const iv = hex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
    const out = igeEncryptRef(new Uint8Array(32), key, iv);
    expect(Buffer.from(out).toString('hex')).toBe(
      '1a8519a6557be652e9da8e43da4ef4453cf456b4ca488aa383c79c98b34797cb',
    );
  });

  it('reproduces the published vector with a text key and iv', () => {
    const key = hex('5468697320697320616e20696d706c65');
    const iv = hex('6d656e746174696f6e206f6620494745206d6f646520666f72204f70656e5353');
    const plain = hex('99706487a1cde613bc6de0b6f24b1c7aa448c8b9c3403e3467a8cad89340f53b');
    expect(Buffer.from(igeEncryptRef(plain, key, iv)).toString('hex')).toBe(
      '4c2e204c6574277320686f70652042656e20676f74206974207269676874210a',
    );
  });

  it('decrypts what it encrypts, with 256-bit keys as the bench uses', () => {
    const data = detBytes(4096, 5);
    const key = detBytes(32, 6);
    const iv = detBytes(32, 7);
    const enc = igeEncryptRef(data, key, iv);
    expect(bytesEqual(enc, data)).toBe(false);
    expect(bytesEqual(igeDecryptRef(enc, key, iv), data)).toBe(true);
  });

  it('chains blocks: the first block is AES(p0 ^ iv0) ^ iv1', () => {
    const key = detBytes(32, 8);
    const iv = detBytes(32, 9);
    const p0 = detBytes(16, 10);
    const x = p0.map((b, i) => b ^ iv[i]);
    const e = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false).update(x);
    const expected = new Uint8Array(e).map((b, i) => b ^ iv[16 + i]);
    expect(bytesEqual(igeEncryptRef(p0, key, iv), expected)).toBe(true);
  });
});

describe('reference inputs', () => {
  it('gives the same bytes for the same seed and different ones for another', () => {
    expect(bytesEqual(detBytes(64, 3), detBytes(64, 3))).toBe(true);
    expect(bytesEqual(detBytes(64, 3), detBytes(64, 4))).toBe(false);
  });

  it('lists distinct semiprimes below 2^63, starting with the published one', () => {
    const list = semiprimes(16);
    expect(list[0]).toBe(0x17ed48941a08f981n);
    expect(new Set(list).size).toBe(16);
    for (const n of list) expect(n > 1n << 60n && n < 1n << 63n).toBe(true);
    expect(checkFactors(0x17ed48941a08f981n, 0x494c553bn, 0x53911073n)).toBe(true);
    expect(checkFactors(0x17ed48941a08f981n, 0x494c553bn, 0x53911075n)).toBe(false);
    expect(checkFactors(15n, 1n, 15n)).toBe(false);
  });

  it('converts big integers to bytes and back', () => {
    const n = 0x17ed48941a08f981n;
    expect(bytesToBig(bigToBytes(n, 8))).toBe(n);
    expect(bigToBytes(1n, 4)).toEqual(Uint8Array.of(0, 0, 0, 1));
  });

  it('writes auth.sendCode and auth.sentCode with their constructor ids, 4-byte aligned', () => {
    const id = (b: Uint8Array): number => new DataView(b.buffer, b.byteOffset).getUint32(0, true);
    expect(id(SEND_CODE_BYTES)).toBe(0xa677244f);
    expect(id(SENT_CODE_BYTES)).toBe(0x5e002502);
    expect(SEND_CODE_BYTES.length % 4).toBe(0);
    expect(SENT_CODE_BYTES.length % 4).toBe(0);
  });
});

describe('checkMessages', () => {
  const neutral = messagesContent();
  const get = {
    messages: (d: typeof neutral) => d.messages,
    users: (d: typeof neutral) => d.users,
    text: (m: (typeof neutral.messages)[number]) => m.message,
    msgId: (m: (typeof neutral.messages)[number]) => m.id,
    fromUserId: (m: (typeof neutral.messages)[number]) => m.fromUserId,
    replyTo: (m: (typeof neutral.messages)[number]) => m.replyToMsgId,
    entityCount: (m: (typeof neutral.messages)[number]) => (m.entities ? 2 : 0),
    firstName: (u: (typeof neutral.users)[number]) => u.firstName,
    accessHash: (u: (typeof neutral.users)[number]) => u.accessHash,
    thumb: (u: (typeof neutral.users)[number]) => u.strippedThumb,
  };

  it('accepts the reference content', () => {
    expect(checkMessages(neutral, get)).toBeNull();
  });

  it('names what is wrong in a damaged result', () => {
    const damaged = messagesContent();
    damaged.messages[42].message = 'changed';
    expect(checkMessages(damaged, get)).toBe('message 42 text');
    const short = messagesContent();
    short.users.pop();
    expect(checkMessages(short, get)).toBe('counts 100/19');
  });
});

describe('statistics', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('reports the spread as half the range over the median', () => {
    expect(summarize([90, 100, 110])).toEqual({
      n: 3,
      median: 100,
      min: 90,
      max: 110,
      spreadPct: 10,
    });
  });
});

describe('ratio and verdict', () => {
  const speed = { id: 'x', higherIsBetter: true, target: 2 };
  const time = { id: 't', higherIsBetter: false, target: 1 };

  it('compares with the better peer, in the right direction', () => {
    expect(
      ratioOf(speed, { telets: { median: 300 }, gramjs: { median: 50 }, mtcute: { median: 100 } }),
    ).toBe(3);
    expect(
      ratioOf(time, { telets: { median: 20 }, gramjs: { median: 10 }, mtcute: { median: 40 } }),
    ).toBe(0.5);
  });

  it('leaves out peers without a figure or doing different work', () => {
    const row = {
      telets: { median: 100 },
      gramjs: { median: 1000, extra: { comparable: false } },
      mtcute: { error: 'n/a' },
    };
    expect(ratioOf(speed, row)).toBeUndefined();
    expect(verdict(speed, row).ok).toBeUndefined();
  });

  it('compares with one named peer when the target says so', () => {
    const importTime = { id: 'import-ms', higherIsBetter: false, target: 2, vs: 'mtcute' };
    expect(
      ratioOf(importTime, {
        telets: { median: 50 },
        gramjs: { median: 10 },
        mtcute: { median: 200 },
      }),
    ).toBe(4);
  });

  it('gives no ratio for sizes at or below zero', () => {
    expect(ratioOf(time, { telets: { median: -1 }, gramjs: { median: 2 } })).toBeUndefined();
  });

  it('marks targets met or missed', () => {
    expect(verdict(speed, { telets: { median: 200 }, mtcute: { median: 100 } }).ok).toBe(true);
    expect(verdict(speed, { telets: { median: 199 }, mtcute: { median: 100 } }).ok).toBe(false);
  });

  it('judges the bundle on its size and Node shims', () => {
    const bundle = { id: 'bundle-kb', higherIsBetter: false, target: 1 };
    const clean = { nodeBuiltins: [], nodeGlobals: [] };
    expect(verdict(bundle, { telets: { median: 140, extra: clean } }).ok).toBe(true);
    expect(verdict(bundle, { telets: { median: 160, extra: clean } }).ok).toBe(false);
    expect(
      verdict(bundle, {
        telets: { median: 140, extra: { nodeBuiltins: ['net'], nodeGlobals: [] } },
      }).ok,
    ).toBe(false);
  });
});
