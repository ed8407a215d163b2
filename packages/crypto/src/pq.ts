import { bigIntToBytes, bytesToBigInt } from './bytes';
import { FactorizationError } from './errors';

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

const MULTIPLIERS = [
  1,
  3,
  5,
  7,
  11,
  3 * 5,
  3 * 7,
  3 * 11,
  5 * 7,
  5 * 11,
  7 * 11,
  3 * 5 * 7,
  3 * 5 * 11,
  3 * 7 * 11,
  5 * 7 * 11,
  3 * 5 * 7 * 11,
];

/** Quadratic residues mod 64: a cheap filter before Math.sqrt in the SQUFOF loop. */
const IS_SQUARE_MOD_64: Uint8Array = (() => {
  const t = new Uint8Array(64);
  for (let i = 0; i < 64; i++) t[(i * i) % 64] = 1;
  return t;
})();

/** The reverse cycle of SQUFOF from a square form r²; returns a factor of n (maybe trivial). */
function squfofReverse(n: bigint, dBig: bigint, p0: number, pFound: number, r: number): bigint {
  const b0 = Math.floor((p0 - pFound) / r);
  let p = b0 * r + pFound;
  let pPrev = p;
  let qPrev = r;
  let q = Number((dBig - BigInt(p) * BigInt(p)) / BigInt(r));
  if (q === 0) return gcd(n, BigInt(p));
  for (let guard = 0; guard < 1 << 22; guard++) {
    const b = Math.floor((p0 + p) / q);
    pPrev = p;
    p = b * q - p;
    const qOld = q;
    q = qPrev + b * (pPrev - p);
    qPrev = qOld;
    if (p === pPrev) break;
  }
  return gcd(n, BigInt(qPrev));
}

/**
 * Shanks' square forms factorisation for n < 2^64, "racing" several multipliers k at once: the
 * first cycle to reach a proper square form wins, and the independent recurrences overlap in the
 * CPU pipeline. Every quantity stays below 2·sqrt(k·n) < 2^40, so plain doubles are exact.
 */
function squfof(n: bigint): bigint | undefined {
  const s = Number(isqrt(n));
  const bound = 4 * Math.ceil(2 * Math.sqrt(2 * s));
  const RACERS = 8;
  for (let first = 0; first < MULTIPLIERS.length; first += RACERS) {
    const ks = MULTIPLIERS.slice(first, first + RACERS);
    const d = ks.map((k) => BigInt(k) * n);
    const P0 = new Float64Array(RACERS);
    const P = new Float64Array(RACERS);
    const Pprev = new Float64Array(RACERS);
    const Q = new Float64Array(RACERS);
    const Qprev = new Float64Array(RACERS);
    const isActive = new Uint8Array(RACERS);
    ks.forEach((_, j) => {
      const root = isqrt(d[j]);
      P0[j] = P[j] = Pprev[j] = Number(root);
      Qprev[j] = 1;
      Q[j] = Number(d[j] - root * root);
      isActive[j] = Q[j] === 0 ? 0 : 1;
    });
    for (let i = 2; i < bound; i++) {
      for (let j = 0; j < ks.length; j++) {
        if (isActive[j] === 0) continue;
        const q = Q[j];
        const p = P[j];
        const b = Math.floor((P0[j] + p) / q);
        const pNext = b * q - p;
        const qNext = Qprev[j] + b * (Pprev[j] - pNext);
        Qprev[j] = q;
        Pprev[j] = pNext;
        P[j] = pNext;
        Q[j] = qNext;
        if ((i & 1) === 0 && IS_SQUARE_MOD_64[qNext & 63] === 1) {
          const r = Math.round(Math.sqrt(qNext));
          if (r * r === qNext) {
            const f = squfofReverse(n, d[j], P0[j], pNext, r);
            if (f !== 1n && f !== n) return f;
          }
        }
      }
    }
  }
  return undefined;
}

/** Pollard–Brent with batched gcd on native BigInt; the general fallback. */
function brent(n: bigint, seed: bigint): bigint | undefined {
  const m = 128n;
  let y = seed % n;
  const c = (seed * 7n + 3n) % n || 1n;
  let g = 1n;
  let r = 1n;
  let q = 1n;
  let x = 0n;
  let ys = 0n;
  while (g === 1n) {
    x = y;
    for (let i = 0n; i < r; i++) y = (y * y + c) % n;
    let k = 0n;
    while (k < r && g === 1n) {
      ys = y;
      const limit = m < r - k ? m : r - k;
      for (let i = 0n; i < limit; i++) {
        y = (y * y + c) % n;
        q = (q * (x > y ? x - y : y - x)) % n;
      }
      g = gcd(q, n);
      k += m;
    }
    r *= 2n;
    if (r > 1n << 40n) return undefined;
  }
  if (g === n) {
    do {
      ys = (ys * ys + c) % n;
      g = gcd(x > ys ? x - ys : ys - x, n);
    } while (g === 1n);
  }
  return g === n ? undefined : g;
}

function smallFactor(n: bigint): bigint | undefined {
  for (const p of [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n]) {
    if (n % p === 0n && n !== p) return p;
  }
  return undefined;
}

/** Finds a non-trivial factor of n (n composite), or undefined. */
export function findFactor(n: bigint): bigint | undefined {
  const small = smallFactor(n);
  if (small) return small;
  const root = isqrt(n);
  if (root * root === n) return root;
  if (n < 1n << 64n) {
    const f = squfof(n);
    if (f) return f;
  }
  for (let seed = 2n; seed < 40n; seed++) {
    const f = brent(n, seed);
    if (f) return f;
  }
  return undefined;
}

/**
 * Splits resPQ's pq into p < q (Telegram sends a product of two distinct primes). Both results
 * are minimal big-endian encodings, as p_q_inner_data wants them.
 */
export function factorizePq(pq: Uint8Array): { p: Uint8Array; q: Uint8Array } {
  const n = bytesToBigInt(pq);
  if (n < 4n) throw new FactorizationError('pq must be a composite number');
  const f = findFactor(n);
  if (!f) throw new FactorizationError('pq could not be factorised');
  const other = n / f;
  const [p, q] = f < other ? [f, other] : [other, f];
  return { p: bigIntToBytes(p), q: bigIntToBytes(q) };
}
