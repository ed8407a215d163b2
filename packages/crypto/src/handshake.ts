import { assertLength, bigIntToBytes, bytesToBigInt, concatBytes, toHex } from './bytes';
import { DhParamsError } from './errors';
import { authKeyAuxHash } from './message';
import { isSafePrime } from './prime';
import type { CryptoProvider, RandomSource } from './provider';

/** The 2048-bit safe prime Telegram's servers send as dh_prime (with g = 3). */
export const TELEGRAM_DH_PRIME: Uint8Array = Uint8Array.from(
  'c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c3720fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f642477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b'.match(
    /../g,
  ) ?? [],
  (h) => Number.parseInt(h, 16),
);

/** tmp_aes_key (32 bytes) and tmp_aes_iv (32 bytes) from new_nonce and server_nonce (step 5). */
export function tmpAesKeyIv(
  c: CryptoProvider,
  newNonce: Uint8Array,
  serverNonce: Uint8Array,
): { key: Uint8Array; iv: Uint8Array } {
  assertLength('new_nonce', newNonce, 32);
  assertLength('server_nonce', serverNonce, 16);
  const ns = c.sha1(concatBytes(newNonce, serverNonce));
  const sn = c.sha1(concatBytes(serverNonce, newNonce));
  const nn = c.sha1(concatBytes(newNonce, newNonce));
  return {
    key: concatBytes(ns, sn.subarray(0, 12)),
    iv: concatBytes(sn.subarray(12, 20), nn, newNonce.subarray(0, 4)),
  };
}

/** new_nonce_hash1/2/3: the low 128 bits of SHA-1(new_nonce + byte n + auth_key_aux_hash). */
export function newNonceHash(
  c: CryptoProvider,
  newNonce: Uint8Array,
  authKey: Uint8Array,
  n: 1 | 2 | 3,
): Uint8Array {
  assertLength('new_nonce', newNonce, 32);
  return c.sha1(concatBytes(newNonce, Uint8Array.of(n), authKeyAuxHash(c, authKey))).slice(4, 20);
}

/** server_salt of the new session: substr(new_nonce, 0, 8) XOR substr(server_nonce, 0, 8). */
export function initialServerSalt(newNonce: Uint8Array, serverNonce: Uint8Array): Uint8Array {
  assertLength('new_nonce', newNonce, 32);
  assertLength('server_nonce', serverNonce, 16);
  const out = new Uint8Array(8);
  for (let i = 0; i < 8; i++) out[i] = newNonce[i] ^ serverNonce[i];
  return out;
}

const verifiedPrimes = new Set<string>([toHex(TELEGRAM_DH_PRIME)]);

/**
 * Checks dh_prime and g as core.telegram.org/mtproto/security_guidelines requires: a 2048-bit
 * safe prime (Telegram's known prime is accepted at once; others get Miller–Rabin on p and
 * (p − 1)/2, and are remembered), 2 ≤ g ≤ 7, and g generating the subgroup of order (p − 1)/2.
 */
export function checkDhParams(c: CryptoProvider, dhPrime: Uint8Array, g: number): void {
  const bytes = dhPrime.length > 256 && dhPrime[0] === 0 ? dhPrime.subarray(1) : dhPrime;
  if (bytes.length !== 256 || (bytes[0] & 0x80) === 0)
    throw new DhParamsError('prime-size', 'dh_prime must be a 2048-bit number');
  if (!Number.isInteger(g) || g < 2 || g > 7)
    throw new DhParamsError('generator-range', `g must be between 2 and 7, got ${g}`);
  const p = bytesToBigInt(bytes);
  const mod = (m: bigint): number => Number(p % m);
  const isGoodSubgroup =
    g === 2
      ? mod(8n) === 7
      : g === 3
        ? mod(3n) === 2
        : g === 4
          ? true
          : g === 5
            ? [1, 4].includes(mod(5n))
            : g === 6
              ? [19, 23].includes(mod(24n))
              : [3, 5, 6].includes(mod(7n));
  if (!isGoodSubgroup)
    throw new DhParamsError(
      'generator-subgroup',
      `g = ${g} does not generate the prime-order subgroup of dh_prime`,
    );
  const hex = toHex(bytes);
  if (verifiedPrimes.has(hex)) return;
  if (!isSafePrime(c, p)) throw new DhParamsError('prime-not-safe', 'dh_prime is not a safe prime');
  verifiedPrimes.add(hex);
}

/** Checks g_a / g_b: 1 < x < p − 1 and 2^(2048−64) ≤ x ≤ p − 2^(2048−64). */
export function checkDhPublic(gX: Uint8Array, dhPrime: Uint8Array): void {
  const x = bytesToBigInt(gX);
  const p = bytesToBigInt(dhPrime);
  if (x <= 1n || x >= p - 1n)
    throw new DhParamsError('public-range', 'DH public value must satisfy 1 < g_x < dh_prime - 1');
  const bound = 1n << (2048n - 64n);
  if (x < bound || x > p - bound)
    throw new DhParamsError(
      'public-bounds',
      'DH public value must lie in [2^1984, dh_prime - 2^1984]',
    );
}

/** A fresh 2048-bit DH secret (a or b). */
export function generateDhSecret(
  c: CryptoProvider,
  random: RandomSource = c.randomBytes,
): Uint8Array {
  return random(256);
}

/** g^secret mod dh_prime as 256 bytes (g_a for the client, g_b for the server). */
export function dhPublic(
  c: CryptoProvider,
  g: number,
  dhPrime: Uint8Array,
  secret: Uint8Array,
): Uint8Array {
  return c.modPow(Uint8Array.of(g), secret, dhPrime);
}

/** The auth key: peer's public value ^ own secret mod dh_prime, 256 bytes (after checking it). */
export function dhAuthKey(
  c: CryptoProvider,
  peerPublic: Uint8Array,
  secret: Uint8Array,
  dhPrime: Uint8Array,
): Uint8Array {
  checkDhPublic(peerPublic, dhPrime);
  return bigIntToBytes(bytesToBigInt(c.modPow(peerPublic, secret, dhPrime)), 256);
}
