import bigInt from 'big-integer';
import { bigIntToBytes, bytesToBigInt, toHex } from './bytes';
import { CryptoError } from './errors';

function toBig(bytes: Uint8Array): bigInt.BigInteger {
  const hex = toHex(bytes);
  return hex === '' ? bigInt.zero : bigInt(hex, 16);
}

/** base^exponent mod modulus with big-integer; the result is padded to the modulus' length. */
export function modPowPortable(
  base: Uint8Array,
  exponent: Uint8Array,
  modulus: Uint8Array,
): Uint8Array {
  const small = modPowSmallExponent(base, exponent, modulus);
  if (small) return small;
  const m = toBig(modulus);
  const r = toBig(base).modPow(toBig(exponent), m);
  return bigIntToBytes(BigInt(`0x${r.toString(16)}`), modulus.length);
}

/**
 * Square-and-multiply on native BigInt for exponents up to 64 bits (RSA's e = 65537, SRP's
 * v^u...): a handful of multiplications, far cheaper than any setup. Undefined for larger ones.
 */
export function modPowSmallExponent(
  base: Uint8Array,
  exponent: Uint8Array,
  modulus: Uint8Array,
): Uint8Array | undefined {
  const m = bytesToBigInt(modulus);
  if (m === 0n) throw new CryptoError('modPow modulus must not be zero');
  let e = bytesToBigInt(exponent);
  if (e >= 1n << 64n) return undefined;
  let b = bytesToBigInt(base) % m;
  let r = 1n % m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return bigIntToBytes(r, modulus.length);
}
