import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigIntToBytes, bytesToBigInt, concatBytes, fromHex, toHex, xorBytes } from './bytes';
import {
  AuthKeyIdMismatchError,
  DhParamsError,
  FactorizationError,
  InvalidDataLengthError,
  InvalidKeyLengthError,
  MsgKeyMismatchError,
  RsaKeyError,
} from './errors';
import {
  checkDhParams,
  checkDhPublic,
  dhAuthKey,
  dhPublic,
  newNonceHash,
  TELEGRAM_DH_PRIME,
  tmpAesKeyIv,
} from './handshake';
import {
  authKeyAuxHash,
  authKeyId,
  decryptMessage,
  encryptMessage,
  messageAesKeyIv,
} from './message';
import { factorizePq } from './pq';
import { isSafePrime } from './prime';
import { parseRsaPublicKey, rsaFingerprint, rsaPad, rsaUnpad } from './rsa';
import { findRsaKey, TELEGRAM_RSA_KEYS, TELEGRAM_TEST_RSA_KEYS } from './telegram-keys';
import { providers, replay, sequence } from './testing-internal/providers';

const hello = new TextEncoder().encode('Hello, world! This data should remain secure!');

describe.each(providers)('MTProto maths: $name provider', (c) => {
  const authKey = sequence(256);

  it('derives auth_key_id and aux hash (grammers vectors)', () => {
    expect(Array.from(authKeyId(c, authKey))).toEqual([50, 209, 88, 110, 164, 87, 223, 200]);
    expect(Array.from(authKeyAuxHash(c, authKey))).toEqual([73, 22, 214, 189, 183, 247, 142, 104]);
    expect(() => authKeyId(c, new Uint8Array(255))).toThrow(InvalidKeyLengthError);
  });

  it('derives new_nonce_hash1/2/3 (grammers vectors)', () => {
    const nn = sequence(32);
    expect(Array.from(newNonceHash(c, nn, authKey, 1))).toEqual([
      194, 206, 210, 179, 62, 89, 58, 85, 210, 127, 74, 93, 171, 238, 124, 103,
    ]);
    expect(Array.from(newNonceHash(c, nn, authKey, 2))).toEqual([
      244, 49, 142, 133, 189, 47, 243, 190, 132, 217, 254, 252, 227, 220, 227, 159,
    ]);
    expect(Array.from(newNonceHash(c, nn, authKey, 3))).toEqual([
      75, 249, 215, 179, 125, 180, 19, 238, 67, 29, 40, 81, 118, 49, 203, 61,
    ]);
  });

  it('derives tmp_aes_key/iv from the nonces (grammers vector)', () => {
    const { key, iv } = tmpAesKeyIv(c, sequence(32), sequence(16));
    expect(Array.from(key)).toEqual([
      7, 88, 241, 83, 59, 97, 93, 36, 246, 232, 169, 74, 111, 203, 238, 10, 85, 234, 171, 34, 23,
      215, 41, 92, 169, 33, 61, 26, 45, 125, 22, 166,
    ]);
    expect(Array.from(iv)).toEqual([
      90, 132, 16, 142, 152, 5, 101, 108, 232, 100, 7, 14, 22, 110, 98, 24, 246, 120, 62, 133, 17,
      71, 26, 90, 183, 128, 44, 242, 0, 1, 2, 3,
    ]);
  });

  it('derives the message AES key/iv for x = 0 and x = 8 (grammers vectors)', () => {
    const client = messageAesKeyIv(c, authKey, sequence(16), false);
    expect(Array.from(client.key)).toEqual([
      112, 78, 208, 156, 139, 65, 102, 138, 232, 249, 157, 36, 71, 56, 247, 29, 189, 220, 68, 70,
      155, 107, 189, 74, 168, 87, 61, 208, 66, 189, 5, 158,
    ]);
    expect(Array.from(client.iv)).toEqual([
      77, 38, 96, 0, 165, 80, 237, 171, 191, 76, 124, 228, 15, 208, 4, 60, 201, 34, 48, 24, 76, 211,
      23, 165, 204, 156, 36, 130, 253, 59, 147, 24,
    ]);
    const server = messageAesKeyIv(c, authKey, sequence(16), true);
    expect(Array.from(server.key)).toEqual([
      33, 119, 37, 121, 155, 36, 88, 6, 69, 129, 116, 161, 252, 251, 200, 131, 144, 104, 7, 177, 80,
      51, 253, 208, 234, 43, 77, 105, 207, 156, 54, 78,
    ]);
    expect(Array.from(server.iv)).toEqual([
      102, 154, 101, 56, 145, 122, 79, 165, 108, 163, 35, 96, 164, 49, 201, 22, 11, 228, 173, 136,
      113, 64, 152, 13, 171, 145, 206, 123, 220, 71, 255, 188,
    ]);
  });

  it('encrypts a client message byte for byte (grammers encrypt_client_data_v2)', () => {
    const packet = encryptMessage(c, authKey, hello, false, (n) => new Uint8Array(n));
    expect(Array.from(packet)).toEqual([
      50, 209, 88, 110, 164, 87, 223, 200, 168, 23, 41, 212, 109, 181, 64, 25, 162, 191, 215, 247,
      68, 249, 185, 108, 79, 113, 108, 253, 196, 71, 125, 178, 162, 193, 95, 109, 219, 133, 35, 95,
      185, 85, 47, 29, 132, 7, 198, 170, 234, 0, 204, 132, 76, 90, 27, 246, 172, 68, 183, 155, 94,
      220, 42, 35, 134, 139, 61, 96, 115, 165, 144, 153, 44, 15, 41, 117, 36, 61, 86, 62, 161, 128,
      210, 24, 238, 117, 124, 154,
    ]);
  });

  it('round-trips messages in both directions and rejects tampering', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (plaintext, fromServer) => {
        const packet = encryptMessage(c, authKey, plaintext, fromServer);
        const padded = decryptMessage(c, authKey, packet, fromServer);
        expect(padded.length - plaintext.length).toBeGreaterThanOrEqual(12);
        expect(padded.length - plaintext.length).toBeLessThanOrEqual(1024);
        expect(toHex(padded.subarray(0, plaintext.length))).toBe(toHex(plaintext));
        // The other direction's keys never verify.
        expect(() => decryptMessage(c, authKey, packet, !fromServer)).toThrow(MsgKeyMismatchError);
      }),
      { numRuns: 40 },
    );
    const packet = encryptMessage(c, authKey, hello, false);
    const flipped = packet.slice();
    flipped[40] ^= 1;
    expect(() => decryptMessage(c, authKey, flipped, false)).toThrow(MsgKeyMismatchError);
    const wrongId = packet.slice();
    wrongId[0] ^= 1;
    expect(() => decryptMessage(c, authKey, wrongId, false)).toThrow(AuthKeyIdMismatchError);
    expect(() => decryptMessage(c, authKey, packet.subarray(0, packet.length - 1), false)).toThrow(
      InvalidDataLengthError,
    );
    expect(() => decryptMessage(c, authKey, packet.subarray(0, 24), false)).toThrow(
      InvalidDataLengthError,
    );
  });

  it("parses Telegram's keys to grammers' moduli and fingerprints", () => {
    const [prod] = TELEGRAM_RSA_KEYS;
    const [test] = TELEGRAM_TEST_RSA_KEYS;
    expect(prod.fingerprint).toBe(-3414540481677951611n);
    expect(test.fingerprint).toBe(-5595554452916591101n);
    expect(bytesToBigInt(prod.n)).toBe(
      29379598170669337022986177149456128565388431120058863768162556424047512191330847455146576344487764408661701890505066208632169112269581063774293102577308490531282748465986139880977280302242772832972539403531316010870401287642763009136156734339538042419388722777357134487746169093539093850251243897188928735903389451772730245253062963384108812842079887538976360465290946139638691491496062099570836476454855996319192747663615955633778034897140982517446405334423701359108810182097749467210509584293428076654573384828809574217079944388301239431309115013843331317877374435868468779972014486325557807783825502498215169806323n,
    );
    expect(bytesToBigInt(test.n)).toBe(
      25342889448840415564971689590713473206898847759084779052582026594546022463853940585885215951168491965708222649399180603818074200620463776135424884632162512403163793083921641631564740959529419359595852941166848940585952337613333022396096584117954892216031229237302943701877588456738335398602461675225081791820393153757504952636234951323237820036543581047826906120927972487366805292115792231423684261262330394324750785450942589751755390156647751460719351439969059949569615302809050721500330239005077889855323917509948255722081644689442127297605422579707142646660768825302832201908302295573257427896031830742328565032949n,
    );
    expect(bytesToBigInt(prod.e)).toBe(65537n);
    expect(rsaFingerprint(c, prod.n, prod.e)).toBe(prod.fingerprint);
    expect(findRsaKey([1n, test.fingerprint], TELEGRAM_TEST_RSA_KEYS)).toBe(test);
    expect(findRsaKey([1n])).toBeUndefined();
  });

  it("reproduces grammers' RSA_PAD vector", () => {
    const [test] = TELEGRAM_TEST_RSA_KEYS;
    const data = fromHex(
      '955ff5a9081a8e635f5743de9b00000004453dc27100000004622f1fcb000000f7a81627bbf511fa4afef71e94a0937474586c1add9198dda81a5df8393871c8293623c5fb968894af1be7dfe9c7be813f9307789242fd0cb0c16a5cb39a8d3e',
    );
    const random = fromHex(
      '12270000635593b03fee033d0672f9afddf9124de9e77df6251806cba93482e4c9e6e06e7d44e4c4baae821aff91af44789689faaee9bdfc7b2df8c08709afe57396c4638ceaa0dc30114f82447e81d3b53edc423b32660c43a5b8ad057b64500000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000007dada0920c4973913229e0f881aec7b9db0c392d34f52fb0995ea493ecb4c09d',
    );
    // grammers takes the padding from the start of its 224 random bytes and the temp key from
    // bytes 192..224. Its first block is ≥ n, and on retry it uses temp_key + 1, which we feed
    // as the next draw.
    const tempKey = random.subarray(192);
    const next = bigIntToBytes(bytesToBigInt(tempKey) + 1n, 32);
    const source = replay(concatBytes(random.subarray(0, 192 - data.length), tempKey, next));
    expect(toHex(rsaPad(c, data, test, source))).toBe(
      'b610642a828b4a61fe32931815cae318d311660580f1e0df768f3140f4d37dfcfcac0c2870318de4ff2d2e0e9669bcfdc0bad06cadb1b59d9726b427368a9c7b4fc0d5e7b2e99fc571968705c03acf5341fd7021bef653fa77b3776ae430e366fc46d232459ebe128b08d80e049ae579a48b56ca93b520709468587c81af96666046e9ea85091d729e921e8d8a36f57b27644052dae7387c7f4131701d59cda75251dac66c94276280ef950d3c44c21e5a2454f7da7a6818cf23ae9c490b72b2170d7cbc24f8a93db739d76f2d241c78b80123faaff3e664f074d6375d794dbf2800a0b5bb48d54eceafedfb355bfbebd287d9023264e3b53627888250787a9e',
    );
    expect(() => rsaPad(c, new Uint8Array(145), test)).toThrow(InvalidDataLengthError);
  });

  it('RSA_PAD round-trips through rsaUnpad with a private key, retrying while ≥ n', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = privateKey.export({ format: 'jwk' });
    const b64 = (s: string | undefined): Uint8Array =>
      new Uint8Array(Buffer.from(s ?? '', 'base64url'));
    const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const key = parseRsaPublicKey(pem);
    expect(toHex(key.n)).toBe(toHex(b64(jwk.n)));
    const pkcs1 = parseRsaPublicKey(publicKey.export({ format: 'pem', type: 'pkcs1' }).toString());
    expect(pkcs1.fingerprint).toBe(key.fingerprint);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 144 }), (data) => {
        // Find a temp key whose block is ≥ n, so that the retry path runs every time.
        const padding = c.randomBytes(192 - data.length);
        const withPadding = concatBytes(data, padding);
        const reversed = withPadding.slice().reverse();
        let badKey = c.randomBytes(32);
        for (;;) {
          const enc = c.aesIgeEncrypt(
            concatBytes(reversed, c.sha256(concatBytes(badKey, withPadding))),
            badKey,
            new Uint8Array(32),
          );
          const top = bytesToBigInt(concatBytes(xorBytes(badKey, c.sha256(enc)), enc));
          if (top >= bytesToBigInt(key.n)) break;
          badKey = c.randomBytes(32);
        }
        let calls = 0;
        const random = (n: number): Uint8Array => {
          calls++;
          return calls === 1 ? padding : calls === 2 ? badKey : c.randomBytes(n);
        };
        const encrypted = rsaPad(c, data, key, random);
        expect(encrypted).toHaveLength(256);
        expect(calls).toBeGreaterThanOrEqual(3);
        const recovered = rsaUnpad(c, encrypted, key.n, b64(jwk.d));
        expect(toHex(recovered.subarray(0, data.length))).toBe(toHex(data));
      }),
      { numRuns: 8 },
    );
    expect(() => parseRsaPublicKey('not a key')).toThrow(RsaKeyError);
  });

  it('factorises pq (grammers vectors and random semiprimes), p < q, minimal bytes', () => {
    const split = (n: bigint): [bigint, bigint] => {
      const { p, q } = factorizePq(bigIntToBytes(n));
      expect(p[0]).not.toBe(0);
      return [bytesToBigInt(p), bytesToBigInt(q)];
    };
    expect(split(1470626929934143021n)).toEqual([1206429347n, 1218991343n]);
    expect(split(2363612107535801713n)).toEqual([1518968219n, 1556064227n]);
    expect(split(2804275833720261793n)).toEqual([1555252417n, 1803100129n]);
    expect(split(0x17ed48941a08f981n)).toEqual([0x494c553bn, 0x53911073n]);
    expect(() => factorizePq(Uint8Array.of(3))).toThrow(FactorizationError);
  });

  it('factorises random products of two 31–32-bit primes, and larger ones via Pollard–Brent', () => {
    // Deterministic Miller–Rabin for n < 3.3e9 (bases 2, 3, 5, 7).
    const isPrime = (n: bigint): boolean => {
      if (n < 2n) return false;
      for (const p of [2n, 3n, 5n, 7n]) if (n % p === 0n) return n === p;
      let d = n - 1n;
      let s = 0;
      while ((d & 1n) === 0n) {
        d >>= 1n;
        s++;
      }
      return [2n, 3n, 5n, 7n].every((a) => {
        let x = 1n;
        for (let e = d, b = a; e > 0n; e >>= 1n, b = (b * b) % n) if (e & 1n) x = (x * b) % n;
        if (x === 1n || x === n - 1n) return true;
        for (let r = 1; r < s; r++) {
          x = (x * x) % n;
          if (x === n - 1n) return true;
        }
        return false;
      });
    };
    const nextPrime = (n: bigint): bigint => {
      let m = n | 1n;
      while (!isPrime(m)) m += 2n;
      return m;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 2 ** 30, max: 2 ** 31 }),
        fc.integer({ min: 2 ** 30, max: 2 ** 31 }),
        (a, b) => {
          const p = nextPrime(BigInt(a));
          const q = nextPrime(BigInt(b));
          fc.pre(p !== q);
          const r = factorizePq(bigIntToBytes(p * q));
          const [lo, hi] = p < q ? [p, q] : [q, p];
          expect([bytesToBigInt(r.p), bytesToBigInt(r.q)]).toEqual([lo, hi]);
        },
      ),
      { numRuns: 40 },
    );
    // Above 2^64 the BigInt Pollard–Brent path takes over.
    const big = 4294967311n * 18446744073709551629n;
    const r = factorizePq(bigIntToBytes(big));
    expect([bytesToBigInt(r.p), bytesToBigInt(r.q)]).toEqual([4294967311n, 18446744073709551629n]);
  });

  it('checks DH parameters and public values', () => {
    expect(() => checkDhParams(c, TELEGRAM_DH_PRIME, 3)).not.toThrow();
    const expectCheck = (fn: () => void, check: string): void => {
      try {
        fn();
        expect.unreachable('should have thrown');
      } catch (err) {
        expect(err).toBeInstanceOf(DhParamsError);
        expect((err as DhParamsError).check).toBe(check);
      }
    };
    expectCheck(() => checkDhParams(c, TELEGRAM_DH_PRIME, 8), 'generator-range');
    expectCheck(() => checkDhParams(c, TELEGRAM_DH_PRIME, 2), 'generator-subgroup');
    expectCheck(() => checkDhParams(c, TELEGRAM_DH_PRIME.subarray(1), 3), 'prime-size');
    const notPrime = TELEGRAM_DH_PRIME.slice();
    notPrime[255] ^= 0x18; // keeps p mod 3 = 2 and p mod 8 = 3, but breaks primality
    expectCheck(() => checkDhParams(c, notPrime, 4), 'prime-not-safe');
    const p = bytesToBigInt(TELEGRAM_DH_PRIME);
    const bound = 1n << 1984n;
    expect(() => checkDhPublic(bigIntToBytes(bound, 256), TELEGRAM_DH_PRIME)).not.toThrow();
    expectCheck(() => checkDhPublic(bigIntToBytes(1n, 256), TELEGRAM_DH_PRIME), 'public-range');
    expectCheck(() => checkDhPublic(bigIntToBytes(p - 1n, 256), TELEGRAM_DH_PRIME), 'public-range');
    expectCheck(
      () => checkDhPublic(bigIntToBytes(bound - 1n, 256), TELEGRAM_DH_PRIME),
      'public-bounds',
    );
    expectCheck(
      () => checkDhPublic(bigIntToBytes(p - bound + 1n, 256), TELEGRAM_DH_PRIME),
      'public-bounds',
    );
  });

  it('agrees on the auth key from both sides of the DH exchange', () => {
    const a = c.randomBytes(256);
    const b = c.randomBytes(256);
    const gA = dhPublic(c, 3, TELEGRAM_DH_PRIME, a);
    const gB = dhPublic(c, 3, TELEGRAM_DH_PRIME, b);
    const clientKey = dhAuthKey(c, gB, a, TELEGRAM_DH_PRIME);
    expect(clientKey).toHaveLength(256);
    expect(toHex(clientKey)).toBe(toHex(dhAuthKey(c, gA, b, TELEGRAM_DH_PRIME)));
  });
});

describe('safe primes and subgroups (grammers check_p_and_g cases)', () => {
  const [c] = providers;
  const generatorOk = (p: number, g: number): boolean => {
    const bytes = bigIntToBytes(BigInt(p));
    const padded = concatBytes(new Uint8Array(256 - bytes.length), bytes);
    padded[0] |= 0; // size is checked separately; here only the residues matter
    const mod = (m: number): number => p % m;
    const subgroup: Record<number, boolean> = {
      2: mod(8) === 7,
      3: mod(3) === 2,
      4: true,
      5: [1, 4].includes(mod(5)),
      6: [19, 23].includes(mod(24)),
      7: [3, 5, 6].includes(mod(7)),
    };
    return isSafePrime(c, BigInt(p)) && (subgroup[g] ?? false);
  };
  it.each([
    [4, 0, false],
    [13, 0, false],
    [11, 2, false],
    [23, 2, true],
    [13, 3, false],
    [47, 3, true],
    [11, 4, true],
    [13, 5, false],
    [11, 5, true],
    [179, 5, true],
    [13, 6, false],
    [383, 6, true],
    [13, 7, false],
    [479, 7, true],
    [383, 7, true],
    [503, 7, true],
  ])('p = %i, g = %i → %s', (p, g, ok) => {
    expect(generatorOk(p, g)).toBe(ok);
  });
  it("recognises Telegram's prime as safe with Miller–Rabin too", () => {
    expect(isSafePrime(c, bytesToBigInt(TELEGRAM_DH_PRIME), 4)).toBe(true);
    expect(isSafePrime(c, bytesToBigInt(TELEGRAM_DH_PRIME) + 2n, 4)).toBe(false);
  });
});
