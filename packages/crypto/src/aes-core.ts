// A table-driven AES-256 core on 32-bit words. Words hold a column with row 0 in the LOW byte
// (little-endian), so a Uint32Array view over the data on a little-endian machine reads the
// state directly, with no per-byte packing in the hot loops.

import { InvalidKeyLengthError } from './errors';

const SBOX = new Uint8Array(256);
const INV_SBOX = new Uint8Array(256);
/** Encryption tables: TE0[x] is the column (2s, s, s, 3s), the others are its rotations. */
export const TE0 = new Int32Array(256);
export const TE1 = new Int32Array(256);
export const TE2 = new Int32Array(256);
export const TE3 = new Int32Array(256);
/** Decryption tables: TD0[x] is (14s', 9s', 13s', 11s') for s' = InvSBox(x). */
export const TD0 = new Int32Array(256);
export const TD1 = new Int32Array(256);
export const TD2 = new Int32Array(256);
export const TD3 = new Int32Array(256);
export { INV_SBOX, SBOX };
/** TE0..TE3 and TD0..TD3 each concatenated into one array (offsets 0, 256, 512, 768). */
export const TE_ALL = new Int32Array(1024);
export const TD_ALL = new Int32Array(1024);

function buildTables(): void {
  // Powers and logs of the generator 3 in GF(2^8) give inverses without a search.
  const exp = new Uint8Array(256);
  const log = new Uint8Array(256);
  let x = 1;
  for (let i = 0; i < 255; i++) {
    exp[i] = x;
    log[x] = i;
    x ^= (x << 1) ^ (x & 0x80 ? 0x1b : 0);
    x &= 0xff;
  }
  const mul = (a: number, b: number): number =>
    a === 0 || b === 0 ? 0 : exp[(log[a] + log[b]) % 255];
  for (let i = 0; i < 256; i++) {
    const inv = i === 0 ? 0 : exp[(255 - log[i]) % 255];
    let s = inv;
    let r = inv;
    for (let k = 0; k < 4; k++) {
      r = ((r << 1) | (r >>> 7)) & 0xff;
      s ^= r;
    }
    s ^= 0x63;
    SBOX[i] = s;
    INV_SBOX[s] = i;
  }
  for (let i = 0; i < 256; i++) {
    const s = SBOX[i];
    const e = (mul(s, 2) | (s << 8) | (s << 16) | (mul(s, 3) << 24)) >>> 0;
    TE0[i] = e | 0;
    TE1[i] = (e << 8) | (e >>> 24);
    TE2[i] = (e << 16) | (e >>> 16);
    TE3[i] = (e << 24) | (e >>> 8);
    const si = INV_SBOX[i];
    const d = (mul(si, 14) | (mul(si, 9) << 8) | (mul(si, 13) << 16) | (mul(si, 11) << 24)) >>> 0;
    TD0[i] = d | 0;
    TD1[i] = (d << 8) | (d >>> 24);
    TD2[i] = (d << 16) | (d >>> 16);
    TD3[i] = (d << 24) | (d >>> 8);
  }
}
buildTables();
for (const [i, t] of [TE0, TE1, TE2, TE3].entries()) TE_ALL.set(t, 256 * i);
for (const [i, t] of [TD0, TD1, TD2, TD3].entries()) TD_ALL.set(t, 256 * i);

/** True when Uint32Array views see byte 0 in the low bits (every mainstream platform). */
export const IS_LITTLE_ENDIAN: boolean = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Number of rounds of AES-256. */
const ROUNDS = 14;

function subWord(w: number): number {
  return (
    SBOX[w & 255] |
    (SBOX[(w >>> 8) & 255] << 8) |
    (SBOX[(w >>> 16) & 255] << 16) |
    (SBOX[w >>> 24] << 24)
  );
}

/** Expanded AES-256 keys: 60 words each for encryption and (equivalent inverse) decryption. */
export interface AesKeySchedule {
  readonly enc: Int32Array;
  readonly dec: Int32Array;
}

/** Both schedules (the decryption one is derived from the encryption one). */
export function expandKey256(key: Uint8Array): AesKeySchedule {
  const enc = expandEncryptionKey256(key);
  return { enc, dec: decryptionSchedule(enc) };
}

/** The 60-word encryption schedule of AES-256. */
export function expandEncryptionKey256(key: Uint8Array): Int32Array {
  if (key.length !== 32) throw new InvalidKeyLengthError('AES-256 key', 32, key.length);
  const enc = new Int32Array(60);
  for (let i = 0; i < 8; i++) {
    const o = 4 * i;
    enc[i] = key[o] | (key[o + 1] << 8) | (key[o + 2] << 16) | (key[o + 3] << 24);
  }
  let rcon = 1;
  for (let i = 8; i < 60; i++) {
    let t = enc[i - 1];
    if (i % 8 === 0) {
      // RotWord moves row 1 to row 0: in low-byte-first words that is a right rotation.
      t = subWord((t >>> 8) | (t << 24)) ^ rcon;
      rcon = (rcon << 1) ^ (rcon & 0x80 ? 0x1b : 0);
    } else if (i % 8 === 4) {
      t = subWord(t);
    }
    enc[i] = enc[i - 8] ^ t;
  }
  return enc;
}

/** The equivalent-inverse-cipher schedule for decryption, from the encryption schedule. */
export function decryptionSchedule(enc: Int32Array): Int32Array {
  // Equivalent inverse cipher: round keys in reverse order, InvMixColumns on the inner ones.
  const dec = new Int32Array(60);
  for (let r = 0; r <= ROUNDS; r++) {
    for (let j = 0; j < 4; j++) {
      const w = enc[4 * (ROUNDS - r) + j];
      dec[4 * r + j] =
        r === 0 || r === ROUNDS
          ? w
          : TD0[SBOX[w & 255]] ^
            TD1[SBOX[(w >>> 8) & 255]] ^
            TD2[SBOX[(w >>> 16) & 255]] ^
            TD3[SBOX[w >>> 24]];
    }
  }
  return dec;
}

/**
 * Encrypts one block held in `state[o..o+3]` in place (CTR keystream; the IGE loops unroll the
 * same rounds for speed).
 */
export function encryptBlock(rk: Int32Array, state: Int32Array, o: number): void {
  let s0 = state[o] ^ rk[0];
  let s1 = state[o + 1] ^ rk[1];
  let s2 = state[o + 2] ^ rk[2];
  let s3 = state[o + 3] ^ rk[3];
  let k = 4;
  for (let r = 1; r < ROUNDS; r++) {
    const t0 = TE0[s0 & 255] ^ TE1[(s1 >>> 8) & 255] ^ TE2[(s2 >>> 16) & 255] ^ TE3[s3 >>> 24];
    const t1 = TE0[s1 & 255] ^ TE1[(s2 >>> 8) & 255] ^ TE2[(s3 >>> 16) & 255] ^ TE3[s0 >>> 24];
    const t2 = TE0[s2 & 255] ^ TE1[(s3 >>> 8) & 255] ^ TE2[(s0 >>> 16) & 255] ^ TE3[s1 >>> 24];
    const t3 = TE0[s3 & 255] ^ TE1[(s0 >>> 8) & 255] ^ TE2[(s1 >>> 16) & 255] ^ TE3[s2 >>> 24];
    s0 = t0 ^ rk[k];
    s1 = t1 ^ rk[k + 1];
    s2 = t2 ^ rk[k + 2];
    s3 = t3 ^ rk[k + 3];
    k += 4;
  }
  state[o] =
    (SBOX[s0 & 255] |
      (SBOX[(s1 >>> 8) & 255] << 8) |
      (SBOX[(s2 >>> 16) & 255] << 16) |
      (SBOX[s3 >>> 24] << 24)) ^
    rk[k];
  state[o + 1] =
    (SBOX[s1 & 255] |
      (SBOX[(s2 >>> 8) & 255] << 8) |
      (SBOX[(s3 >>> 16) & 255] << 16) |
      (SBOX[s0 >>> 24] << 24)) ^
    rk[k + 1];
  state[o + 2] =
    (SBOX[s2 & 255] |
      (SBOX[(s3 >>> 8) & 255] << 8) |
      (SBOX[(s0 >>> 16) & 255] << 16) |
      (SBOX[s1 >>> 24] << 24)) ^
    rk[k + 2];
  state[o + 3] =
    (SBOX[s3 & 255] |
      (SBOX[(s0 >>> 8) & 255] << 8) |
      (SBOX[(s1 >>> 16) & 255] << 16) |
      (SBOX[s2 >>> 24] << 24)) ^
    rk[k + 3];
}

/**
 * Copies bytes into a fresh word array whose words read as the core expects (low byte first),
 * swapping on big-endian hosts. Returns the words and the byte view over the same memory.
 */
export function toWords(data: Uint8Array): { words: Int32Array; bytes: Uint8Array } {
  const bytes = new Uint8Array(data.length);
  bytes.set(data);
  const words = new Int32Array(bytes.buffer, 0, data.length >>> 2);
  if (!IS_LITTLE_ENDIAN) swapWords(words);
  return { words, bytes };
}

/** Byte-swaps every word (only ever needed on big-endian hosts). */
export function swapWords(words: Int32Array): void {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    words[i] = ((w & 255) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24);
  }
}
