import { createCipheriv, createDecipheriv, createHash, pbkdf2Sync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes';
import { InvalidDataLengthError, InvalidKeyLengthError } from './errors';
import { pbkdf2Sha512Js } from './pbkdf2';
import { sha512Portable } from './sha512';
import { providers, sequence } from './testing-internal/providers';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Slow IGE reference straight from the definition, on node's AES-ECB. */
function igeReference(
  data: Uint8Array,
  key: Uint8Array,
  iv: Uint8Array,
  isEncrypt: boolean,
): Uint8Array {
  const out = new Uint8Array(data.length);
  // Encryption chains (previous ciphertext, previous plaintext); decryption the other way round.
  let prevIn = iv.slice(isEncrypt ? 0 : 16, isEncrypt ? 16 : 32);
  let prevOut = iv.slice(isEncrypt ? 16 : 0, isEncrypt ? 32 : 16);
  for (let o = 0; o < data.length; o += 16) {
    const block = data.slice(o, o + 16);
    const input = block.map((b, i) => b ^ prevIn[i]);
    const ecb = isEncrypt
      ? createCipheriv('aes-256-ecb', key, null).setAutoPadding(false).update(input)
      : createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false).update(input);
    const result = new Uint8Array(ecb).map((b, i) => b ^ prevOut[i]);
    out.set(result, o);
    prevIn = result;
    prevOut = block;
  }
  return out;
}

describe.each(providers)('primitives: $name provider', (c) => {
  it('hashes the FIPS 180 "abc" and empty vectors', () => {
    expect(toHex(c.sha1(ascii('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(toHex(c.sha1(new Uint8Array(0)))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(toHex(c.sha256(ascii('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(toHex(c.sha256(new Uint8Array(0)))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('agrees with node:crypto SHA-1/SHA-256 on any input (block boundaries included)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        expect(toHex(c.sha1(data))).toBe(createHash('sha1').update(data).digest('hex'));
        expect(toHex(c.sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
      }),
      { numRuns: 200 },
    );
  });

  it('returns the requested number of random bytes, differently each time', () => {
    expect(c.randomBytes(0)).toHaveLength(0);
    const a = c.randomBytes(70000);
    expect(a).toHaveLength(70000);
    expect(toHex(c.randomBytes(32))).not.toBe(toHex(c.randomBytes(32)));
    expect(() => c.randomBytes(-1)).toThrow(RangeError);
  });

  it("reproduces grammers' AES-IGE vectors (key = iv = plaintext = 0..31)", () => {
    const k = sequence(32);
    expect(Array.from(c.aesIgeEncrypt(k, k, k))).toEqual([
      226, 129, 18, 165, 62, 92, 137, 199, 177, 234, 128, 113, 193, 51, 105, 159, 212, 232, 107, 38,
      196, 186, 201, 252, 90, 241, 171, 140, 226, 122, 68, 164,
    ]);
    expect(Array.from(c.aesIgeDecrypt(k, k, k))).toEqual([
      229, 119, 122, 250, 205, 123, 44, 22, 247, 172, 64, 202, 230, 30, 246, 3, 254, 230, 9, 143,
      184, 168, 134, 10, 185, 238, 103, 44, 215, 229, 186, 204,
    ]);
  });

  it('matches an IGE reference built on AES-ECB, and round-trips', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 3 }),
        (key, iv, blocks, offset) => {
          // An unaligned view exercises the copy paths.
          const backing = new Uint8Array(blocks * 16 + offset);
          backing.set(c.randomBytes(blocks * 16), offset);
          const data = backing.subarray(offset);
          const encrypted = c.aesIgeEncrypt(data, key, iv);
          expect(toHex(encrypted)).toBe(toHex(igeReference(data, key, iv, true)));
          expect(toHex(c.aesIgeDecrypt(encrypted, key, iv))).toBe(toHex(data));
          expect(toHex(c.aesIgeDecrypt(data, key, iv))).toBe(
            toHex(igeReference(data, key, iv, false)),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects bad IGE key, iv and data lengths with typed errors', () => {
    const k = new Uint8Array(32);
    expect(() => c.aesIgeEncrypt(new Uint8Array(16), new Uint8Array(31), k)).toThrow(
      InvalidKeyLengthError,
    );
    expect(() => c.aesIgeDecrypt(new Uint8Array(16), k, new Uint8Array(16))).toThrow(
      InvalidKeyLengthError,
    );
    expect(() => c.aesIgeEncrypt(new Uint8Array(17), k, k)).toThrow(InvalidDataLengthError);
    expect(() => c.aesIgeDecrypt(new Uint8Array(15), k, k)).toThrow(/multiple of 16/);
  });

  it('AES-CTR equals node:crypto aes-256-ctr under any chunking', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.array(fc.integer({ min: 0, max: 70 }), { maxLength: 12 }),
        (key, iv, chunkSizes) => {
          // An all-0xff counter tail checks the 128-bit carry.
          iv.fill(0xff, 8);
          const total = chunkSizes.reduce((a, b) => a + b, 0);
          const data = c.randomBytes(total);
          const ctr = c.createAesCtr(key, iv);
          const parts: number[] = [];
          let o = 0;
          for (const size of chunkSizes) {
            parts.push(...ctr.update(data.subarray(o, o + size)));
            o += size;
          }
          const expected = createCipheriv('aes-256-ctr', key, iv).update(data);
          expect(toHex(Uint8Array.from(parts))).toBe(expected.toString('hex'));
        },
      ),
      { numRuns: 80 },
    );
    expect(() => c.createAesCtr(new Uint8Array(32), new Uint8Array(32))).toThrow(
      InvalidKeyLengthError,
    );
  });

  it('PBKDF2-HMAC-SHA512 matches the published vectors and node:crypto', async () => {
    const pw = ascii('password');
    const salt = ascii('salt');
    expect(toHex(await c.pbkdf2Sha512(pw, salt, 1))).toBe(
      '867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce',
    );
    expect(toHex(await c.pbkdf2Sha512(pw, salt, 2))).toBe(
      'e1d9c16aa681708a45f5c7c4e215ceb66e011a2e9f0040713f18aefdb866d53cf76cab2868a39b9f7840edce4fef5a82be67335c77a6068e04112754f27ccf4e',
    );
    const long = sequence(200);
    expect(toHex(await c.pbkdf2Sha512(long, salt, 1000))).toBe(
      pbkdf2Sync(long, salt, 1000, 64, 'sha512').toString('hex'),
    );
    await expect(c.pbkdf2Sha512(pw, salt, 0)).rejects.toThrow(RangeError);
  });

  it('modPow agrees with BigInt arithmetic, padded to the modulus length', () => {
    const ref = (b: bigint, e: bigint, m: bigint): bigint => {
      let r = 1n % m;
      b %= m;
      while (e > 0n) {
        if (e & 1n) r = (r * b) % m;
        b = (b * b) % m;
        e >>= 1n;
      }
      return r;
    };
    const big = (u: Uint8Array): bigint => (u.length ? BigInt(`0x${toHex(u)}`) : 0n);
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ maxLength: 260 }),
        fc.uint8Array({ minLength: 1, maxLength: 256 }),
        (b, e, m) => {
          if (big(m) === 0n) m[m.length - 1] = 1;
          const r = c.modPow(b, e, m);
          expect(r).toHaveLength(m.length);
          expect(big(r)).toBe(ref(big(b), big(e), big(m)));
        },
      ),
      { numRuns: 40 },
    );
    const p = fromHex('c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f');
    const pMinus1 = fromHex('c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930e');
    expect(big(c.modPow(pMinus1, Uint8Array.of(3), p))).toBe(big(p) - 1n);
  });
});

describe('portable SHA-512 and PBKDF2 (used when WebCrypto is absent)', () => {
  it('hashes FIPS 180 "abc" and agrees with node:crypto', () => {
    expect(toHex(sha512Portable(ascii('abc')))).toBe(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (data) => {
        expect(toHex(sha512Portable(data))).toBe(createHash('sha512').update(data).digest('hex'));
      }),
      { numRuns: 100 },
    );
  });

  it('derives the same keys as node:crypto and yields to the event loop', async () => {
    let yields = 0;
    const yieldNow = async (): Promise<void> => {
      yields++;
    };
    const pw = sequence(150);
    const salt = sequence(40);
    const key = await pbkdf2Sha512Js(pw, salt, 9000, yieldNow);
    expect(toHex(key)).toBe(pbkdf2Sync(pw, salt, 9000, 64, 'sha512').toString('hex'));
    expect(yields).toBe(2);
    expect(toHex(await pbkdf2Sha512Js(ascii('password'), ascii('salt'), 2))).toBe(
      pbkdf2Sync('password', 'salt', 2, 64, 'sha512').toString('hex'),
    );
  });
});
