// Framing codec throughput: encode (client) and decode (server) of 1 KiB and 64 KiB packets,
// plain and obfuscated (node's aes-256-ctr). Build first: cd packages/transport && npx tsup
// Usage: node tools/bench/framing.mjs [runs]
// TELETS_TRANSPORT_DIST may point at another build of the package (an ESM file).
import { createCipheriv, randomBytes as nodeRandomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const distUrl = process.env.TELETS_TRANSPORT_DIST
  ? pathToFileURL(process.env.TELETS_TRANSPORT_DIST).href
  : new URL('../../packages/transport/dist/index.js', import.meta.url).href;
const { createClientCodec, createServerCodec } = await import(distUrl);

const createAesCtr = (key, iv) => {
  const cipher = createCipheriv('aes-256-ctr', key, iv);
  return {
    update: (data) => {
      const out = cipher.update(data);
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    },
  };
};
const randomBytes = (n) => new Uint8Array(nodeRandomBytes(n));

const runs = Number(process.argv[2] ?? 5);
const bytesPerRun = 32 * 1024 * 1024;
const variants = [
  ['abridged', false],
  ['intermediate', false],
  ['padded', false],
  ['full', false],
  ['abridged', true],
  ['intermediate', true],
  ['padded', true],
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(kind, isObfuscated, packetBytes) {
  const packet = randomBytes(packetBytes);
  packet.set([1, 0, 0, 0]);
  const count = Math.max(1, Math.floor(bytesPerRun / packetBytes));
  const encodeMs = [];
  const decodeMs = [];
  for (let run = 0; run < runs; run++) {
    const client = createClientCodec({ kind, isObfuscated, createAesCtr, randomBytes });
    const server = createServerCodec({ createAesCtr, randomBytes });
    server.decode(client.encode(packet)); // transport detection, outside the timing
    const frames = new Array(count);
    let start = performance.now();
    for (let i = 0; i < count; i++) frames[i] = client.encode(packet);
    encodeMs.push(performance.now() - start);
    let received = 0;
    start = performance.now();
    for (let i = 0; i < count; i++) received += server.decode(frames[i]).length;
    decodeMs.push(performance.now() - start);
    if (received !== count) throw new Error(`decoded ${received} of ${count} packets`);
  }
  const megabytes = (count * packetBytes) / (1024 * 1024);
  const enc = median(encodeMs);
  const dec = median(decodeMs);
  return {
    encode: megabytes / (enc / 1000),
    decode: megabytes / (dec / 1000),
    roundTrip: megabytes / ((enc + dec) / 1000),
  };
}

const rows = [];
for (const [kind, isObfuscated] of variants) {
  for (const packetBytes of [1024, 64 * 1024]) {
    const r = measure(kind, isObfuscated, packetBytes);
    rows.push({
      codec: `${kind}${isObfuscated ? ' +obf' : ''}`,
      packet: packetBytes === 1024 ? '1 KiB' : '64 KiB',
      'encode MB/s': r.encode.toFixed(0),
      'decode MB/s': r.decode.toFixed(0),
      'enc+dec MB/s': r.roundTrip.toFixed(0),
    });
  }
}
console.log(
  `framing throughput, median of ${runs} runs, ${bytesPerRun / 2 ** 20} MiB per run (MB = MiB)`,
);
console.table(rows);
