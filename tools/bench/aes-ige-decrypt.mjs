// Focused benchmark of AES-256-IGE decryption (the sequential path every incoming MTProto
// message takes), both providers. Run `npx tsup` in packages/crypto first.
//   node tools/bench/aes-ige-decrypt.mjs [sizeKiB=64] [runs=15]
import { portableCrypto } from '../../packages/crypto/dist/index.js';
import { nodeCrypto } from '../../packages/crypto/dist/node.js';

const sizeKiB = Number(process.argv[2] ?? 64);
const runs = Number(process.argv[3] ?? 15);
const size = sizeKiB * 1024;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const data = nodeCrypto.randomBytes(size);
const key = nodeCrypto.randomBytes(32);
const iv = nodeCrypto.randomBytes(32);
// Enough calls per run for ~50 ms of work at 200 MB/s.
const inner = Math.max(1, Math.round(10e6 / size));

const rows = [];
for (const c of [nodeCrypto, portableCrypto]) {
  const enc = c.aesIgeEncrypt(data, key, iv);
  for (let i = 0; i < inner * 4; i++) c.aesIgeDecrypt(enc, key, iv);
  const wall = [];
  const cpu = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t = performance.now();
    for (let i = 0; i < inner; i++) c.aesIgeDecrypt(enc, key, iv);
    wall.push((size * inner) / ((performance.now() - t) / 1000) / 1e6);
    const used = process.cpuUsage(c0);
    cpu.push((size * inner) / ((used.user + used.system) / 1e6) / 1e6);
  }
  rows.push({
    provider: c.name,
    what: `AES-256-IGE decrypt ${sizeKiB} KiB`,
    'wall MB/s (median)': median(wall).toFixed(0),
    'cpu MB/s (median)': median(cpu).toFixed(0),
    'wall MB/s (best)': Math.max(...wall).toFixed(0),
  });
}
console.table(rows);
const { loadavg } = await import('node:os');
console.log(
  `load average: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
