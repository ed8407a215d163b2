// Saves per second of each library's SQLite session storage, in this fresh process: the update
// state (pts) changes and the storage persists it, as after every update. Default durability of
// each library (telets: SqliteSession defaults; mtcute: SqliteStorage defaults, WAL).
// GramJS has no SQLite session (StringSession / StoreSession only): reported as n/a.
//   node tools/bench/workers/session.mjs <telets|gramjs|mtcute> [--quick]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPeer, peerVersion } from '../adapters/peer-dir.mjs';
import { now } from '../lib/measure.mjs';

const [lib] = process.argv.slice(2);
const quick = process.argv.includes('--quick');
const dir = mkdtempSync(join(tmpdir(), 'telets-bench-sqlite-'));
const SAMPLES = quick ? 3 : 5;
const SAMPLE_MS = quick ? 150 : 300;

function emit(obj) {
  process.stdout.write(`${JSON.stringify({ lib, case: 'sqlite-saves', ...obj })}\n`);
}

/** Saves per second over SAMPLES samples of about SAMPLE_MS, after a warm-up. */
async function rate(save) {
  for (let i = 0; i < 50; i++) await save(i);
  const out = [];
  let pts = 100;
  for (let s = 0; s < SAMPLES; s++) {
    let n = 0;
    const t = now();
    let el = 0;
    do {
      await save(pts++);
      n++;
      el = now() - t;
    } while (el < SAMPLE_MS);
    out.push((n * 1000) / el);
  }
  return out;
}

async function telets() {
  const { SqliteSession } = await import('../../../packages/session-sqlite/dist/index.js');
  const { sampleSession } = await import('../../../packages/session-memory/dist/testing.js');
  const path = join(dir, 'bench');
  const storage = new SqliteSession(path);
  const session = sampleSession(1);
  await storage.save(session);
  const save = async (pts) => {
    session.updateState = { pts, qts: 0, date: 0, seq: 0 };
    await storage.save(session);
  };
  const samples = await rate(save);
  await storage.close();
  // Self-check: a fresh handle reads back the last saved state.
  const again = new SqliteSession(path);
  const loaded = await again.load();
  await again.close();
  if (loaded?.updateState?.pts !== session.updateState.pts)
    throw new Error('self-check failed: pts not persisted');
  const version = JSON.parse(
    (await import('node:fs')).readFileSync(
      new URL('../../../packages/telets/package.json', import.meta.url),
      'utf8',
    ),
  ).version;
  return { version, samples };
}

async function mtcute() {
  const N = await importPeer('@mtcute/node');
  const U = await importPeer('@mtcute/core', './utils.js');
  const path = join(dir, 'bench.session');
  const open = async () => {
    const storage = new N.SqliteStorage(path);
    const platform = new N.NodePlatform();
    storage.driver.setup(new U.LogManager('bench', platform), platform);
    await storage.driver.load();
    return storage;
  };
  const storage = await open();
  // The key mtcute's UpdatesStateService writes pts under (highlevel/storage/service/updates.js).
  const KV_PTS = 'updates_pts';
  const buf = new Uint8Array(4);
  const dv = new DataView(buf.buffer);
  const save = async (pts) => {
    dv.setUint32(0, pts, true);
    await storage.kv.set(KV_PTS, buf);
    await storage.driver.save();
  };
  const samples = await rate(save);
  const last = dv.getUint32(0, true);
  const sync = storage.driver.db.pragma('synchronous', { simple: true });
  await storage.driver.destroy();
  const again = await open();
  const got = await again.kv.get(KV_PTS);
  await again.driver.destroy();
  if (!got || new DataView(got.buffer, got.byteOffset).getUint32(0, true) !== last) {
    throw new Error('self-check failed: pts not persisted');
  }
  return { version: peerVersion('@mtcute/node'), samples, note: `WAL, synchronous=${sync}` };
}

try {
  if (lib === 'gramjs') {
    emit({ ok: false, error: 'n/a: GramJS has no SQLite session (StringSession, StoreSession)' });
  } else {
    const r = lib === 'telets' ? await telets() : await mtcute();
    emit({
      ok: true,
      version: r.version,
      metrics: { 'sqlite-saves': { samples: r.samples, note: r.note } },
    });
  }
} catch (e) {
  emit({ ok: false, error: String(e?.message ?? e).split('\n')[0] });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
