// biome-ignore-all format: one line per state column keeps the 14 unrolled rounds readable.
// The AES-256-IGE loops, fully unrolled over the 14 rounds with the state in locals (no
// allocation per block). Unrolling measured ~40% faster than a round loop in V8; IGE decryption
// is inherently sequential, so this is what sets the speed of every incoming MTProto message.
// The rounds are written out mechanically: round r uses round keys rk[4r .. 4r+3]. The four
// T-tables sit in one array (offsets 0/256/512/768): one base pointer instead of four, ~15% faster.

import { INV_SBOX, SBOX, TD_ALL, TE_ALL } from './aes-core';

/** IGE encryption loop with an expanded encryption schedule. */
export function igeEncryptWords(w: Int32Array, rk: Int32Array, ivw: Int32Array): void {
  let c0 = ivw[0]; let c1 = ivw[1]; let c2 = ivw[2]; let c3 = ivw[3];
  let p0 = ivw[4]; let p1 = ivw[5]; let p2 = ivw[6]; let p3 = ivw[7];
  let t0: number; let t1: number; let t2: number; let t3: number;
  for (let o = 0; o < w.length; o += 4) {
    const x0 = w[o]; const x1 = w[o + 1]; const x2 = w[o + 2]; const x3 = w[o + 3];
    let s0 = x0 ^ c0 ^ rk[0]; let s1 = x1 ^ c1 ^ rk[1]; let s2 = x2 ^ c2 ^ rk[2]; let s3 = x3 ^ c3 ^ rk[3];
    t0 = TE_ALL[s0 & 255] ^ TE_ALL[256 + ((s1 >>> 8) & 255)] ^ TE_ALL[512 + ((s2 >>> 16) & 255)] ^ TE_ALL[768 + (s3 >>> 24)] ^ rk[4];
    t1 = TE_ALL[s1 & 255] ^ TE_ALL[256 + ((s2 >>> 8) & 255)] ^ TE_ALL[512 + ((s3 >>> 16) & 255)] ^ TE_ALL[768 + (s0 >>> 24)] ^ rk[5];
    t2 = TE_ALL[s2 & 255] ^ TE_ALL[256 + ((s3 >>> 8) & 255)] ^ TE_ALL[512 + ((s0 >>> 16) & 255)] ^ TE_ALL[768 + (s1 >>> 24)] ^ rk[6];
    t3 = TE_ALL[s3 & 255] ^ TE_ALL[256 + ((s0 >>> 8) & 255)] ^ TE_ALL[512 + ((s1 >>> 16) & 255)] ^ TE_ALL[768 + (s2 >>> 24)] ^ rk[7];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TE_ALL[s0 & 255] ^ TE_ALL[256 + ((s1 >>> 8) & 255)] ^ TE_ALL[512 + ((s2 >>> 16) & 255)] ^ TE_ALL[768 + (s3 >>> 24)] ^ rk[8];
    t1 = TE_ALL[s1 & 255] ^ TE_ALL[256 + ((s2 >>> 8) & 255)] ^ TE_ALL[512 + ((s3 >>> 16) & 255)] ^ TE_ALL[768 + (s0 >>> 24)] ^ rk[9];
    t2 = TE_ALL[s2 & 255] ^ TE_ALL[256 + ((s3 >>> 8) & 255)] ^ TE_ALL[512 + ((s0 >>> 16) & 255)] ^ TE_ALL[768 + (s1 >>> 24)] ^ rk[10];
    t3 = TE_ALL[s3 & 255] ^ TE_ALL[256 + ((s0 >>> 8) & 255)] ^ TE_ALL[512 + ((s1 >>> 16) & 255)] ^ TE_ALL[768 + (s2 >>> 24)] ^ rk[11];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TE_ALL[s0 & 255] ^ TE_ALL[256 + ((s1 >>> 8) & 255)] ^ TE_ALL[512 + ((s2 >>> 16) & 255)] ^ TE_ALL[768 + (s3 >>> 24)] ^ rk[12];
    t1 = TE_ALL[s1 & 255] ^ TE_ALL[256 + ((s2 >>> 8) & 255)] ^ TE_ALL[512 + ((s3 >>> 16) & 255)] ^ TE_ALL[768 + (s0 >>> 24)] ^ rk[13];
    t2 = TE_ALL[s2 & 255] ^ TE_ALL[256 + ((s3 >>> 8) & 255)] ^ TE_ALL[512 + ((s0 >>> 16) & 255)] ^ TE_ALL[768 + (s1 >>> 24)] ^ rk[14];
    t3 = TE_ALL[s3 & 255] ^ TE_ALL[256 + ((s0 >>> 8) & 255)] ^ TE_ALL[512 + ((s1 >>> 16) & 255)] ^ TE_ALL[768 + (s2 >>> 24)] ^ rk[15];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TE_ALL[s0 & 255] ^ TE_ALL[256 + ((s1 >>> 8) & 255)] ^ TE_ALL[512 + ((s2 >>> 16) & 255)] ^ TE_ALL[768 + (s3 >>> 24)] ^ rk[16];
    t1 = TE_ALL[s1 & 255] ^ TE_ALL[256 + ((s2 >>> 8) & 255)] ^ TE_ALL[512 + ((s3 >>> 16) & 255)] ^ TE_ALL[768 + (s0 >>> 24)] ^ rk[17];
    t2 = TE_ALL[s2 & 255] ^ TE_ALL[256 + ((s3 >>> 8) & 255)] ^ TE_ALL[512 + ((s0 >>> 16) & 255)] ^ TE_ALL[768 + (s1 >>> 24)] ^ rk[18];
    t3 = TE_ALL[s3 & 255] ^ TE_ALL[256 + ((s0 >>> 8) & 255)] ^ TE_ALL[512 + ((s1 >>> 16) & 255)] ^ TE_ALL[768 + (s2 >>> 24)] ^ rk[19];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TE_ALL[s0 & 255] ^ TE_ALL[256 + ((s1 >>> 8) & 255)] ^ TE_ALL[512 + ((s2 >>> 16) & 255)] ^ TE_ALL[768 + (s3 >>> 24)] ^ rk[20];
    t1 = TE_ALL[s1 & 255] ^ TE_ALL[256 + ((s2 >>> 8) & 255)] ^ TE_ALL[512 + ((s3 >>> 16) & 255)] ^ TE_ALL[768 + (s0 >>> 24)] ^ rk[21];
    t2 = TE_ALL[s2 & 255] ^ TE_ALL[256 + ((s3 >>> 8) & 255)] ^ TE_ALL[512 + ((s0 >>> 16) & 255)] ^ TE_ALL[768 + (s1 >>> 24)] ^ rk[22];
    t3 = TE_ALL[s3 & 255] ^ TE_ALL[256 + ((s0 >>> 8) & 255)] ^ TE_ALL[512 + ((s1 >>> 16) & 255)] ^ TE_ALL[768 + (s2 >>> 24)] ^ rk[23];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TE_ALL[s0 & 255] ^ TE_ALL[256 + ((s1 >>> 8) & 255)] ^ TE_ALL[512 + ((s2 >>> 16) & 255)] ^ TE_ALL[768 + (s3 >>> 24)] ^ rk[24];
    t1 = TE_ALL[s1 & 255] ^ TE_ALL[256 + ((s2 >>> 8) & 255)] ^ TE_ALL[512 + ((s3 >>> 16) & 255)] ^ TE_ALL[768 + (s0 >>> 24)] ^ rk[25];
    t2 = TE_ALL[s2 & 255] ^ TE_ALL[256 + ((s3 >>> 8) & 255)] ^ TE_ALL[512 + ((s0 >>> 16) & 255)] ^ TE_ALL[768 + (s1 >>> 24)] ^ rk[26];
    t3 = TE_ALL[s3 & 255] ^ TE_ALL[256 + ((s0 >>> 8) & 255)] ^ TE_ALL[512 + ((s1 >>> 16) & 255)] ^ TE_ALL[768 + (s2 >>> 24)] ^ rk[27];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TE_ALL[s0 & 255] ^ TE_ALL[256 + ((s1 >>> 8) & 255)] ^ TE_ALL[512 + ((s2 >>> 16) & 255)] ^ TE_ALL[768 + (s3 >>> 24)] ^ rk[28];
    t1 = TE_ALL[s1 & 255] ^ TE_ALL[256 + ((s2 >>> 8) & 255)] ^ TE_ALL[512 + ((s3 >>> 16) & 255)] ^ TE_ALL[768 + (s0 >>> 24)] ^ rk[29];
    t2 = TE_ALL[s2 & 255] ^ TE_ALL[256 + ((s3 >>> 8) & 255)] ^ TE_ALL[512 + ((s0 >>> 16) & 255)] ^ TE_ALL[768 + (s1 >>> 24)] ^ rk[30];
    t3 = TE_ALL[s3 & 255] ^ TE_ALL[256 + ((s0 >>> 8) & 255)] ^ TE_ALL[512 + ((s1 >>> 16) & 255)] ^ TE_ALL[768 + (s2 >>> 24)] ^ rk[31];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TE_ALL[s0 & 255] ^ TE_ALL[256 + ((s1 >>> 8) & 255)] ^ TE_ALL[512 + ((s2 >>> 16) & 255)] ^ TE_ALL[768 + (s3 >>> 24)] ^ rk[32];
    t1 = TE_ALL[s1 & 255] ^ TE_ALL[256 + ((s2 >>> 8) & 255)] ^ TE_ALL[512 + ((s3 >>> 16) & 255)] ^ TE_ALL[768 + (s0 >>> 24)] ^ rk[33];
    t2 = TE_ALL[s2 & 255] ^ TE_ALL[256 + ((s3 >>> 8) & 255)] ^ TE_ALL[512 + ((s0 >>> 16) & 255)] ^ TE_ALL[768 + (s1 >>> 24)] ^ rk[34];
    t3 = TE_ALL[s3 & 255] ^ TE_ALL[256 + ((s0 >>> 8) & 255)] ^ TE_ALL[512 + ((s1 >>> 16) & 255)] ^ TE_ALL[768 + (s2 >>> 24)] ^ rk[35];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TE_ALL[s0 & 255] ^ TE_ALL[256 + ((s1 >>> 8) & 255)] ^ TE_ALL[512 + ((s2 >>> 16) & 255)] ^ TE_ALL[768 + (s3 >>> 24)] ^ rk[36];
    t1 = TE_ALL[s1 & 255] ^ TE_ALL[256 + ((s2 >>> 8) & 255)] ^ TE_ALL[512 + ((s3 >>> 16) & 255)] ^ TE_ALL[768 + (s0 >>> 24)] ^ rk[37];
    t2 = TE_ALL[s2 & 255] ^ TE_ALL[256 + ((s3 >>> 8) & 255)] ^ TE_ALL[512 + ((s0 >>> 16) & 255)] ^ TE_ALL[768 + (s1 >>> 24)] ^ rk[38];
    t3 = TE_ALL[s3 & 255] ^ TE_ALL[256 + ((s0 >>> 8) & 255)] ^ TE_ALL[512 + ((s1 >>> 16) & 255)] ^ TE_ALL[768 + (s2 >>> 24)] ^ rk[39];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TE_ALL[s0 & 255] ^ TE_ALL[256 + ((s1 >>> 8) & 255)] ^ TE_ALL[512 + ((s2 >>> 16) & 255)] ^ TE_ALL[768 + (s3 >>> 24)] ^ rk[40];
    t1 = TE_ALL[s1 & 255] ^ TE_ALL[256 + ((s2 >>> 8) & 255)] ^ TE_ALL[512 + ((s3 >>> 16) & 255)] ^ TE_ALL[768 + (s0 >>> 24)] ^ rk[41];
    t2 = TE_ALL[s2 & 255] ^ TE_ALL[256 + ((s3 >>> 8) & 255)] ^ TE_ALL[512 + ((s0 >>> 16) & 255)] ^ TE_ALL[768 + (s1 >>> 24)] ^ rk[42];
    t3 = TE_ALL[s3 & 255] ^ TE_ALL[256 + ((s0 >>> 8) & 255)] ^ TE_ALL[512 + ((s1 >>> 16) & 255)] ^ TE_ALL[768 + (s2 >>> 24)] ^ rk[43];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TE_ALL[s0 & 255] ^ TE_ALL[256 + ((s1 >>> 8) & 255)] ^ TE_ALL[512 + ((s2 >>> 16) & 255)] ^ TE_ALL[768 + (s3 >>> 24)] ^ rk[44];
    t1 = TE_ALL[s1 & 255] ^ TE_ALL[256 + ((s2 >>> 8) & 255)] ^ TE_ALL[512 + ((s3 >>> 16) & 255)] ^ TE_ALL[768 + (s0 >>> 24)] ^ rk[45];
    t2 = TE_ALL[s2 & 255] ^ TE_ALL[256 + ((s3 >>> 8) & 255)] ^ TE_ALL[512 + ((s0 >>> 16) & 255)] ^ TE_ALL[768 + (s1 >>> 24)] ^ rk[46];
    t3 = TE_ALL[s3 & 255] ^ TE_ALL[256 + ((s0 >>> 8) & 255)] ^ TE_ALL[512 + ((s1 >>> 16) & 255)] ^ TE_ALL[768 + (s2 >>> 24)] ^ rk[47];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TE_ALL[s0 & 255] ^ TE_ALL[256 + ((s1 >>> 8) & 255)] ^ TE_ALL[512 + ((s2 >>> 16) & 255)] ^ TE_ALL[768 + (s3 >>> 24)] ^ rk[48];
    t1 = TE_ALL[s1 & 255] ^ TE_ALL[256 + ((s2 >>> 8) & 255)] ^ TE_ALL[512 + ((s3 >>> 16) & 255)] ^ TE_ALL[768 + (s0 >>> 24)] ^ rk[49];
    t2 = TE_ALL[s2 & 255] ^ TE_ALL[256 + ((s3 >>> 8) & 255)] ^ TE_ALL[512 + ((s0 >>> 16) & 255)] ^ TE_ALL[768 + (s1 >>> 24)] ^ rk[50];
    t3 = TE_ALL[s3 & 255] ^ TE_ALL[256 + ((s0 >>> 8) & 255)] ^ TE_ALL[512 + ((s1 >>> 16) & 255)] ^ TE_ALL[768 + (s2 >>> 24)] ^ rk[51];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TE_ALL[s0 & 255] ^ TE_ALL[256 + ((s1 >>> 8) & 255)] ^ TE_ALL[512 + ((s2 >>> 16) & 255)] ^ TE_ALL[768 + (s3 >>> 24)] ^ rk[52];
    t1 = TE_ALL[s1 & 255] ^ TE_ALL[256 + ((s2 >>> 8) & 255)] ^ TE_ALL[512 + ((s3 >>> 16) & 255)] ^ TE_ALL[768 + (s0 >>> 24)] ^ rk[53];
    t2 = TE_ALL[s2 & 255] ^ TE_ALL[256 + ((s3 >>> 8) & 255)] ^ TE_ALL[512 + ((s0 >>> 16) & 255)] ^ TE_ALL[768 + (s1 >>> 24)] ^ rk[54];
    t3 = TE_ALL[s3 & 255] ^ TE_ALL[256 + ((s0 >>> 8) & 255)] ^ TE_ALL[512 + ((s1 >>> 16) & 255)] ^ TE_ALL[768 + (s2 >>> 24)] ^ rk[55];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    c0 = (SBOX[s0 & 255] | (SBOX[(s1 >>> 8) & 255] << 8) | (SBOX[(s2 >>> 16) & 255] << 16) | (SBOX[s3 >>> 24] << 24)) ^ rk[56] ^ p0;
    c1 = (SBOX[s1 & 255] | (SBOX[(s2 >>> 8) & 255] << 8) | (SBOX[(s3 >>> 16) & 255] << 16) | (SBOX[s0 >>> 24] << 24)) ^ rk[57] ^ p1;
    c2 = (SBOX[s2 & 255] | (SBOX[(s3 >>> 8) & 255] << 8) | (SBOX[(s0 >>> 16) & 255] << 16) | (SBOX[s1 >>> 24] << 24)) ^ rk[58] ^ p2;
    c3 = (SBOX[s3 & 255] | (SBOX[(s0 >>> 8) & 255] << 8) | (SBOX[(s1 >>> 16) & 255] << 16) | (SBOX[s2 >>> 24] << 24)) ^ rk[59] ^ p3;
    w[o] = c0; w[o + 1] = c1; w[o + 2] = c2; w[o + 3] = c3;
    p0 = x0; p1 = x1; p2 = x2; p3 = x3;
  }
}

/** IGE decryption loop with the equivalent-inverse decryption schedule. */
export function igeDecryptWords(w: Int32Array, rk: Int32Array, ivw: Int32Array): void {
  let c0 = ivw[0]; let c1 = ivw[1]; let c2 = ivw[2]; let c3 = ivw[3];
  let p0 = ivw[4]; let p1 = ivw[5]; let p2 = ivw[6]; let p3 = ivw[7];
  let t0: number; let t1: number; let t2: number; let t3: number;
  for (let o = 0; o < w.length; o += 4) {
    const x0 = w[o]; const x1 = w[o + 1]; const x2 = w[o + 2]; const x3 = w[o + 3];
    let s0 = x0 ^ p0 ^ rk[0]; let s1 = x1 ^ p1 ^ rk[1]; let s2 = x2 ^ p2 ^ rk[2]; let s3 = x3 ^ p3 ^ rk[3];
    t0 = TD_ALL[s0 & 255] ^ TD_ALL[256 + ((s3 >>> 8) & 255)] ^ TD_ALL[512 + ((s2 >>> 16) & 255)] ^ TD_ALL[768 + (s1 >>> 24)] ^ rk[4];
    t1 = TD_ALL[s1 & 255] ^ TD_ALL[256 + ((s0 >>> 8) & 255)] ^ TD_ALL[512 + ((s3 >>> 16) & 255)] ^ TD_ALL[768 + (s2 >>> 24)] ^ rk[5];
    t2 = TD_ALL[s2 & 255] ^ TD_ALL[256 + ((s1 >>> 8) & 255)] ^ TD_ALL[512 + ((s0 >>> 16) & 255)] ^ TD_ALL[768 + (s3 >>> 24)] ^ rk[6];
    t3 = TD_ALL[s3 & 255] ^ TD_ALL[256 + ((s2 >>> 8) & 255)] ^ TD_ALL[512 + ((s1 >>> 16) & 255)] ^ TD_ALL[768 + (s0 >>> 24)] ^ rk[7];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TD_ALL[s0 & 255] ^ TD_ALL[256 + ((s3 >>> 8) & 255)] ^ TD_ALL[512 + ((s2 >>> 16) & 255)] ^ TD_ALL[768 + (s1 >>> 24)] ^ rk[8];
    t1 = TD_ALL[s1 & 255] ^ TD_ALL[256 + ((s0 >>> 8) & 255)] ^ TD_ALL[512 + ((s3 >>> 16) & 255)] ^ TD_ALL[768 + (s2 >>> 24)] ^ rk[9];
    t2 = TD_ALL[s2 & 255] ^ TD_ALL[256 + ((s1 >>> 8) & 255)] ^ TD_ALL[512 + ((s0 >>> 16) & 255)] ^ TD_ALL[768 + (s3 >>> 24)] ^ rk[10];
    t3 = TD_ALL[s3 & 255] ^ TD_ALL[256 + ((s2 >>> 8) & 255)] ^ TD_ALL[512 + ((s1 >>> 16) & 255)] ^ TD_ALL[768 + (s0 >>> 24)] ^ rk[11];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TD_ALL[s0 & 255] ^ TD_ALL[256 + ((s3 >>> 8) & 255)] ^ TD_ALL[512 + ((s2 >>> 16) & 255)] ^ TD_ALL[768 + (s1 >>> 24)] ^ rk[12];
    t1 = TD_ALL[s1 & 255] ^ TD_ALL[256 + ((s0 >>> 8) & 255)] ^ TD_ALL[512 + ((s3 >>> 16) & 255)] ^ TD_ALL[768 + (s2 >>> 24)] ^ rk[13];
    t2 = TD_ALL[s2 & 255] ^ TD_ALL[256 + ((s1 >>> 8) & 255)] ^ TD_ALL[512 + ((s0 >>> 16) & 255)] ^ TD_ALL[768 + (s3 >>> 24)] ^ rk[14];
    t3 = TD_ALL[s3 & 255] ^ TD_ALL[256 + ((s2 >>> 8) & 255)] ^ TD_ALL[512 + ((s1 >>> 16) & 255)] ^ TD_ALL[768 + (s0 >>> 24)] ^ rk[15];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TD_ALL[s0 & 255] ^ TD_ALL[256 + ((s3 >>> 8) & 255)] ^ TD_ALL[512 + ((s2 >>> 16) & 255)] ^ TD_ALL[768 + (s1 >>> 24)] ^ rk[16];
    t1 = TD_ALL[s1 & 255] ^ TD_ALL[256 + ((s0 >>> 8) & 255)] ^ TD_ALL[512 + ((s3 >>> 16) & 255)] ^ TD_ALL[768 + (s2 >>> 24)] ^ rk[17];
    t2 = TD_ALL[s2 & 255] ^ TD_ALL[256 + ((s1 >>> 8) & 255)] ^ TD_ALL[512 + ((s0 >>> 16) & 255)] ^ TD_ALL[768 + (s3 >>> 24)] ^ rk[18];
    t3 = TD_ALL[s3 & 255] ^ TD_ALL[256 + ((s2 >>> 8) & 255)] ^ TD_ALL[512 + ((s1 >>> 16) & 255)] ^ TD_ALL[768 + (s0 >>> 24)] ^ rk[19];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TD_ALL[s0 & 255] ^ TD_ALL[256 + ((s3 >>> 8) & 255)] ^ TD_ALL[512 + ((s2 >>> 16) & 255)] ^ TD_ALL[768 + (s1 >>> 24)] ^ rk[20];
    t1 = TD_ALL[s1 & 255] ^ TD_ALL[256 + ((s0 >>> 8) & 255)] ^ TD_ALL[512 + ((s3 >>> 16) & 255)] ^ TD_ALL[768 + (s2 >>> 24)] ^ rk[21];
    t2 = TD_ALL[s2 & 255] ^ TD_ALL[256 + ((s1 >>> 8) & 255)] ^ TD_ALL[512 + ((s0 >>> 16) & 255)] ^ TD_ALL[768 + (s3 >>> 24)] ^ rk[22];
    t3 = TD_ALL[s3 & 255] ^ TD_ALL[256 + ((s2 >>> 8) & 255)] ^ TD_ALL[512 + ((s1 >>> 16) & 255)] ^ TD_ALL[768 + (s0 >>> 24)] ^ rk[23];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TD_ALL[s0 & 255] ^ TD_ALL[256 + ((s3 >>> 8) & 255)] ^ TD_ALL[512 + ((s2 >>> 16) & 255)] ^ TD_ALL[768 + (s1 >>> 24)] ^ rk[24];
    t1 = TD_ALL[s1 & 255] ^ TD_ALL[256 + ((s0 >>> 8) & 255)] ^ TD_ALL[512 + ((s3 >>> 16) & 255)] ^ TD_ALL[768 + (s2 >>> 24)] ^ rk[25];
    t2 = TD_ALL[s2 & 255] ^ TD_ALL[256 + ((s1 >>> 8) & 255)] ^ TD_ALL[512 + ((s0 >>> 16) & 255)] ^ TD_ALL[768 + (s3 >>> 24)] ^ rk[26];
    t3 = TD_ALL[s3 & 255] ^ TD_ALL[256 + ((s2 >>> 8) & 255)] ^ TD_ALL[512 + ((s1 >>> 16) & 255)] ^ TD_ALL[768 + (s0 >>> 24)] ^ rk[27];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TD_ALL[s0 & 255] ^ TD_ALL[256 + ((s3 >>> 8) & 255)] ^ TD_ALL[512 + ((s2 >>> 16) & 255)] ^ TD_ALL[768 + (s1 >>> 24)] ^ rk[28];
    t1 = TD_ALL[s1 & 255] ^ TD_ALL[256 + ((s0 >>> 8) & 255)] ^ TD_ALL[512 + ((s3 >>> 16) & 255)] ^ TD_ALL[768 + (s2 >>> 24)] ^ rk[29];
    t2 = TD_ALL[s2 & 255] ^ TD_ALL[256 + ((s1 >>> 8) & 255)] ^ TD_ALL[512 + ((s0 >>> 16) & 255)] ^ TD_ALL[768 + (s3 >>> 24)] ^ rk[30];
    t3 = TD_ALL[s3 & 255] ^ TD_ALL[256 + ((s2 >>> 8) & 255)] ^ TD_ALL[512 + ((s1 >>> 16) & 255)] ^ TD_ALL[768 + (s0 >>> 24)] ^ rk[31];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TD_ALL[s0 & 255] ^ TD_ALL[256 + ((s3 >>> 8) & 255)] ^ TD_ALL[512 + ((s2 >>> 16) & 255)] ^ TD_ALL[768 + (s1 >>> 24)] ^ rk[32];
    t1 = TD_ALL[s1 & 255] ^ TD_ALL[256 + ((s0 >>> 8) & 255)] ^ TD_ALL[512 + ((s3 >>> 16) & 255)] ^ TD_ALL[768 + (s2 >>> 24)] ^ rk[33];
    t2 = TD_ALL[s2 & 255] ^ TD_ALL[256 + ((s1 >>> 8) & 255)] ^ TD_ALL[512 + ((s0 >>> 16) & 255)] ^ TD_ALL[768 + (s3 >>> 24)] ^ rk[34];
    t3 = TD_ALL[s3 & 255] ^ TD_ALL[256 + ((s2 >>> 8) & 255)] ^ TD_ALL[512 + ((s1 >>> 16) & 255)] ^ TD_ALL[768 + (s0 >>> 24)] ^ rk[35];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TD_ALL[s0 & 255] ^ TD_ALL[256 + ((s3 >>> 8) & 255)] ^ TD_ALL[512 + ((s2 >>> 16) & 255)] ^ TD_ALL[768 + (s1 >>> 24)] ^ rk[36];
    t1 = TD_ALL[s1 & 255] ^ TD_ALL[256 + ((s0 >>> 8) & 255)] ^ TD_ALL[512 + ((s3 >>> 16) & 255)] ^ TD_ALL[768 + (s2 >>> 24)] ^ rk[37];
    t2 = TD_ALL[s2 & 255] ^ TD_ALL[256 + ((s1 >>> 8) & 255)] ^ TD_ALL[512 + ((s0 >>> 16) & 255)] ^ TD_ALL[768 + (s3 >>> 24)] ^ rk[38];
    t3 = TD_ALL[s3 & 255] ^ TD_ALL[256 + ((s2 >>> 8) & 255)] ^ TD_ALL[512 + ((s1 >>> 16) & 255)] ^ TD_ALL[768 + (s0 >>> 24)] ^ rk[39];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TD_ALL[s0 & 255] ^ TD_ALL[256 + ((s3 >>> 8) & 255)] ^ TD_ALL[512 + ((s2 >>> 16) & 255)] ^ TD_ALL[768 + (s1 >>> 24)] ^ rk[40];
    t1 = TD_ALL[s1 & 255] ^ TD_ALL[256 + ((s0 >>> 8) & 255)] ^ TD_ALL[512 + ((s3 >>> 16) & 255)] ^ TD_ALL[768 + (s2 >>> 24)] ^ rk[41];
    t2 = TD_ALL[s2 & 255] ^ TD_ALL[256 + ((s1 >>> 8) & 255)] ^ TD_ALL[512 + ((s0 >>> 16) & 255)] ^ TD_ALL[768 + (s3 >>> 24)] ^ rk[42];
    t3 = TD_ALL[s3 & 255] ^ TD_ALL[256 + ((s2 >>> 8) & 255)] ^ TD_ALL[512 + ((s1 >>> 16) & 255)] ^ TD_ALL[768 + (s0 >>> 24)] ^ rk[43];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TD_ALL[s0 & 255] ^ TD_ALL[256 + ((s3 >>> 8) & 255)] ^ TD_ALL[512 + ((s2 >>> 16) & 255)] ^ TD_ALL[768 + (s1 >>> 24)] ^ rk[44];
    t1 = TD_ALL[s1 & 255] ^ TD_ALL[256 + ((s0 >>> 8) & 255)] ^ TD_ALL[512 + ((s3 >>> 16) & 255)] ^ TD_ALL[768 + (s2 >>> 24)] ^ rk[45];
    t2 = TD_ALL[s2 & 255] ^ TD_ALL[256 + ((s1 >>> 8) & 255)] ^ TD_ALL[512 + ((s0 >>> 16) & 255)] ^ TD_ALL[768 + (s3 >>> 24)] ^ rk[46];
    t3 = TD_ALL[s3 & 255] ^ TD_ALL[256 + ((s2 >>> 8) & 255)] ^ TD_ALL[512 + ((s1 >>> 16) & 255)] ^ TD_ALL[768 + (s0 >>> 24)] ^ rk[47];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TD_ALL[s0 & 255] ^ TD_ALL[256 + ((s3 >>> 8) & 255)] ^ TD_ALL[512 + ((s2 >>> 16) & 255)] ^ TD_ALL[768 + (s1 >>> 24)] ^ rk[48];
    t1 = TD_ALL[s1 & 255] ^ TD_ALL[256 + ((s0 >>> 8) & 255)] ^ TD_ALL[512 + ((s3 >>> 16) & 255)] ^ TD_ALL[768 + (s2 >>> 24)] ^ rk[49];
    t2 = TD_ALL[s2 & 255] ^ TD_ALL[256 + ((s1 >>> 8) & 255)] ^ TD_ALL[512 + ((s0 >>> 16) & 255)] ^ TD_ALL[768 + (s3 >>> 24)] ^ rk[50];
    t3 = TD_ALL[s3 & 255] ^ TD_ALL[256 + ((s2 >>> 8) & 255)] ^ TD_ALL[512 + ((s1 >>> 16) & 255)] ^ TD_ALL[768 + (s0 >>> 24)] ^ rk[51];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    t0 = TD_ALL[s0 & 255] ^ TD_ALL[256 + ((s3 >>> 8) & 255)] ^ TD_ALL[512 + ((s2 >>> 16) & 255)] ^ TD_ALL[768 + (s1 >>> 24)] ^ rk[52];
    t1 = TD_ALL[s1 & 255] ^ TD_ALL[256 + ((s0 >>> 8) & 255)] ^ TD_ALL[512 + ((s3 >>> 16) & 255)] ^ TD_ALL[768 + (s2 >>> 24)] ^ rk[53];
    t2 = TD_ALL[s2 & 255] ^ TD_ALL[256 + ((s1 >>> 8) & 255)] ^ TD_ALL[512 + ((s0 >>> 16) & 255)] ^ TD_ALL[768 + (s3 >>> 24)] ^ rk[54];
    t3 = TD_ALL[s3 & 255] ^ TD_ALL[256 + ((s2 >>> 8) & 255)] ^ TD_ALL[512 + ((s1 >>> 16) & 255)] ^ TD_ALL[768 + (s0 >>> 24)] ^ rk[55];
    s0 = t0; s1 = t1; s2 = t2; s3 = t3;
    p0 = (INV_SBOX[s0 & 255] | (INV_SBOX[(s3 >>> 8) & 255] << 8) | (INV_SBOX[(s2 >>> 16) & 255] << 16) | (INV_SBOX[s1 >>> 24] << 24)) ^ rk[56] ^ c0;
    p1 = (INV_SBOX[s1 & 255] | (INV_SBOX[(s0 >>> 8) & 255] << 8) | (INV_SBOX[(s3 >>> 16) & 255] << 16) | (INV_SBOX[s2 >>> 24] << 24)) ^ rk[57] ^ c1;
    p2 = (INV_SBOX[s2 & 255] | (INV_SBOX[(s1 >>> 8) & 255] << 8) | (INV_SBOX[(s0 >>> 16) & 255] << 16) | (INV_SBOX[s3 >>> 24] << 24)) ^ rk[58] ^ c2;
    p3 = (INV_SBOX[s3 & 255] | (INV_SBOX[(s2 >>> 8) & 255] << 8) | (INV_SBOX[(s1 >>> 16) & 255] << 16) | (INV_SBOX[s0 >>> 24] << 24)) ^ rk[59] ^ c3;
    w[o] = p0; w[o + 1] = p1; w[o + 2] = p2; w[o + 3] = p3;
    c0 = x0; c1 = x1; c2 = x2; c3 = x3;
  }
}
