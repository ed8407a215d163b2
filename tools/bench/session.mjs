// Session storage benchmark: saves per second of a full session (5 DCs, 3 auth keys) with
// SqliteSession in WAL mode (each durability mode; the loop changes only pts, like updates do), the time to open and load a session file, and string sessions.
// Build first: (cd packages/session-memory && npx tsup) && (cd packages/session-sqlite && npx tsup)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeStringSession,
  encodeStringSession,
  MemorySession,
} from '../../packages/session-memory/dist/index.js';
import { sampleSession } from '../../packages/session-memory/dist/testing.js';
import { SqliteSession } from '../../packages/session-sqlite/dist/index.js';

const RUNS = 5;
const dir = mkdtempSync(join(tmpdir(), 'telets-bench-session-'));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function savesPerSecond(synchronous, saves) {
  const results = [];
  for (let run = 0; run < RUNS; run++) {
    const storage = new SqliteSession(join(dir, `save-${synchronous}-${run}`), { synchronous });
    const session = sampleSession(run);
    await storage.save(session);
    const start = process.hrtime.bigint();
    for (let i = 0; i < saves; i++) {
      session.updateState = { pts: i, qts: 0, date: 0, seq: 0 };
      await storage.save(session);
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    results.push(saves / seconds);
    await storage.close();
  }
  return median(results);
}

async function loadTimes() {
  const path = join(dir, 'load.session');
  const first = new SqliteSession(path);
  await first.save(sampleSession(1));
  await first.close();
  const openAndLoad = [];
  const loadOnly = [];
  for (let run = 0; run < RUNS * 4; run++) {
    const start = process.hrtime.bigint();
    const storage = new SqliteSession(path);
    const opened = process.hrtime.bigint();
    const session = await storage.load();
    const loaded = process.hrtime.bigint();
    if (!session) throw new Error('nothing loaded');
    await storage.close();
    openAndLoad.push(Number(loaded - start) / 1e6);
    loadOnly.push(Number(loaded - opened) / 1e6);
  }
  return { openAndLoadMs: median(openAndLoad), loadMs: median(loadOnly) };
}

function opsPerSecond(fn, iterations) {
  const results = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    results.push(iterations / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  return median(results);
}

try {
  const auto = await savesPerSecond('auto', 2000);
  const full = await savesPerSecond('full', 300);
  const normal = await savesPerSecond('normal', 2000);
  const { openAndLoadMs, loadMs } = await loadTimes();
  const session = sampleSession(1);
  const text = encodeStringSession(session);
  const encode = opsPerSecond(() => encodeStringSession(session), 20000);
  const decode = opsPerSecond(() => decodeStringSession(text), 20000);
  const memory = new MemorySession();
  const memorySaves = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 20000; i++) await memory.save(session);
    memorySaves.push(20000 / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  const line = (label, value) => console.log(`  ${label.padEnd(58)} ${value}`);
  console.log(`session benchmark (median of ${RUNS} runs; full session: 5 DCs, 3 auth keys)`);
  line("SqliteSession save, WAL, 'auto' (default; pts-only saves)", `${fmt(auto)} saves/s`);
  line("SqliteSession save, WAL, 'full' (fsync every save)", `${fmt(full)} saves/s`);
  line("SqliteSession save, WAL, 'normal' (never fsync)", `${fmt(normal)} saves/s`);
  line('SqliteSession open + load of a session file', `${openAndLoadMs.toFixed(2)} ms`);
  line('SqliteSession load (already open)', `${loadMs.toFixed(3)} ms`);
  line('MemorySession save', `${fmt(median(memorySaves))} saves/s`);
  line('encodeStringSession', `${fmt(encode)} ops/s (${text.length} chars)`);
  line('decodeStringSession', `${fmt(decode)} ops/s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
