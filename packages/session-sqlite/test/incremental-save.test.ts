import { join } from 'node:path';
import { inspect } from 'node:util';
import type { Session } from '@telets/session-memory';
import { sampleAuthKey, sampleSession } from '@telets/session-memory/testing';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBetterSqlite3, type SqliteDriver, SqliteSession } from '../src/index.js';
import { tempDir } from './helpers.js';

let dir: string;
let cleanup: () => void;
const open: SqliteSession[] = [];

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  cleanup();
});

/**
 * A SqliteSession over a driver that records every statement run (its SQL, whitespace squeezed),
 * every `synchronous` pragma, and can make the next transaction fail after all its statements ran
 * (as a failing COMMIT would: everything is rolled back).
 */
function spied(path: string, synchronous: 'auto' | 'full' | 'normal' = 'auto') {
  const runs: string[] = [];
  const pragmas: string[] = [];
  let raw: SqliteDriver | undefined;
  let failNextTransaction = false;
  const storage = new SqliteSession(path, {
    synchronous,
    openDriver: (p, o) => {
      const d = openBetterSqlite3(p, o);
      raw = d;
      return {
        ...d,
        prepare: (sql, opts) => {
          const stmt = d.prepare(sql, opts);
          const text = sql.replace(/\s+/g, ' ').trim();
          return {
            ...stmt,
            run: (...params) => {
              runs.push(text);
              stmt.run(...params);
            },
          };
        },
        pragma: (source) => {
          if (source.startsWith('synchronous')) pragmas.push(source);
          return d.pragma(source);
        },
        transaction: (fn) =>
          d.transaction(() => {
            const result = fn();
            if (failNextTransaction) {
              failNextTransaction = false;
              throw new Error('commit failed');
            }
            return result;
          }),
      };
    },
  });
  open.push(storage);
  const driver = raw as SqliteDriver;
  const totalChanges = (): number => Number(driver.prepare('SELECT total_changes() AS n').get()?.n);
  /** Saves and returns what the save did: statements run, rows changed, pragmas set. */
  const save = async (session: Session) => {
    runs.length = 0;
    pragmas.length = 0;
    const before = totalChanges();
    await storage.save(session);
    return { runs: [...runs], changedRows: totalChanges() - before, pragmas: [...pragmas] };
  };
  return {
    storage,
    save,
    failNextTransaction: () => {
      failNextTransaction = true;
    },
    /** PRAGMA synchronous as SQLite reports it: 2 is FULL, 1 is NORMAL. */
    synchronousNow: () => Number(driver.pragma('synchronous')),
    rows: (table: string) => driver.prepare(`SELECT * FROM ${table}`, { bigints: true }).all(),
  };
}

const UPDATE_STATE = 'UPDATE session SET pts = ?, qts = ?, date = ?, seq = ? WHERE id = 1';
const verb = (sql: string) => sql.split(' (')[0];

describe('incremental saves', () => {
  it('writes every row on the first save after opening', async () => {
    const s = spied(join(dir, 'first'));
    const session = sampleSession(1);
    const did = await s.save(session);
    expect(did.runs.map(verb)).toEqual([
      'DELETE FROM dc',
      'DELETE FROM channel_state',
      ...Array(5).fill('INSERT INTO dc'),
      'INSERT OR REPLACE INTO session',
      ...Array(2).fill('INSERT OR REPLACE INTO channel_state'),
    ]);
    expect(did.changedRows).toBe(5 + 1 + 2);
    expect((await s.storage.load())?.equals(session)).toBe(true);
  });

  it('a pts-only save changes only the state columns of the session row', async () => {
    const s = spied(join(dir, 'pts'));
    const session = sampleSession(1);
    await s.save(session);
    const dcsBefore = s.rows('dc');
    const channelsBefore = s.rows('channel_state');
    session.updateState = { pts: 4242, qts: -5, date: 1_790_000_000, seq: 77 };
    const did = await s.save(session);
    expect(did.runs).toEqual([UPDATE_STATE]);
    expect(did.changedRows).toBe(1);
    expect(did.pragmas).toEqual(['synchronous = NORMAL']);
    expect(s.rows('dc')).toEqual(dcsBefore);
    expect(s.rows('channel_state')).toEqual(channelsBefore);
    expect((await s.storage.load())?.equals(session)).toBe(true);
  });

  it('writes nothing when nothing changed, and only the changed row otherwise', async () => {
    const s = spied(join(dir, 'rows'));
    const session = sampleSession(1);
    await s.save(session);
    expect(await s.save(session)).toEqual({ runs: [], changedRows: 0, pragmas: [] });
    expect(await s.save(session.clone())).toEqual({ runs: [], changedRows: 0, pragmas: [] });

    session.setChannelPts(1_234_567_890_123n, 501);
    let did = await s.save(session);
    expect(did.runs.map(verb)).toEqual(['INSERT OR REPLACE INTO channel_state']);
    expect(did.changedRows).toBe(1);

    session.setAuthKey(3, sampleAuthKey(33));
    did = await s.save(session);
    expect(did.runs.map(verb)).toEqual(['INSERT INTO dc']);
    expect(did.changedRows).toBe(1);
    expect(did.pragmas).toEqual(['synchronous = FULL']);

    // A key changed in place (same Uint8Array object) is still seen.
    (session.getAuthKey(3) as Uint8Array)[200] ^= 0xff;
    did = await s.save(session);
    expect(did.runs.map(verb)).toEqual(['INSERT INTO dc']);

    session.user = { id: 5n, isBot: false };
    did = await s.save(session);
    expect(did.runs.map(verb)).toEqual(['INSERT OR REPLACE INTO session']);
    expect(did.pragmas).toEqual([]); // still FULL from the key change

    session.homeDcId = 4;
    did = await s.save(session);
    expect(did.runs.map(verb)).toEqual(['INSERT OR REPLACE INTO session']);

    session.updateState = undefined;
    did = await s.save(session);
    expect(did.runs).toEqual([UPDATE_STATE]);
    expect(did.pragmas).toEqual(['synchronous = NORMAL']);
    expect((await s.storage.load())?.equals(session)).toBe(true);
  });

  it('deletes the row of a DC or channel that left the Session', async () => {
    const path = join(dir, 'removed');
    const s = spied(path);
    const session = sampleSession(1);
    await s.save(session);
    session.dcs.delete(4);
    session.dcs.delete(5);
    session.channelPts.delete(1_234_567_890_123n);
    const did = await s.save(session);
    expect(did.runs.map(verb).sort()).toEqual([
      'DELETE FROM channel_state WHERE channel_id = ?',
      'DELETE FROM dc WHERE id = ?',
      'DELETE FROM dc WHERE id = ?',
    ]);
    expect(did.changedRows).toBe(3);
    expect(did.pragmas).toEqual([]); // a DC removal is a login change: stays FULL
    await s.storage.close();

    const db = new Database(s.storage.path, { readonly: true });
    expect(db.prepare('SELECT id FROM dc ORDER BY id').pluck().all()).toEqual([1, 2, 3]);
    expect(
      db.prepare('SELECT channel_id FROM channel_state').safeIntegers(true).pluck().all(),
    ).toEqual([9_223_372_036_854_775_807n]);
    db.close();
  });

  it('after a failed save, the next save rewrites everything (and is fsynced)', async () => {
    const s = spied(join(dir, 'failed'));
    const first = sampleSession(1);
    await s.save(first);
    first.updateState = { pts: 1, qts: 0, date: 0, seq: 0 };
    await s.save(first); // now at NORMAL

    // The failed save would have changed a key, a DC and the pts; all of it is rolled back.
    const attempted = first.clone();
    attempted.setAuthKey(1, sampleAuthKey(99));
    attempted.dcs.delete(3);
    attempted.updateState = { pts: 2, qts: 0, date: 0, seq: 0 };
    s.failNextTransaction();
    await expect(s.storage.save(attempted)).rejects.toThrow('commit failed');
    expect((await s.storage.load())?.equals(first)).toBe(true);

    // Had the snapshot kept the failed save's rows, this save would write only pts and leave
    // the file with DC 1's old key and DC 3 present.
    attempted.updateState = { pts: 3, qts: 0, date: 0, seq: 0 };
    const did = await s.save(attempted);
    expect(did.runs.slice(0, 2)).toEqual(['DELETE FROM dc', 'DELETE FROM channel_state']);
    expect(did.runs.filter((r) => r.startsWith('INSERT INTO dc'))).toHaveLength(4);
    expect(s.synchronousNow()).toBe(2);
    expect((await s.storage.load())?.equals(attempted)).toBe(true);

    // And the snapshot is trustworthy again.
    attempted.updateState = { pts: 4, qts: 0, date: 0, seq: 0 };
    expect((await s.save(attempted)).runs).toEqual([UPDATE_STATE]);
  });

  it('after a failed pts-only save, the next save rewrites everything with an fsync', async () => {
    const s = spied(join(dir, 'failed-pts'));
    const session = sampleSession(1);
    await s.save(session);
    session.updateState = { pts: 7, qts: 0, date: 0, seq: 0 };
    await s.save(session);
    expect(s.synchronousNow()).toBe(1);
    session.updateState = { pts: 8, qts: 0, date: 0, seq: 0 };
    s.failNextTransaction();
    await expect(s.storage.save(session)).rejects.toThrow('commit failed');
    expect((await s.storage.load())?.updateState?.pts).toBe(7);
    const did = await s.save(session);
    // Every DC and channel row deleted, then every row written again.
    expect(did.changedRows).toBe(5 + 2 + (5 + 1 + 2));
    expect(did.pragmas).toEqual(['synchronous = FULL']);
    expect((await s.storage.load())?.equals(session)).toBe(true);
  });

  it('rewrites everything after delete()', async () => {
    const s = spied(join(dir, 'deleted'));
    const session = sampleSession(1);
    await s.save(session);
    await s.storage.delete();
    const did = await s.save(session);
    expect(did.changedRows).toBe(5 + 1 + 2);
    expect((await s.storage.load())?.equals(session)).toBe(true);
  });

  it('keeps its copy of the written keys out of inspect and JSON', async () => {
    const s = spied(join(dir, 'secret'));
    await s.save(sampleSession(1));
    const hex = Buffer.from(sampleAuthKey(1)).toString('hex').slice(0, 24);
    const bytes = Array.from(sampleAuthKey(1).subarray(0, 8)).join(',');
    for (const text of [inspect(s.storage, { showHidden: true }), JSON.stringify(s.storage)]) {
      expect(text).not.toContain(hex);
      expect(text).not.toContain(bytes);
    }
  });

  it('stores exactly the saved session after any sequence of changes and failed saves', async () => {
    const change = fc.oneof(
      fc.record({ kind: fc.constant('pts' as const), pts: fc.integer({ min: 0, max: 1e6 }) }),
      fc.record({
        kind: fc.constant('key' as const),
        dc: fc.integer({ min: 1, max: 6 }),
        seed: fc.nat(50),
      }),
      fc.record({ kind: fc.constant('dropKey' as const), dc: fc.integer({ min: 1, max: 6 }) }),
      fc.record({
        kind: fc.constant('addDc' as const),
        dc: fc.integer({ min: 1, max: 6 }),
        port: fc.integer({ min: 1, max: 65535 }),
      }),
      fc.record({ kind: fc.constant('removeDc' as const), dc: fc.integer({ min: 1, max: 6 }) }),
      fc.record({
        kind: fc.constant('user' as const),
        id: fc.option(fc.bigInt({ min: 1n, max: 1n << 62n })),
        isBot: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('home' as const), dc: fc.integer({ min: 1, max: 6 }) }),
      fc.record({
        kind: fc.constant('channel' as const),
        id: fc.bigInt({ min: 1n, max: 5n }),
        pts: fc.option(fc.nat(1000)),
      }),
      fc.record({ kind: fc.constant('noState' as const) }),
    );
    const step = fc.record({
      changes: fc.array(change, { maxLength: 4 }),
      isFailing: fc.boolean(),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const s = spied(join(dir, `prop-${run++}`), 'normal');
        let committed = sampleSession(1);
        await s.save(committed);
        let current = committed.clone();
        for (const { changes, isFailing } of steps) {
          for (const c of changes) applyChange(current, c);
          if (isFailing && !current.equals(committed)) {
            s.failNextTransaction();
            await expect(s.storage.save(current)).rejects.toThrow('commit failed');
            // The caller carries on from the session it holds; the file still has the old one.
            expect((await s.storage.load())?.equals(committed)).toBe(true);
          } else {
            await s.storage.save(current);
            committed = current.clone();
            expect((await s.storage.load())?.equals(committed)).toBe(true);
          }
          // After a failure the caller sometimes retries later with what it holds, sometimes
          // goes back to the last saved session.
          if (isFailing && changes.length % 2 === 0) current = committed.clone();
        }
        await s.storage.close();
        const reopened = new SqliteSession(join(dir, `prop-${run - 1}`));
        open.push(reopened);
        expect((await reopened.load())?.equals(committed)).toBe(true);
        await reopened.close();
      }),
      { numRuns: 40, seed: 20261127 },
    );
  });
});

type Change =
  | { kind: 'pts'; pts: number }
  | { kind: 'key'; dc: number; seed: number }
  | { kind: 'dropKey'; dc: number }
  | { kind: 'addDc'; dc: number; port: number }
  | { kind: 'removeDc'; dc: number }
  | { kind: 'user'; id: bigint | null; isBot: boolean }
  | { kind: 'home'; dc: number }
  | { kind: 'channel'; id: bigint; pts: number | null }
  | { kind: 'noState' };

function applyChange(session: Session, c: Change): void {
  switch (c.kind) {
    case 'pts':
      session.updateState = { pts: c.pts, qts: 1, date: 2, seq: 3 };
      break;
    case 'key':
      if (session.dcs.has(c.dc)) session.setAuthKey(c.dc, sampleAuthKey(c.seed));
      break;
    case 'dropKey':
      if (session.dcs.has(c.dc)) session.setAuthKey(c.dc, undefined);
      break;
    case 'addDc':
      session.setDc({
        id: c.dc,
        ipAddress: `10.0.0.${c.dc}`,
        port: c.port,
        isTest: c.port % 2 === 0,
      });
      break;
    case 'removeDc':
      session.dcs.delete(c.dc);
      break;
    case 'user':
      session.user = c.id === null ? undefined : { id: c.id, isBot: c.isBot };
      break;
    case 'home':
      session.homeDcId = c.dc;
      break;
    case 'channel':
      if (c.pts === null) session.channelPts.delete(c.id);
      else session.setChannelPts(c.id, c.pts);
      break;
    case 'noState':
      session.updateState = undefined;
      break;
  }
}
