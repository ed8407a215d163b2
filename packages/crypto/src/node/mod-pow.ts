// Modular exponentiation through OpenSSL. Node exposes no bare BN_mod_exp, but importing a DH
// private key (PKCS#8, parameters p and g) makes OpenSSL compute the public value g^x mod p; we
// pass base as g and exponent as x and read the public value back. ~2.5 ms for 2048 bits, against
// ~20 ms for BigInt in JS. (crypto.createDiffieHellman would do the same, but it runs a
// primality check of p on every construction: ~270 ms.)

import {
  constants,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  publicEncrypt,
} from 'node:crypto';
import { bigIntToBytes, bytesToBigInt, toHex } from '../bytes';
import { CryptoError } from '../errors';
import { modPowPortable, modPowSmallExponent } from '../mod-pow';

const DH_OID = Uint8Array.of(0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x03, 0x01);

function derLength(n: number): number[] {
  if (n < 128) return [n];
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 255);
    n = Math.floor(n / 256);
  }
  return [0x80 | bytes.length, ...bytes];
}

function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const bodyLength = parts.reduce((s, p) => s + p.length, 0);
  const head = [tag, ...derLength(bodyLength)];
  const out = new Uint8Array(head.length + bodyLength);
  out.set(head);
  let o = head.length;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function derInteger(value: bigint): Uint8Array {
  const raw = bigIntToBytes(value);
  const body = raw[0] & 0x80 ? Uint8Array.of(0, ...raw) : raw;
  return tlv(0x02, body);
}

function readDerLength(der: Uint8Array, o: number): [length: number, next: number] {
  const first = der[o];
  if (first < 128) return [first, o + 1];
  let length = 0;
  const count = first & 127;
  for (let k = 0; k < count; k++) length = length * 256 + der[o + 1 + k];
  return [length, o + 1 + count];
}

/** Reads y from SubjectPublicKeyInfo { AlgorithmIdentifier, BIT STRING { INTEGER y } }. */
function publicValueOfSpki(der: Uint8Array): bigint {
  let [, o] = readDerLength(der, 1);
  const [algLength, algStart] = readDerLength(der, o + 1);
  o = algStart + algLength;
  if (der[o] !== 0x03) throw new CryptoError('unexpected SPKI layout from OpenSSL');
  [, o] = readDerLength(der, o + 1);
  o += 1; // unused-bits byte
  if (der[o] !== 0x02) throw new CryptoError('unexpected SPKI layout from OpenSSL');
  const [intLength, intStart] = readDerLength(der, o + 1);
  return bytesToBigInt(der.subarray(intStart, intStart + intLength));
}

export function modPowNode(
  base: Uint8Array,
  exponent: Uint8Array,
  modulus: Uint8Array,
): Uint8Array {
  const raw = rsaPublicRaw(base, exponent, modulus);
  if (raw) return raw;
  const small = modPowSmallExponent(base, exponent, modulus);
  if (small) return small;
  const m = bytesToBigInt(modulus);
  const e = bytesToBigInt(exponent);
  const b = bytesToBigInt(base) % (m === 0n ? 1n : m);
  // OpenSSL's DH needs an odd modulus (Montgomery) and a generator ≥ 2; trivial cases and
  // small numbers are cheaper in JS anyway.
  if (m === 0n || (m & 1n) === 0n || m < 1n << 64n || b < 2n || e === 0n)
    return modPowPortable(base, exponent, modulus);
  const algorithm = tlv(0x30, DH_OID, tlv(0x30, derInteger(m), derInteger(b)));
  const pkcs8 = tlv(0x30, derInteger(0n), algorithm, tlv(0x04, derInteger(e)));
  try {
    const key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
    const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
    return bigIntToBytes(publicValueOfSpki(spki), modulus.length);
  } catch {
    // A parameter OpenSSL refuses (e.g. a base of p - 1) is still a valid modPow.
    return modPowPortable(base, exponent, modulus);
  }
}

/** RSA public keys by modulus and exponent; a handful at most (Telegram's, a test server's). */
const rsaKeyCache = new Map<string, KeyObject>();

/**
 * m^e mod n for an RSA-shaped call (odd e < 2^32, n of 512..16384 bits, m < n) through OpenSSL's
 * raw RSA public operation: ~20 µs for RSA_PAD's 2048-bit block instead of ~200 µs in BigInt.
 */
function rsaPublicRaw(
  base: Uint8Array,
  exponent: Uint8Array,
  modulus: Uint8Array,
): Uint8Array | undefined {
  const n = modulus[0] === 0 ? undefined : modulus;
  if (!n || n.length < 64 || n.length > 2048 || (n[n.length - 1] & 1) === 0) return undefined;
  const e = bytesToBigInt(exponent);
  if (e < 3n || e >= 1n << 32n || (e & 1n) === 0n) return undefined;
  const m = bytesToBigInt(base);
  if (m >= bytesToBigInt(n)) return undefined;
  const id = `${toHex(n)}:${e}`;
  let key = rsaKeyCache.get(id);
  if (!key) {
    key = createPublicKey({
      key: {
        kty: 'RSA',
        n: Buffer.from(n).toString('base64url'),
        e: Buffer.from(bigIntToBytes(e)).toString('base64url'),
      },
      format: 'jwk',
    });
    if (rsaKeyCache.size >= 16) rsaKeyCache.clear();
    rsaKeyCache.set(id, key);
  }
  try {
    const out = publicEncrypt(
      { key, padding: constants.RSA_NO_PADDING },
      bigIntToBytes(m, n.length),
    );
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch {
    return undefined;
  }
}
