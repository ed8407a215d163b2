import { sha512Compress, sha512Finish, sha512InitialState, sha512Portable } from './sha512';

/** How many PBKDF2 iterations run between yields to the event loop (≈ a few ms each). */
const ITERATIONS_PER_SLICE = 4000;

type Yield = () => Promise<void>;

/** Resolves on a later event-loop turn (a macrotask), so timers and I/O can run meanwhile. */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (cb: () => void) => unknown };
  return new Promise((resolve) => {
    if (typeof g.setImmediate === 'function') g.setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}

/**
 * PBKDF2-HMAC-SHA512 with a 64-byte output, in pure TypeScript. It yields to the event loop
 * between slices of iterations so that 100 000 iterations never freeze a UI or a server.
 */
export async function pbkdf2Sha512Js(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  yieldNow: Yield = yieldToEventLoop,
): Promise<Uint8Array> {
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new RangeError('PBKDF2 iterations must be a positive integer');
  let key = password.length > 128 ? sha512Portable(password) : password;
  const padded = new Uint8Array(128);
  padded.set(key);
  key = padded;
  const inner = sha512InitialState();
  const outer = sha512InitialState();
  const block = new Int32Array(32);
  const w = new Int32Array(160);
  const kv = new DataView(key.buffer, key.byteOffset, 128);
  for (let j = 0; j < 32; j++) block[j] = kv.getInt32(4 * j) ^ 0x36363636;
  sha512Compress(inner, block, w);
  for (let j = 0; j < 32; j++) block[j] = kv.getInt32(4 * j) ^ 0x5c5c5c5c;
  sha512Compress(outer, block, w);

  const first = new Uint8Array(salt.length + 4);
  first.set(salt);
  first[salt.length + 3] = 1;
  const u1 = sha512Finish(outer.slice(), sha512Finish(inner.slice(), first, 128), 128);
  const uv = new DataView(u1.buffer);
  // U and the running XOR as 16 words; each further iteration is exactly two compressions.
  const u = new Int32Array(16);
  for (let j = 0; j < 16; j++) u[j] = uv.getInt32(4 * j);
  const t = u.slice();
  const state = new Int32Array(16);
  // Message block: 64 bytes of U, 0x80, zeros, and the bit length of (128 + 64) bytes.
  block.fill(0);
  block[16] = 0x80000000 | 0;
  block[31] = (128 + 64) * 8;
  for (let i = 1; i < iterations; i++) {
    if (i % ITERATIONS_PER_SLICE === 0) await yieldNow();
    block.set(u);
    state.set(inner);
    sha512Compress(state, block, w);
    block.set(state);
    state.set(outer);
    sha512Compress(state, block, w);
    for (let j = 0; j < 16; j++) {
      u[j] = state[j];
      t[j] ^= state[j];
    }
  }
  const out = new Uint8Array(64);
  const ov = new DataView(out.buffer);
  for (let j = 0; j < 16; j++) ov.setInt32(4 * j, t[j]);
  return out;
}

interface SubtleLike {
  importKey(
    format: 'raw',
    key: Uint8Array,
    algorithm: 'PBKDF2',
    extractable: boolean,
    usages: string[],
  ): Promise<unknown>;
  deriveBits(
    algorithm: { name: 'PBKDF2'; hash: 'SHA-512'; salt: Uint8Array; iterations: number },
    key: unknown,
    length: number,
  ): Promise<ArrayBuffer>;
}

/** WebCrypto's SubtleCrypto when the platform has one (browsers, Deno, Node ≥ 19). */
export function webSubtle(): SubtleLike | undefined {
  const c = (globalThis as { crypto?: { subtle?: SubtleLike } }).crypto;
  return c?.subtle;
}

/** PBKDF2-HMAC-SHA512 via WebCrypto when present (runs off the main thread), else in JS. */
export async function pbkdf2Sha512Portable(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
): Promise<Uint8Array> {
  const subtle = webSubtle();
  if (!subtle) return pbkdf2Sha512Js(password, salt, iterations);
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new RangeError('PBKDF2 iterations must be a positive integer');
  const key = await subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-512', salt, iterations },
    key,
    512,
  );
  return new Uint8Array(bits);
}
