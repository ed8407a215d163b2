import { CryptoError } from './errors';

interface WebCryptoLike {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

/** Secure random bytes from WebCrypto's getRandomValues (browsers, Deno, Node ≥ 19). */
export function webRandomBytes(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError('byte count must be a non-negative integer');
  const c = (globalThis as { crypto?: WebCryptoLike }).crypto;
  if (!c || typeof c.getRandomValues !== 'function')
    throw new CryptoError('no secure random source: globalThis.crypto.getRandomValues is missing');
  const out = new Uint8Array(n);
  // getRandomValues fills at most 65 536 bytes per call.
  for (let i = 0; i < n; i += 65536) c.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out;
}
