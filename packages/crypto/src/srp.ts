// Telegram's 2FA SRP (core.telegram.org/api/srp), algorithm
// passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow, client and server sides.

import { bigIntToBytes, bytesEqual, bytesToBigInt, concatBytes, xorBytes } from './bytes';
import { CryptoError, DhParamsError, SrpParamsError } from './errors';
import { checkDhParams, checkDhPublic } from './handshake';
import { yieldToEventLoop } from './pbkdf2';
import type { CryptoProvider, RandomSource } from './provider';

/** The fields of account.password's current_algo and srp_B / srp_id. */
export interface SrpParams {
  g: number;
  p: Uint8Array;
  salt1: Uint8Array;
  salt2: Uint8Array;
  srpB: Uint8Array;
  srpId: bigint;
}

/** What inputCheckPasswordSRP carries. */
export interface SrpAnswer {
  srpId: bigint;
  A: Uint8Array;
  M1: Uint8Array;
}

const PBKDF2_ITERATIONS = 100000;
const pad256 = (n: bigint): Uint8Array => bigIntToBytes(n, 256);
const encodeUtf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function h(c: CryptoProvider, ...parts: Uint8Array[]): Uint8Array {
  return c.sha256(concatBytes(...parts));
}

/** SH(data, salt) = H(salt | data | salt) */
function sh(c: CryptoProvider, data: Uint8Array, salt: Uint8Array): Uint8Array {
  return h(c, salt, data, salt);
}

/** PH2(password, salt1, salt2): the slow, salted password hash both sides derive x from. */
export async function srpPasswordHash(
  c: CryptoProvider,
  password: string | Uint8Array,
  salt1: Uint8Array,
  salt2: Uint8Array,
): Promise<Uint8Array> {
  const raw = typeof password === 'string' ? encodeUtf8(password) : password;
  const ph1 = sh(c, sh(c, raw, salt1), salt2);
  return sh(c, await c.pbkdf2Sha512(ph1, salt1, PBKDF2_ITERATIONS), salt2);
}

function srpM1(
  c: CryptoProvider,
  pBytes: Uint8Array,
  gPadded: Uint8Array,
  salt1: Uint8Array,
  salt2: Uint8Array,
  gA: Uint8Array,
  gB: Uint8Array,
  kA: Uint8Array,
): Uint8Array {
  return h(
    c,
    xorBytes(c.sha256(pBytes), c.sha256(gPadded)),
    c.sha256(salt1),
    c.sha256(salt2),
    gA,
    gB,
    kA,
  );
}

function modulo(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

/** The client computation; `pickSecret` returns a and g^a (it runs while PBKDF2 works). */
async function runSrpClient(
  c: CryptoProvider,
  params: SrpParams,
  password: string | Uint8Array,
  pickSecret: (gPadded: Uint8Array, pBytes: Uint8Array) => { a: Uint8Array; gA: Uint8Array },
): Promise<SrpAnswer> {
  const { g, salt1, salt2 } = params;
  const pBytes = pad256(bytesToBigInt(params.p));
  const p = bytesToBigInt(pBytes);
  const gPadded = pad256(BigInt(g));
  const gB = pad256(bytesToBigInt(params.srpB));
  // PBKDF2 first: on Node it runs in the thread pool while g^a is computed here.
  const xPromise = srpPasswordHash(c, password, salt1, salt2);
  const { a, gA } = pickSecret(gPadded, pBytes);
  const k = bytesToBigInt(h(c, pBytes, gPadded));
  const u = bytesToBigInt(h(c, gA, gB));
  const x = await xPromise;
  const v = bytesToBigInt(c.modPow(gPadded, x, pBytes));
  // One modPow per event-loop turn keeps the longest stall to a single exponentiation.
  await yieldToEventLoop();
  const t = modulo(bytesToBigInt(gB) - ((k * v) % p), p);
  const exponent = bytesToBigInt(a) + u * bytesToBigInt(x);
  const sA = c.modPow(pad256(t), bigIntToBytes(exponent), pBytes);
  const kA = c.sha256(sA);
  const M1 = srpM1(c, pBytes, gPadded, salt1, salt2, gA, gB, kA);
  return { srpId: params.srpId, A: gA, M1 };
}

/**
 * The SRP client computation without any parameter check, for a given secret `a` (the
 * published test vectors use tiny, invalid groups). Use computeSrp in real code.
 */
export function computeSrpUnchecked(
  c: CryptoProvider,
  params: SrpParams,
  password: string | Uint8Array,
  a: Uint8Array,
): Promise<SrpAnswer> {
  return runSrpClient(c, params, password, (gPadded, pBytes) => ({
    a,
    gA: c.modPow(gPadded, a, pBytes),
  }));
}

function asSrpError(err: unknown): never {
  if (err instanceof DhParamsError)
    throw new SrpParamsError(`2FA SRP parameters rejected: ${err.message}`);
  throw err;
}

/**
 * Computes inputCheckPasswordSRP's A and M1 from account.password and the password, after the
 * checks of core.telegram.org/api/srp: p a 2048-bit safe prime with g generating its prime-order
 * subgroup, and srp_B (and our A) within the safe range. `random` supplies the 256-byte secret a.
 */
export async function computeSrp(
  c: CryptoProvider,
  params: SrpParams,
  password: string,
  random: RandomSource = c.randomBytes,
): Promise<SrpAnswer> {
  try {
    checkDhParams(c, params.p, params.g);
    checkDhPublic(params.srpB, params.p);
  } catch (err) {
    asSrpError(err);
  }
  return runSrpClient(c, params, password, (gPadded, pBytes) => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const a = random(256);
      const gA = c.modPow(gPadded, a, pBytes);
      if (isSafePublic(gA, pBytes)) return { a, gA };
    }
    throw new CryptoError('could not draw a usable SRP secret (is the random source broken?)');
  });
}

function isSafePublic(gX: Uint8Array, p: Uint8Array): boolean {
  try {
    checkDhPublic(gX, p);
    return true;
  } catch {
    return false;
  }
}

/** Server side: the verifier v = g^x mod p that stands in for the password. */
export async function srpVerifier(
  c: CryptoProvider,
  params: { g: number; p: Uint8Array; salt1: Uint8Array; salt2: Uint8Array },
  password: string | Uint8Array,
): Promise<Uint8Array> {
  const x = await srpPasswordHash(c, password, params.salt1, params.salt2);
  return c.modPow(Uint8Array.of(params.g), x, pad256(bytesToBigInt(params.p)));
}

/** Server side: B = (k·v + g^b) mod p, 256 bytes, for a secret b (256 random bytes). */
export function srpServerB(
  c: CryptoProvider,
  params: { g: number; p: Uint8Array },
  verifier: Uint8Array,
  b: Uint8Array,
): Uint8Array {
  const pBytes = pad256(bytesToBigInt(params.p));
  const p = bytesToBigInt(pBytes);
  const gPadded = pad256(BigInt(params.g));
  const k = bytesToBigInt(h(c, pBytes, gPadded));
  const gb = bytesToBigInt(c.modPow(gPadded, b, pBytes));
  return pad256((k * bytesToBigInt(verifier) + gb) % p);
}

/**
 * Server side: checks a client's (A, M1) against the verifier and the server secret b. Returns
 * the shared key K = H(S) when M1 is right, `undefined` when it is not (wrong password); throws
 * SrpParamsError when A is unacceptable.
 */
export function srpVerifyClient(
  c: CryptoProvider,
  params: { g: number; p: Uint8Array; salt1: Uint8Array; salt2: Uint8Array },
  verifier: Uint8Array,
  b: Uint8Array,
  answer: { A: Uint8Array; M1: Uint8Array },
): Uint8Array | undefined {
  const pBytes = pad256(bytesToBigInt(params.p));
  const p = bytesToBigInt(pBytes);
  const gPadded = pad256(BigInt(params.g));
  const gA = pad256(bytesToBigInt(answer.A));
  if (bytesToBigInt(gA) % p === 0n) throw new SrpParamsError('SRP A must not be 0 mod p');
  const gB = srpServerB(c, params, verifier, b);
  const u = bytesToBigInt(h(c, gA, gB));
  // S = (A · v^u)^b mod p
  const vu = bytesToBigInt(c.modPow(pad256(bytesToBigInt(verifier)), bigIntToBytes(u), pBytes));
  const base = (bytesToBigInt(gA) * vu) % p;
  const sB = c.modPow(pad256(base), b, pBytes);
  const kB = c.sha256(sB);
  const expected = srpM1(c, pBytes, gPadded, params.salt1, params.salt2, gA, gB, kB);
  return bytesEqual(expected, answer.M1) ? kB : undefined;
}
