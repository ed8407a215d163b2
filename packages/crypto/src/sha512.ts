// Portable SHA-512 on (hi, lo) 32-bit word pairs, with a compression function exposed so that
// PBKDF2-HMAC-SHA512 can iterate on raw state without re-padding or allocating.

function isqrt(n: bigint): bigint {
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x && x * x <= n) {
      while ((x + 1n) * (x + 1n) <= n) x++;
      while (x * x > n) x--;
      return x;
    }
    x = y;
  }
}

function icbrt(n: bigint): bigint {
  let x = BigInt(Math.floor(Math.cbrt(Number(n))));
  for (let i = 0; i < 200; i++) {
    const y = (2n * x + n / (x * x)) / 3n;
    if (y === x) break;
    x = y;
  }
  while (x * x * x > n) x--;
  while ((x + 1n) * (x + 1n) * (x + 1n) <= n) x++;
  return x;
}

function firstPrimes(count: number): number[] {
  const out: number[] = [];
  for (let n = 2; out.length < count; n++) if (out.every((p) => n % p !== 0)) out.push(n);
  return out;
}

// The constants are defined (FIPS 180-4 §4.2.3, §5.3.5) as the fractional bits of cube and
// square roots of the first primes; deriving them avoids 96 hand-typed 64-bit literals.
const MASK64 = (1n << 64n) - 1n;
const K = new Int32Array(160);
firstPrimes(80).forEach((p, i) => {
  const k = icbrt(BigInt(p) << 192n) & MASK64;
  K[2 * i] = Number(k >> 32n) | 0;
  K[2 * i + 1] = Number(k & 0xffffffffn) | 0;
});
const IV = new Int32Array(16);
firstPrimes(8).forEach((p, i) => {
  const h = isqrt(BigInt(p) << 128n) & MASK64;
  IV[2 * i] = Number(h >> 32n) | 0;
  IV[2 * i + 1] = Number(h & 0xffffffffn) | 0;
});

export function sha512InitialState(): Int32Array {
  return IV.slice();
}

/** One SHA-512 compression: `block` is 32 big-endian words (16 hi/lo pairs), `w` is 160 words of scratch. */
export function sha512Compress(state: Int32Array, block: Int32Array, w: Int32Array): void {
  w.set(block);
  for (let i = 32; i < 160; i += 2) {
    // σ0(w[t-15]) and σ1(w[t-2])
    let xh = w[i - 30];
    let xl = w[i - 29];
    const s0h = ((xh >>> 1) | (xl << 31)) ^ ((xh >>> 8) | (xl << 24)) ^ (xh >>> 7);
    const s0l = ((xl >>> 1) | (xh << 31)) ^ ((xl >>> 8) | (xh << 24)) ^ ((xl >>> 7) | (xh << 25));
    xh = w[i - 4];
    xl = w[i - 3];
    const s1h = ((xh >>> 19) | (xl << 13)) ^ ((xl >>> 29) | (xh << 3)) ^ (xh >>> 6);
    const s1l = ((xl >>> 19) | (xh << 13)) ^ ((xh >>> 29) | (xl << 3)) ^ ((xl >>> 6) | (xh << 26));
    const lo = (s0l >>> 0) + (s1l >>> 0) + (w[i - 13] >>> 0) + (w[i - 31] >>> 0);
    w[i] = (s0h + s1h + w[i - 14] + w[i - 32] + ((lo / 0x100000000) | 0)) | 0;
    w[i + 1] = lo | 0;
  }
  let ah = state[0];
  let al = state[1];
  let bh = state[2];
  let bl = state[3];
  let ch = state[4];
  let cl = state[5];
  let dh = state[6];
  let dl = state[7];
  let eh = state[8];
  let el = state[9];
  let fh = state[10];
  let fl = state[11];
  let gh = state[12];
  let gl = state[13];
  let hh = state[14];
  let hl = state[15];
  for (let i = 0; i < 160; i += 2) {
    // Σ1(e) = rotr14 ^ rotr18 ^ rotr41
    const S1h = ((eh >>> 14) | (el << 18)) ^ ((eh >>> 18) | (el << 14)) ^ ((el >>> 9) | (eh << 23));
    const S1l = ((el >>> 14) | (eh << 18)) ^ ((el >>> 18) | (eh << 14)) ^ ((eh >>> 9) | (el << 23));
    const chh = (eh & fh) ^ (~eh & gh);
    const chl = (el & fl) ^ (~el & gl);
    const t1l = (hl >>> 0) + (S1l >>> 0) + (chl >>> 0) + (K[i + 1] >>> 0) + (w[i + 1] >>> 0);
    const t1h = (hh + S1h + chh + K[i] + w[i] + ((t1l / 0x100000000) | 0)) | 0;
    // Σ0(a) = rotr28 ^ rotr34 ^ rotr39
    const S0h = ((ah >>> 28) | (al << 4)) ^ ((al >>> 2) | (ah << 30)) ^ ((al >>> 7) | (ah << 25));
    const S0l = ((al >>> 28) | (ah << 4)) ^ ((ah >>> 2) | (al << 30)) ^ ((ah >>> 7) | (al << 25));
    const mjh = (ah & bh) ^ (ah & ch) ^ (bh & ch);
    const mjl = (al & bl) ^ (al & cl) ^ (bl & cl);
    const t2l = (S0l >>> 0) + (mjl >>> 0);
    const t2h = (S0h + mjh + ((t2l / 0x100000000) | 0)) | 0;
    hh = gh;
    hl = gl;
    gh = fh;
    gl = fl;
    fh = eh;
    fl = el;
    const el2 = (dl >>> 0) + (t1l >>> 0);
    eh = (dh + t1h + ((el2 / 0x100000000) | 0)) | 0;
    el = el2 | 0;
    dh = ch;
    dl = cl;
    ch = bh;
    cl = bl;
    bh = ah;
    bl = al;
    const al2 = (t1l >>> 0) + (t2l >>> 0);
    ah = (t1h + t2h + ((al2 / 0x100000000) | 0)) | 0;
    al = al2 | 0;
  }
  addTo(state, 0, ah, al);
  addTo(state, 2, bh, bl);
  addTo(state, 4, ch, cl);
  addTo(state, 6, dh, dl);
  addTo(state, 8, eh, el);
  addTo(state, 10, fh, fl);
  addTo(state, 12, gh, gl);
  addTo(state, 14, hh, hl);
}

function addTo(state: Int32Array, i: number, h: number, l: number): void {
  const lo = (state[i + 1] >>> 0) + (l >>> 0);
  state[i] = (state[i] + h + ((lo / 0x100000000) | 0)) | 0;
  state[i + 1] = lo | 0;
}

/** Hashes `data` starting from `state` as if `prefixBytes` bytes had already been compressed. */
export function sha512Finish(state: Int32Array, data: Uint8Array, prefixBytes = 0): Uint8Array {
  const total = (((data.length + 16) >>> 7) + 1) << 7;
  const padded = new Uint8Array(total);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = (data.length + prefixBytes) * 8;
  view.setUint32(total - 8, Math.floor(bits / 0x100000000));
  view.setUint32(total - 4, bits >>> 0);
  const block = new Int32Array(32);
  const w = new Int32Array(160);
  for (let off = 0; off < total; off += 128) {
    for (let j = 0; j < 32; j++) block[j] = view.getInt32(off + 4 * j);
    sha512Compress(state, block, w);
  }
  return stateToBytes(state);
}

export function stateToBytes(state: Int32Array): Uint8Array {
  const out = new Uint8Array(64);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 16; i++) ov.setInt32(4 * i, state[i]);
  return out;
}

export function sha512Portable(data: Uint8Array): Uint8Array {
  return sha512Finish(sha512InitialState(), data);
}
