// Benchmarks @telets/crypto (built dist): both providers. Run `npx tsup` in packages/crypto first.
//   node tools/bench/crypto.mjs
import { createCipheriv } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  computeSrp,
  factorizePq,
  portableCrypto,
  rsaPad,
  srpServerB,
  srpVerifier,
  TELEGRAM_DH_PRIME,
  TELEGRAM_RSA_KEYS,
} from '../../packages/crypto/dist/index.js';
import { nodeCrypto } from '../../packages/crypto/dist/node.js';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Median wall-clock ms per call over `runs` runs of `inner` calls (after a warm-up run), and the
 * median process CPU ms per call (less sensitive to other processes on a busy machine).
 */
function timeSync(fn, inner, runs = 9) {
  for (let i = 0; i < inner; i++) fn();
  const wall = [];
  const cpu = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t = performance.now();
    for (let i = 0; i < inner; i++) fn();
    wall.push((performance.now() - t) / inner);
    const used = process.cpuUsage(c0);
    cpu.push((used.user + used.system) / 1000 / inner);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

const rows = [];
const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);
const mbps = (bytes, ms) => (((bytes / ms) * 1000) / 1e6).toFixed(0);
const row = (provider, what, { wallMs, cpuMs }, bytes) =>
  rows.push({
    provider,
    what,
    'wall/call': fmt(wallMs),
    'wall MB/s': bytes ? mbps(bytes, wallMs) : '',
    'cpu/call': fmt(cpuMs),
    'cpu MB/s': bytes ? mbps(bytes, cpuMs) : '',
  });

const size = 64 * 1024;
const data = nodeCrypto.randomBytes(size);
const key = nodeCrypto.randomBytes(32);
const iv = nodeCrypto.randomBytes(32);
const pqs = [
  1470626929934143021n,
  2363612107535801713n,
  2804275833720261793n,
  0x17ed48941a08f981n,
].map((n) =>
  Uint8Array.from(n.toString(16).padStart(16, '0').match(/../g), (h) => parseInt(h, 16)),
);

// Reference point for reading the table on a busy machine: raw OpenSSL AES-256-CBC, no IGE work.
row(
  'openssl',
  'reference: aes-256-cbc 64 KiB',
  timeSync(
    () => createCipheriv('aes-256-cbc', key, iv.subarray(0, 16)).setAutoPadding(false).update(data),
    200,
  ),
  size,
);
for (const c of [nodeCrypto, portableCrypto]) {
  const enc = c.aesIgeEncrypt(data, key, iv);
  row(
    c.name,
    'AES-256-IGE encrypt 64 KiB',
    timeSync(() => c.aesIgeEncrypt(data, key, iv), 50),
    size,
  );
  row(
    c.name,
    'AES-256-IGE decrypt 64 KiB',
    timeSync(() => c.aesIgeDecrypt(enc, key, iv), 50),
    size,
  );
  const ctr = c.createAesCtr(key, iv.subarray(0, 16));
  row(
    c.name,
    'AES-256-CTR 64 KiB chunks',
    timeSync(() => ctr.update(data), c.name === 'node' ? 500 : 20),
    size,
  );
  row(
    c.name,
    'SHA-256 64 KiB',
    timeSync(() => c.sha256(data), 50),
    size,
  );
  const [prodKey] = TELEGRAM_RSA_KEYS;
  const inner = data.subarray(0, 96);
  row(
    c.name,
    'RSA_PAD (96-byte p_q_inner_data)',
    timeSync(() => rsaPad(c, inner, prodKey), c.name === 'node' ? 200 : 20),
  );
}
// Factorisation is provider-independent: median over 4 published and 60 seeded random 63-bit pq.
function isPrime(n) {
  if (n < 2n) return false;
  for (const p of [2n, 3n, 5n, 7n, 11n, 13n]) if (n % p === 0n) return n === p;
  for (let d = 17n; d * d <= n && d < 5000n; d += 2n) if (n % d === 0n) return false;
  const mp = (b, e) => {
    let r = 1n;
    for (b %= n; e > 0n; e >>= 1n, b = (b * b) % n) if (e & 1n) r = (r * b) % n;
    return r;
  };
  let d = n - 1n;
  let s = 0;
  while (!(d & 1n)) {
    d >>= 1n;
    s++;
  }
  return [2n, 3n, 5n, 7n, 11n].every((a) => {
    let x = mp(a, d);
    if (x === 1n || x === n - 1n) return true;
    for (let r = 1; r < s; r++) {
      x = (x * x) % n;
      if (x === n - 1n) return true;
    }
    return false;
  });
}
let seed = 12345;
const rand31 = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return BigInt(seed) | (1n << 30n);
};
const semiprimes = [...pqs];
while (semiprimes.length < 64) {
  let p = rand31() * 2n + 1n;
  let q = rand31() * 2n + 1n;
  while (!isPrime(p)) p += 2n;
  while (!isPrime(q)) q += 2n;
  const n = p * q;
  if (n >> 62n === 1n)
    semiprimes.push(
      Uint8Array.from(n.toString(16).padStart(16, '0').match(/../g), (h) => parseInt(h, 16)),
    );
}
for (const pq of semiprimes) factorizePq(pq);
const pqTimes = semiprimes.map((pq) => {
  const t = performance.now();
  factorizePq(pq);
  return performance.now() - t;
});
rows.push({
  provider: '-',
  what: `pq factorisation, 63-bit (median of ${semiprimes.length})`,
  'wall/call': fmt(median(pqTimes)),
  'wall MB/s': `max ${fmt(Math.max(...pqTimes))}`,
});

for (const c of [nodeCrypto, portableCrypto]) {
  const group = { g: 3, p: TELEGRAM_DH_PRIME, salt1: c.randomBytes(40), salt2: c.randomBytes(16) };
  const verifier = await srpVerifier(c, group, 'hunter2');
  const srpB = srpServerB(c, group, verifier, c.randomBytes(256));
  const params = { ...group, srpB, srpId: 1n };
  await computeSrp(c, params, 'hunter2');
  const times = [];
  const stalls = [];
  for (let i = 0; i < (c.name === 'node' ? 9 : 3); i++) {
    const h = monitorEventLoopDelay({ resolution: 1 });
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 1);
    h.enable();
    const t = performance.now();
    await computeSrp(c, params, 'hunter2');
    times.push(performance.now() - t);
    clearInterval(timer);
    h.disable();
    stalls.push(Math.max(longest, h.max / 1e6));
  }
  rows.push({
    provider: c.name,
    what: 'SRP (A, M1) incl. PBKDF2 100k',
    'wall/call': fmt(median(times)),
    'wall MB/s': `stall ${fmt(median(stalls))}`,
  });
}
console.table(rows);
const { loadavg } = await import('node:os');
console.log(
  `load average while running: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
