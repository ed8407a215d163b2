// Benchmark of @telets/test-server: handshakes/s and help.getConfig round trips/s served, with
// 1 and 100 concurrent clients. The server runs in a child process (its built CLI), the clients
// (transport's Sender, built) in this one, so on a 2-core machine each side has a core.
// Build first: (cd packages/{tl-schema,crypto,transport,test-server} && npx tsup)
//   node tools/bench/server.mjs [--runs 5]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { parseRsaPublicKey } = await import(path.join(root, 'packages/crypto/dist/index.js'));
const { nodeCrypto } = await import(path.join(root, 'packages/crypto/dist/node.js'));
const { Sender, createClientCodec, createTcpConnection } = await import(
  path.join(root, 'packages/transport/dist/index.js')
);

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;

const child = spawn(
  process.execPath,
  [path.join(root, 'packages/test-server/dist/cli.js'), '--dcs', '1'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const [line] = await once(createInterface({ input: child.stdout }), 'line');
const ready = JSON.parse(line);
const { host, port } = ready.dcs['1'];
const rsaKey = parseRsaPublicKey(ready.rsa.publicKeyPem);

function client() {
  return new Sender({
    crypto: nodeCrypto,
    dcId: 1,
    rsaKeys: [rsaKey],
    createConnection: () =>
      createTcpConnection({ host, port, codec: createClientCodec({ kind: 'intermediate' }) }),
  });
}

const initConnection = (query) => ({
  _: 'invokeWithLayer',
  layer: 228,
  query: {
    _: 'initConnection',
    apiId: 12345,
    deviceModel: 'bench',
    systemVersion: 'node',
    appVersion: '1',
    systemLangCode: 'en',
    langPack: '',
    langCode: 'en',
    query,
  },
});

// Server CPU time (user + system) from /proc: a load-independent cost per operation.
function serverCpuMs() {
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function handshakes(concurrency, perRun) {
  const rates = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    let done = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (done < perRun) {
          done++;
          const c = client();
          await c.connect();
          await c.close();
        }
      }),
    );
    rates.push((perRun * 1000) / (performance.now() - start));
  }
  return median(rates);
}

async function getConfig(concurrency, callsPerClient) {
  const clients = Array.from({ length: concurrency }, client);
  await Promise.all(clients.map((c) => c.invoke(initConnection({ _: 'help.getConfig' }))));
  const rates = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    await Promise.all(
      clients.map(async (c) => {
        for (let i = 0; i < callsPerClient; i++) await c.invoke({ _: 'help.getConfig' });
      }),
    );
    rates.push((concurrency * callsPerClient * 1000) / (performance.now() - start));
  }
  await Promise.all(clients.map((c) => c.close()));
  return median(rates);
}

const rows = [];
async function measure(name, fn, operations) {
  const cpu0 = serverCpuMs();
  const rate = await fn();
  const cpuPerOp = (serverCpuMs() - cpu0) / operations;
  rows.push([name, rate, cpuPerOp]);
}
await measure('handshakes, 1 client (sequential)', () => handshakes(1, 20), 20 * runs);
await measure('handshakes, 100 clients', () => handshakes(100, 100), 100 * runs);
await measure(
  'help.getConfig round trips, 1 client (sequential)',
  () => getConfig(1, 500),
  500 * runs + 1,
);
await measure(
  'help.getConfig round trips, 100 clients',
  () => getConfig(100, 20),
  2000 * runs + 100,
);
child.kill('SIGTERM');
console.log(
  `test-server benchmark (median of ${runs} runs; server in a child process, clients = transport's Sender)`,
);
console.log('| measure | per second | server CPU per operation |');
console.log('|---|---|---|');
for (const [name, value, cpu] of rows)
  console.log(`| ${name} | ${value.toFixed(0)} | ${cpu.toFixed(2)} ms |`);
