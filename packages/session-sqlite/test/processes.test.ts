import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { sampleSession } from '@telets/session-memory/testing';
import { build } from 'tsup';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SessionLockedError, SqliteSession } from '../src/index.js';
import { errorOf, tempDir } from './helpers.js';

// Child processes cannot run TypeScript, so the child script and the package sources it imports
// are bundled once into plain CommonJS (better-sqlite3 stays external and is found via NODE_PATH).
const root = join(import.meta.dirname, '..', '..', '..');
let buildDir: { dir: string; cleanup: () => void };
let childScript: string;

beforeAll(async () => {
  buildDir = tempDir();
  await build({
    config: false,
    entry: { child: join(import.meta.dirname, 'fixtures', 'session-child.ts') },
    outDir: buildDir.dir,
    format: ['cjs'],
    platform: 'node',
    target: 'node20',
    dts: false,
    sourcemap: false,
    clean: false,
    silent: true,
    external: ['better-sqlite3'],
    noExternal: [/^@telets\//],
    esbuildOptions(options) {
      options.conditions = ['@telets/source'];
    },
  });
  childScript = join(buildDir.dir, 'child.cjs');
}, 60_000);
afterAll(() => buildDir.cleanup());

interface Child {
  proc: ChildProcess;
  next(): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

const children: Child[] = [];

function startChild(
  mode: 'hold' | 'save-forever',
  path: string,
  onLine?: (e: Record<string, unknown>) => void,
): Child {
  const proc = spawn(process.execPath, [childScript, mode, path], {
    env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const queue: Record<string, unknown>[] = [];
  const waiters: ((e: Record<string, unknown>) => void)[] = [];
  createInterface({ input: proc.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    const event = JSON.parse(line) as Record<string, unknown>;
    onLine?.(event);
    const w = waiters.shift();
    if (w) w(event);
    else queue.push(event);
  });
  // 'close' comes after stdout is drained, so every line the child wrote has been seen by then.
  const exited = new Promise<number | null>((res) => proc.on('close', (code) => res(code)));
  const child: Child = {
    proc,
    exited,
    next: () => {
      const e = queue.shift();
      return e ? Promise.resolve(e) : new Promise((res) => waiters.push(res));
    },
  };
  children.push(child);
  return child;
}

// Generous limits, not timing assertions: spawning Node processes is slow on a loaded machine.
const PROCESS_TEST_TIMEOUT_MS = 60_000;

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.proc.exitCode === null && c.proc.signalCode === null) {
      c.proc.kill('SIGKILL');
      await c.exited;
    }
  }
  cleanup();
});

describe('two processes and one session file', () => {
  it(
    'when two processes race to open one file, exactly one wins',
    async () => {
      const path = join(dir, 'race.session');
      for (let round = 0; round < 3; round++) {
        const a = startChild('hold', path);
        const b = startChild('hold', path);
        const [ea, eb] = await Promise.all([a.next(), b.next()]);
        const events = [ea, eb];
        expect(events.filter((e) => e.event === 'opened')).toHaveLength(1);
        const refused = events.find((e) => e.event === 'refused') as Record<string, unknown>;
        expect(refused.name).toBe('SessionLockedError');
        expect(refused.isLockedError).toBe(true);
        expect(refused.message).toContain(path);
        const winner = ea.event === 'opened' ? a : b;
        winner.proc.stdin?.end();
        expect(await winner.next()).toEqual({ event: 'closed' });
        expect(await winner.exited).toBe(0);
      }
      const s = new SqliteSession(path);
      await s.close();
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'names the holding process in the error',
    async () => {
      const path = join(dir, 'held.session');
      const holder = startChild('hold', path);
      expect((await holder.next()).event).toBe('opened');
      const e = errorOf(() => new SqliteSession(path)) as SessionLockedError;
      expect(e).toBeInstanceOf(SessionLockedError);
      expect(e.holderPid).toBe(holder.proc.pid);
      expect(e.message).toContain(`another process (pid ${holder.proc.pid})`);
      expect(e.message).toContain(path);
      holder.proc.stdin?.end();
      await holder.exited;
      expect(existsSync(`${path}-lock`)).toBe(false);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'releases the lock when the holder dies',
    async () => {
      const path = join(dir, 'dies.session');
      const holder = startChild('hold', path);
      expect((await holder.next()).event).toBe('opened');
      holder.proc.kill('SIGKILL');
      await holder.exited;
      const s = new SqliteSession(path);
      expect(await s.load()).toBeUndefined();
      await s.close();
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'a process killed with SIGKILL while saving leaves the last committed session readable',
    async () => {
      const path = join(dir, 'killed.session');
      let lastCommitted = 0;
      let resolveEnough: () => void;
      const enough = new Promise<void>((res) => {
        resolveEnough = res;
      });
      const saver = startChild('save-forever', path, (e) => {
        if (e.event === 'saved') {
          lastCommitted = e.pts as number;
          if (lastCommitted >= 30) resolveEnough();
        }
      });
      await enough;
      saver.proc.kill('SIGKILL');
      await saver.exited;
      const seen = lastCommitted;
      const s = new SqliteSession(path);
      const loaded = await s.load();
      await s.close();
      const pts = loaded?.updateState?.pts ?? -1;
      // Every save the child reported is on disk; at most one more may have committed unreported.
      expect(pts).toBeGreaterThanOrEqual(seen);
      expect(pts).toBeLessThanOrEqual(seen + 1);
      const expected = sampleSession(1);
      expected.updateState = { pts, qts: 0, date: 0, seq: 0 };
      expect(loaded?.equals(expected)).toBe(true);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
