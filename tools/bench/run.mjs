#!/usr/bin/env node
// telets against GramJS and mtcute, side by side in one run (see tools/bench/README.md).
//   npm run bench                 # everything, a few minutes
//   npm run bench -- --quick      # about a minute: one round, shorter samples
//   npm run bench -- --only=crypto,tl,session,net,cost
//   npm run bench -- --per-area   # also run the per-area telets-only benchmarks (tl.mjs, ...)
//   npm run bench -- --render     # rewrite results/latest.md from results/latest.json
//   npm run bench -- --no-build   # use the telets dist as it is, even when older than src
// Every case runs in a fresh process per library, self-checks against a reference before timing,
// warms up, and is repeated over rounds with the libraries' order rotated each round (interleaved,
// so load on the machine hits all alike). Writes results/latest.md and results/*.json.
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CASES, LIBS } from './lib/cases.mjs';
import { browserBundle, installedBytes, ROOT, teletsWorkspaceDir } from './lib/cost.mjs';
import { median, summarize } from './lib/measure.mjs';
import { renderMarkdown } from './lib/report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const perArea = args.includes('--per-area');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wants = (group) => !only || only.includes(group);
const ROUNDS = quick ? 1 : 3;
const NET_ROUNDS = quick ? 2 : 8;
const IMPORT_ROUNDS = quick ? 5 : 15;
const PEERS = process.env.BENCH_PEERS_DIR ?? join(here, 'peers');
const SHARED_PEERS =
  process.env.BENCH_SHARED_PEERS ??
  [join(ROOT, '..', 'shared', 'peers'), '/work/shared/peers'].find((d) =>
    existsSync(join(d, 'gramjs-login.mjs')),
  );
const t0 = Date.now();
const log = (msg) =>
  process.stderr.write(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${msg}\n`);

// ---------- results ----------
/** results[caseId][lib] = { samples: [], version, note, error } */
const results = Object.fromEntries(CASES.map((c) => [c.id, {}]));
const meta = { versions: {}, layers: {}, notes: {} };
function record(lib, caseId, entry) {
  results[caseId][lib] ??= { samples: [] };
  const slot = results[caseId][lib];
  if (entry.samples) slot.samples.push(...entry.samples);
  if (entry.note) slot.note = entry.note;
  if (entry.error && !slot.samples.length) slot.error = entry.error;
  if (entry.extra) slot.extra = { ...slot.extra, ...entry.extra };
}
function recordWorker(lib, caseIds, out) {
  if (out?.version) meta.versions[lib] = out.version;
  if (out?.layer) meta.layers[lib] = out.layer;
  if (!out?.ok) {
    for (const id of caseIds) record(lib, id, { error: out?.error ?? 'worker failed' });
    return;
  }
  for (const [id, m] of Object.entries(out.metrics)) record(lib, id, m);
}

// ---------- process helpers ----------
function runNode(argv, { env = {}, timeoutMs = 180_000, nodeArgs = [] } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs, ...argv], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const all = [];
      for (const l of stdout.split('\n')) {
        if (!l.startsWith('{')) continue;
        try {
          all.push(JSON.parse(l));
        } catch {
          // not one of ours
        }
      }
      let json = all.at(-1);
      if (json) json.all = all;
      if (!json)
        json = {
          ok: false,
          error: `exit ${code}: ${(stderr || stdout).trim().split('\n').slice(-2).join(' | ').slice(0, 300)}`,
        };
      resolve(json);
    });
  });
}

const rotate = (arr, k) => arr.map((_, i) => arr[(i + k) % arr.length]);

// ---------- preparation ----------
function ensurePeers() {
  const r = spawnSync(process.execPath, [join(here, 'install-peers.mjs')], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_PEERS_DIR: PEERS },
  });
  if (r.status !== 0) throw new Error('install-peers failed');
}

const DIST = [
  'tl-schema',
  'crypto',
  'session-memory',
  'session-sqlite',
  'transport',
  'auth',
  'client',
  'telets',
  'test-server',
];
/** Newest modification time (ms) of the files under `dir`, 0 when it does not exist. */
function newestMtimeMs(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtimeMs(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  if (args.includes('--no-build')) return;
  // A dist that is missing, or older than its sources, would measure code that is not there.
  const stale = DIST.filter((p) => {
    const index = join(ROOT, 'packages', p, 'dist', 'index.js');
    return (
      !existsSync(index) ||
      statSync(index).mtimeMs < newestMtimeMs(join(ROOT, 'packages', p, 'src'))
    );
  });
  if (!stale.length) return;
  log(`dist missing or older than src for ${stale.join(', ')}: npx nx run-many -t build (once)`);
  spawnSync('npx', ['nx', 'run-many', '-t', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

function makeRsaKey(dir) {
  // RSA_PAD needs a 2048-bit modulus; like Telegram's keys, a high top byte.
  for (;;) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const n = Buffer.from(privateKey.export({ format: 'jwk' }).n, 'base64url');
    if (n[0] >= 0xc0) {
      const path = join(dir, 'bench-rsa.pem');
      writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }));
      return path;
    }
  }
}

// ---------- groups ----------
async function computeGroup(groups, env) {
  const cases = CASES.filter((c) => groups.includes(c.group) && !c.from);
  const idsOf = (c) => (c.id === 'srp' ? ['srp', 'srp-stall'] : [c.id]);
  const worker = join(here, 'workers', 'compute.mjs');
  const handle = (lib, c, out) => {
    recordWorker(lib, idsOf(c), out);
    if (!out.ok) log(`${c.id} ${lib}: ${out.error}`);
  };
  for (let round = 0; round < ROUNDS; round++) {
    if (quick) {
      // One process per library with all its cases, libraries in turn.
      for (const lib of rotate(LIBS, round)) {
        const out = await runNode([worker, lib, cases.map((c) => c.id).join(','), '--quick'], {
          env,
          timeoutMs: 300_000,
        });
        const byCase = new Map((out.all ?? []).map((o) => [o.case, o]));
        for (const c of cases)
          handle(lib, c, byCase.get(c.id) ?? { ok: false, error: out.error ?? 'no result' });
      }
    } else {
      for (const [i, c] of cases.entries()) {
        for (const lib of rotate(LIBS, round + i))
          handle(lib, c, await runNode([worker, lib, c.id], { env }));
      }
    }
    log(`${groups.join('+')} round ${round + 1}/${ROUNDS} done`);
  }
}

async function sessionGroup() {
  for (let round = 0; round < ROUNDS; round++) {
    for (const lib of rotate(LIBS, round)) {
      recordWorker(
        lib,
        ['sqlite-saves'],
        await runNode([join(here, 'workers', 'session.mjs'), lib, ...(quick ? ['--quick'] : [])]),
      );
    }
  }
  log('session done');
}

async function startServer(dir) {
  const pem = join(dir, 'server-pub.pem');
  const child = spawn(process.execPath, [join(here, 'workers', 'test-server.mjs'), pem], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const info = await new Promise((resolve) => {
    let buf = '';
    const timer = setTimeout(
      () => resolve({ ok: false, error: 'test server did not start in 60 s' }),
      60_000,
    );
    child.stdout.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(buf.slice(0, nl)));
        } catch {
          resolve({ ok: false, error: buf.slice(0, 200) });
        }
      }
    });
    child.on('close', () => resolve({ ok: false, error: 'test server exited' }));
  });
  return { ...info, stop: () => child.stdin.end() };
}

async function netGroup(dir) {
  const netIds = ['net-authkey', 'net-signin', 'net-rps-seq', 'net-rps-100'];
  const server = await startServer(dir);
  if (!server.ok) {
    for (const lib of LIBS)
      for (const id of netIds) record(lib, id, { error: `n/a: ${server.error}` });
    log(`net: ${server.error}`);
    return;
  }
  const DCS = JSON.stringify(
    Object.fromEntries(server.dcs.map((d) => [d.id, `${d.host}:${d.port}`])),
  );
  const drivers = {
    telets: join(here, 'drivers', 'telets-login.mjs'),
    gramjs: SHARED_PEERS && join(SHARED_PEERS, 'gramjs-login.mjs'),
    mtcute: SHARED_PEERS && join(SHARED_PEERS, 'mtcute-login.mjs'),
  };
  let phone = 0;
  try {
    for (let round = 0; round < NET_ROUNDS; round++) {
      for (const lib of rotate(LIBS, round)) {
        if (!drivers[lib]) {
          for (const id of netIds)
            record(lib, id, { error: 'n/a: shared/peers driver scripts not found' });
          continue;
        }
        phone++;
        // Test numbers 99966XYYYY live on DC X and take the code XXXXX; a fresh one per run.
        const env = {
          DCS,
          DC_ID: '2',
          RSA_PEM: server.rsaPem,
          PHONE: `99966${2}${String(1000 + phone).slice(-4)}`,
          CODE: '22222',
          N: '100',
          RECONNECT: '0',
          TRANSPORT: 'intermediate',
          TIMEOUT_MS: '60000',
          GRAMJS_DIR: PEERS,
          MTCUTE_DIR: PEERS,
        };
        const out = await runNode([drivers[lib]], { env, timeoutMs: 90_000 });
        if (out.version) meta.versions[lib] ??= out.version;
        if (out.layer) meta.layers[lib] = out.layer;
        if (!out.ok) {
          const err = `${out.stage ? `${out.stage}: ` : ''}${out.error ?? 'failed'}`;
          for (const id of netIds) record(lib, id, { error: err });
          log(`net ${lib}: ${err}`);
          continue;
        }
        const ms = out.ms;
        if (ms.authKey) record(lib, 'net-authkey', { samples: [ms.authKey] });
        record(lib, 'net-signin', { samples: [ms.connect + ms.login] });
        if (ms.getConfig) {
          record(lib, 'net-rps-seq', { samples: [ms.getConfig.seq.perSec] });
          record(lib, 'net-rps-100', { samples: [ms.getConfig.conc.perSec] });
        }
      }
      log(`net round ${round + 1}/${NET_ROUNDS} done`);
    }
  } finally {
    server.stop();
  }
}

const IMPORT_TARGETS = {
  telets: () => join(ROOT, 'packages', 'telets', 'dist', 'index.js'),
  gramjs: () => join(PEERS, 'node_modules', 'telegram', 'index.js'),
  mtcute: () => join(PEERS, 'node_modules', '@mtcute', 'node', 'index.js'),
};

function wallMs(argv) {
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t;
  return r.status === 0 ? ms : { error: String(r.stderr).trim().split('\n').slice(-1)[0] };
}

async function costGroup() {
  // Import time: fresh processes, interleaved with bare `node -e 0`, median over rounds.
  const bare = [];
  const imp = Object.fromEntries(LIBS.map((l) => [l, []]));
  for (let round = 0; round < IMPORT_ROUNDS; round++) {
    bare.push(wallMs(['-e', '0']));
    for (const lib of rotate(LIBS, round)) {
      const file = IMPORT_TARGETS[lib]();
      const ms = wallMs([
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(`file://${file}`)})`,
      ]);
      if (typeof ms === 'number') imp[lib].push(ms);
      else record(lib, 'import-ms', { error: ms.error });
    }
    bare.push(wallMs(['-e', '0']));
  }
  const bareMs = median(bare);
  meta.notes.bareNodeMs = bareMs;
  for (const lib of LIBS)
    if (imp[lib].length) record(lib, 'import-ms', { samples: imp[lib].map((ms) => ms - bareMs) });
  log('import time done');

  // Installed size.
  const size = {
    telets: () => installedBytes('telets', ROOT, teletsWorkspaceDir),
    gramjs: () => installedBytes('telegram', PEERS),
    mtcute: () => installedBytes('@mtcute/node', PEERS),
  };
  for (const lib of LIBS) {
    try {
      const s = size[lib]();
      record(lib, 'installed-mb', { samples: [s.bytes / 1e6], note: `${s.packages} packages` });
    } catch (e) {
      record(lib, 'installed-mb', { error: String(e.message) });
    }
  }

  // Browser bundle of each library's client entry.
  const bundles = {
    telets: [
      `export { Client } from ${JSON.stringify(join(ROOT, 'packages', 'telets', 'dist', 'index.js'))};`,
      ROOT,
      'Client from telets',
    ],
    gramjs: ["export { TelegramClient } from 'telegram';", PEERS, 'TelegramClient from telegram'],
    mtcute: [
      "export { TelegramClient } from '@mtcute/core/client.js';",
      PEERS,
      'TelegramClient from @mtcute/core (its browser facade @mtcute/web is not installed)',
    ],
  };
  for (const lib of LIBS) {
    try {
      const [contents, dir, what] = bundles[lib];
      const b = await browserBundle(contents, dir);
      const shims = [...b.nodeBuiltins, ...b.nodeGlobals.map((g) => `global ${g}`)];
      record(lib, 'bundle-kb', {
        samples: [b.gzipBytes / 1024],
        note: shims.length ? `needs Node shims: ${shims.join(', ')}` : 'no Node shims',
        extra: {
          what,
          minifiedBytes: b.minifiedBytes,
          gzipBytes: b.gzipBytes,
          nodeBuiltins: b.nodeBuiltins,
          nodeGlobals: b.nodeGlobals,
        },
      });
    } catch (e) {
      record(lib, 'bundle-kb', { error: String(e.message).split('\n').slice(0, 2).join(' | ') });
    }
  }
  log('size + bundle done');

  // Memory per idle client.
  for (let round = 0; round < ROUNDS; round++) {
    for (const lib of rotate(LIBS, round)) {
      recordWorker(
        lib,
        ['idle-rss-kb', 'idle-heap-kb'],
        await runNode([join(here, 'workers', 'idle-clients.mjs'), lib, '1000'], {
          nodeArgs: ['--expose-gc'],
        }),
      );
    }
  }
  log('idle clients done');
}

// The per-area benchmarks other engineers wrote (telets alone, their own output), on request.
const PER_AREA = [
  'crypto.mjs',
  'tl.mjs',
  'session.mjs',
  'framing.mjs',
  'mtproto.mjs',
  'server.mjs',
];
function runPerArea() {
  const parts = ['', '## Per-area benchmarks of telets alone (`--per-area`)', ''];
  for (const file of PER_AREA) {
    if (!existsSync(join(here, file))) continue;
    log(`per-area: ${file}`);
    const r = spawnSync(process.execPath, [join(here, file)], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 600_000,
    });
    parts.push(
      `### ${file}`,
      '',
      '```',
      (r.stdout || r.stderr || '').trim().slice(0, 20_000),
      '```',
      '',
    );
  }
  return parts.join('\n');
}

// ---------- main ----------
/** --render: rewrite results/latest.md from results/latest.json (current labels and report code). */
function renderOnly() {
  const outDir = join(here, 'results');
  const report = JSON.parse(readFileSync(join(outDir, 'latest.json'), 'utf8'));
  report.cases = CASES.map((c) => ({ ...c }));
  const md = renderMarkdown(report);
  writeFileSync(join(outDir, 'latest.md'), md);
  process.stdout.write(md);
}

async function main() {
  if (args.includes('--render')) return renderOnly();
  ensurePeers();
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'telets-bench-'));
  const env = { BENCH_RSA_KEY: makeRsaKey(dir), BENCH_PEERS_DIR: PEERS };
  const loadBefore = loadavg();
  try {
    if (wants('crypto') || wants('tl')) await computeGroup(['crypto', 'tl'].filter(wants), env);
    if (wants('session')) await sessionGroup();
    if (wants('net')) await netGroup(dir);
    if (wants('cost')) await costGroup();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const summary = {};
  for (const c of CASES) {
    summary[c.id] = {};
    for (const lib of LIBS) {
      const r = results[c.id][lib];
      if (!r) continue;
      summary[c.id][lib] = r.samples.length
        ? { ...summarize(r.samples), note: r.note, extra: r.extra }
        : { error: r.error ?? 'not measured' };
    }
  }
  const report = {
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    only,
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      loadavgBefore: loadBefore,
      loadavgAfter: loadavg(),
    },
    versions: meta.versions,
    layers: meta.layers,
    notes: meta.notes,
    durationS: (Date.now() - t0) / 1000,
    cases: CASES,
    summary,
    raw: results,
  };
  const outDir = join(here, 'results');
  mkdirSync(outDir, { recursive: true });
  const json = JSON.stringify(report, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2);
  writeFileSync(join(outDir, `bench-${report.date.replace(/[:.]/g, '-')}.json`), json);
  writeFileSync(join(outDir, 'latest.json'), json);
  let md = renderMarkdown(report);
  if (perArea) md += runPerArea();
  writeFileSync(join(outDir, 'latest.md'), md);
  process.stdout.write(md);
  log(
    `wrote ${join('tools/bench/results', 'latest.md')} and latest.json in ${report.durationS.toFixed(0)} s`,
  );
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e?.stack ?? e}\n`);
  process.exit(1);
});
