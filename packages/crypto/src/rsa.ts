import {
  assertLength,
  bigIntToBytes,
  bytesEqual,
  bytesToBigInt,
  concatBytes,
  xorBytes,
} from './bytes';
import { CryptoError, InvalidDataLengthError, RsaKeyError } from './errors';
import type { CryptoProvider, RandomSource } from './provider';
import { parsePemNE } from './rsa-pem';
import { sha1Portable } from './sha';
import { tlBytes } from './tl-bytes';

/** An RSA public key as Telegram uses it; `fingerprint` is the signed int64 seen on the wire. */
export interface RsaPublicKey {
  n: Uint8Array;
  e: Uint8Array;
  fingerprint: bigint;
}

/** The RSA_PAD decryption failed its hash check (wrong key or corrupted data). */
export class RsaDecryptionError extends CryptoError {}

/** Low 64 bits of SHA-1(TL bytes n + TL bytes e), as a signed little-endian int64. */
export function rsaFingerprint(c: CryptoProvider, n: Uint8Array, e: Uint8Array): bigint {
  const hash = c.sha1(concatBytes(tlBytes(n), tlBytes(e)));
  return new DataView(hash.buffer, hash.byteOffset + 12, 8).getBigInt64(0, true);
}

/** Parses a PEM public key (PKCS#1 or SPKI) and computes its Telegram fingerprint. */
export function parseRsaPublicKey(pem: string): RsaPublicKey {
  const { n, e } = parsePemNE(pem);
  // Fingerprinting needs only SHA-1, which is the same everywhere: no provider parameter here.
  const hash = sha1Portable(concatBytes(tlBytes(n), tlBytes(e)));
  const fingerprint = new DataView(hash.buffer, 12, 8).getBigInt64(0, true);
  return { n, e, fingerprint };
}

const RSA_PAD_DATA_MAX = 144;

/**
 * RSA_PAD (core.telegram.org/mtproto/auth_key, step 4): pads `data` (≤ 144 bytes) to 192 bytes,
 * hides it under AES-IGE with a random temp key, and RSA-encrypts the 256-byte result, drawing a
 * new temp key while the result is not below n. Randomness: first the padding, then 32 bytes of
 * temp key per attempt.
 */
export function rsaPad(
  c: CryptoProvider,
  data: Uint8Array,
  key: RsaPublicKey,
  random: RandomSource = c.randomBytes,
): Uint8Array {
  if (data.length > RSA_PAD_DATA_MAX)
    throw new InvalidDataLengthError(`RSA_PAD data must be at most 144 bytes, got ${data.length}`);
  const n = bytesToBigInt(key.n);
  if (key.n.length !== 256 || n >> 2040n === 0n)
    throw new RsaKeyError('RSA_PAD needs a 2048-bit modulus');
  const dataWithPadding = concatBytes(data, random(192 - data.length));
  const reversed = dataWithPadding.slice().reverse();
  const zeroIv = new Uint8Array(32);
  for (;;) {
    const tempKey = random(32);
    assertLength('RSA_PAD temp key', tempKey, 32);
    const dataWithHash = concatBytes(reversed, c.sha256(concatBytes(tempKey, dataWithPadding)));
    const aesEncrypted = c.aesIgeEncrypt(dataWithHash, tempKey, zeroIv);
    const keyAesEncrypted = concatBytes(xorBytes(tempKey, c.sha256(aesEncrypted)), aesEncrypted);
    if (bytesToBigInt(keyAesEncrypted) < n) return c.modPow(keyAesEncrypted, key.e, key.n);
  }
}

/**
 * Server side of RSA_PAD: decrypts with the private exponent `d` and returns the 192 bytes of
 * data_with_padding (the TL object followed by its random padding), after verifying the hash.
 */
export function rsaUnpad(
  c: CryptoProvider,
  encrypted: Uint8Array,
  n: Uint8Array,
  d: Uint8Array,
): Uint8Array {
  if (encrypted.length !== 256)
    throw new InvalidDataLengthError(`RSA_PAD block must be 256 bytes, got ${encrypted.length}`);
  if (bytesToBigInt(encrypted) >= bytesToBigInt(n))
    throw new RsaDecryptionError('RSA_PAD block is not below the modulus');
  const m = bigIntToBytes(bytesToBigInt(c.modPow(encrypted, d, n)), 256);
  const aesEncrypted = m.subarray(32);
  const tempKey = xorBytes(m.subarray(0, 32), c.sha256(aesEncrypted));
  const dataWithHash = c.aesIgeDecrypt(aesEncrypted, tempKey, new Uint8Array(32));
  const dataWithPadding = dataWithHash.slice(0, 192).reverse();
  const expected = c.sha256(concatBytes(tempKey, dataWithPadding));
  if (!bytesEqual(expected, dataWithHash.subarray(192)))
    throw new RsaDecryptionError('RSA_PAD hash check failed (wrong key or corrupted data)');
  return dataWithPadding;
}
