import { bigIntToBytes, bytesToBigInt } from './bytes';
import type { CryptoProvider } from './provider';

const SMALL_PRIMES: bigint[] = (() => {
  const out: bigint[] = [];
  for (let n = 3; n < 2000; n += 2) {
    let isPrime = true;
    for (let d = 3; d * d <= n; d += 2) {
      if (n % d === 0) {
        isPrime = false;
        break;
      }
    }
    if (isPrime) out.push(BigInt(n));
  }
  return out;
})();

function hasSmallFactor(n: bigint): boolean {
  if ((n & 1n) === 0n) return n !== 2n;
  for (const p of SMALL_PRIMES) if (n % p === 0n) return n !== p;
  return false;
}

/**
 * Miller–Rabin with `rounds` random bases (from c.randomBytes): a composite passes with
 * probability at most 4^-rounds. Exponentiations go through c.modPow (OpenSSL on Node).
 */
export function isProbablePrime(c: CryptoProvider, n: bigint, rounds: number): boolean {
  if (n < 2n) return false;
  if (n < 4n) return true;
  if (hasSmallFactor(n)) return false;
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  const size = Math.ceil(n.toString(16).length / 2);
  const nBytes = bigIntToBytes(n, size);
  const dBytes = bigIntToBytes(d);
  for (let i = 0; i < rounds; i++) {
    // A base in [2, n - 2].
    const a = (bytesToBigInt(c.randomBytes(size + 8)) % (n - 3n)) + 2n;
    let x = bytesToBigInt(c.modPow(bigIntToBytes(a, size), dBytes, nBytes));
    if (x === 1n || x === n - 1n) continue;
    let isWitness = true;
    for (let r = 1; r < s; r++) {
      x = (x * x) % n;
      if (x === n - 1n) {
        isWitness = false;
        break;
      }
    }
    if (isWitness) return false;
  }
  return true;
}

/** Whether p and (p − 1) / 2 are both (probable) primes. */
export function isSafePrime(c: CryptoProvider, p: bigint, rounds = 32): boolean {
  const q = (p - 1n) >> 1n;
  // Cheap rejection first (small factors of either), then Miller–Rabin on q and p.
  if (hasSmallFactor(p) || hasSmallFactor(q)) return false;
  return isProbablePrime(c, q, rounds) && isProbablePrime(c, p, rounds);
}
