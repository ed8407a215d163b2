// RSS and heap per idle client: 1,000 clients constructed (each with an in-memory session, not
// connected) in this fresh process, measured after a full GC against the same process before.
//   node --expose-gc tools/bench/workers/idle-clients.mjs <telets|gramjs|mtcute> [count]
import { importPeer, peerRequire, peerVersion } from '../adapters/peer-dir.mjs';

const [lib, countArg] = process.argv.slice(2);
const COUNT = Number(countArg ?? 1000);
const API_HASH = '0123456789abcdef0123456789abcdef';

async function factory() {
  if (lib === 'telets') {
    const T = await import('../../../packages/telets/dist/index.js');
    const { readFileSync } = await import('node:fs');
    const version = JSON.parse(
      readFileSync(new URL('../../../packages/telets/package.json', import.meta.url), 'utf8'),
    ).version;
    return {
      version,
      make: () => new T.Client(new T.MemorySession(), 12345, API_HASH, { logLevel: 'silent' }),
      Cls: T.Client,
    };
  }
  if (lib === 'gramjs') {
    const { TelegramClient } = peerRequire('telegram');
    const { StringSession } = peerRequire('telegram/sessions');
    const { Logger, LogLevel } = peerRequire('telegram/extensions/Logger');
    const logger = new Logger(LogLevel.NONE);
    return {
      version: peerVersion('telegram'),
      make: () =>
        new TelegramClient(new StringSession(''), 12345, API_HASH, { baseLogger: logger }),
      Cls: TelegramClient,
    };
  }
  const M = await importPeer('@mtcute/node');
  return {
    version: peerVersion('@mtcute/node'),
    make: () =>
      new M.TelegramClient({
        apiId: 12345,
        apiHash: API_HASH,
        storage: new M.MemoryStorage(),
        logLevel: 0,
      }),
    Cls: M.TelegramClient,
  };
}

function settle() {
  for (let i = 0; i < 4; i++) globalThis.gc();
}

try {
  if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');
  const { version, make, Cls } = await factory();
  // One client first, so lazily loaded modules and caches are not charged to the 1,000.
  const keep = [make()];
  await new Promise((r) => setTimeout(r, 50));
  settle();
  const before = process.memoryUsage();
  for (let i = 0; i < COUNT; i++) keep.push(make());
  await new Promise((r) => setTimeout(r, 50));
  settle();
  const after = process.memoryUsage();
  if (keep.length !== COUNT + 1 || !keep.every((c) => c instanceof Cls))
    throw new Error('self-check failed: clients');
  process.stdout.write(
    `${JSON.stringify({
      ok: true,
      lib,
      version,
      metrics: {
        'idle-rss-kb': { samples: [(after.rss - before.rss) / 1024 / COUNT] },
        'idle-heap-kb': { samples: [(after.heapUsed - before.heapUsed) / 1024 / COUNT] },
      },
    })}\n`,
  );
} catch (e) {
  process.stdout.write(
    `${JSON.stringify({ ok: false, lib, error: String(e?.message ?? e).split('\n')[0] })}\n`,
  );
}
process.exit(0);
