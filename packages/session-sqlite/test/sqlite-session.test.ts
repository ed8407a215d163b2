import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { inspect } from 'node:util';
import { type Session, SessionClosedError, SessionError } from '@telets/session-memory';
import { sampleAuthKey, sampleSession } from '@telets/session-memory/testing';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openBetterSqlite3,
  resolveSessionPath,
  SCHEMA_VERSION,
  SessionFileError,
  SessionLockedError,
  SessionSchemaError,
  SqliteSession,
} from '../src/index.js';
import { APPLICATION_ID, MIGRATIONS } from '../src/schema.js';
import { readSqliteHeader } from '../src/sqlite-header.js';
import { errorOf, fingerprint, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => void;
const open: SqliteSession[] = [];
const session = (path: string): SqliteSession => {
  const s = new SqliteSession(path);
  open.push(s);
  return s;
};

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  cleanup();
});

const keyHex = (seed: number) => Buffer.from(sampleAuthKey(seed)).toString('hex').slice(0, 24);

describe('session file path', () => {
  it('appends ".session" only when the name has no extension', () => {
    expect(resolveSessionPath('name')).toBe('name.session');
    expect(resolveSessionPath('dir/name')).toBe('dir/name.session');
    expect(resolveSessionPath('dir.d/name')).toBe('dir.d/name.session');
    expect(resolveSessionPath('name.db')).toBe('name.db');
    expect(resolveSessionPath('name.session')).toBe('name.session');
    expect(() => resolveSessionPath('')).toThrow(TypeError);
    expect(() => resolveSessionPath(':memory:')).toThrow(/MemorySession/);
  });

  it('creates missing parent directories (owner-only) and the file with mode 0600', () => {
    const s = session(join(dir, 'a', 'b', 'me'));
    expect(s.path).toBe(join(dir, 'a', 'b', 'me.session'));
    expect(statSync(s.path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'a', 'b')).mode & 0o777).toBe(0o700);
  });

  it('keeps a path that has an extension, and works with relative paths', () => {
    const rel = relative(process.cwd(), join(dir, 'x.db'));
    const s = session(rel);
    expect(s.path).toBe(rel);
    expect(existsSync(join(dir, 'x.db'))).toBe(true);
  });

  it('tightens the mode of an existing telets file to 0600', async () => {
    const path = join(dir, 'loose.session');
    await new SqliteSession(path).close();
    chmodSync(path, 0o644);
    session(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});

describe('file format', () => {
  it('uses WAL, our application_id and the current schema version', async () => {
    const s = session(join(dir, 'f'));
    await s.save(sampleSession());
    const header = readSqliteHeader(s.path, 'telets-file');
    expect(header.isWal).toBe(true);
    expect(header.applicationId).toBe(0x544c5453);
    expect(header.userVersion).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(2);
  });

  it('accepts an empty (0-byte) file as a new session', async () => {
    const path = join(dir, 'empty.session');
    writeFileSync(path, '');
    const s = session(path);
    expect(await s.load()).toBeUndefined();
    await s.save(sampleSession());
    expect((await s.load())?.equals(sampleSession())).toBe(true);
  });

  it('upgrades a version 1 file in one transaction and keeps its data', async () => {
    const path = join(dir, 'old.session');
    const db = new Database(path);
    for (const sql of MIGRATIONS[0].statements) db.exec(sql);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('user_version = 1');
    db.prepare("INSERT INTO telets_meta VALUES ('format', 'telets-session')").run();
    db.prepare(
      'INSERT INTO session (id, home_dc_id, user_id, user_is_bot) VALUES (1, 2, ?, 0)',
    ).run(123456789012n);
    db.prepare(
      'INSERT INTO dc (id, ip_address, port, is_test, auth_key) VALUES (2, ?, 443, 0, ?)',
    ).run('149.154.167.51', Buffer.from(sampleAuthKey(5)));
    db.close();

    const s = session(path);
    expect(readSqliteHeader(path, 'telets-file').userVersion).toBe(2);
    const loaded = await s.load();
    expect(loaded?.user).toEqual({ id: 123456789012n, isBot: false });
    expect(loaded?.getAuthKey(2)).toEqual(sampleAuthKey(5));
    expect(loaded?.channelPts.size).toBe(0);
    loaded?.setChannelPts(77n, 5);
    await s.save(loaded as Session);
    expect((await s.load())?.channelPts.get(77n)).toBe(5);
  });

  it('rolls a failed upgrade back completely: the file stays at version 1', () => {
    const path = join(dir, 'old2.session');
    const db = new Database(path);
    for (const sql of MIGRATIONS[0].statements) db.exec(sql);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('user_version = 1');
    db.prepare("INSERT INTO telets_meta VALUES ('format', 'telets-session')").run();
    db.close();
    const e = errorOf(
      () =>
        new SqliteSession(path, {
          openDriver: (p, o) => {
            const d = openBetterSqlite3(p, o);
            return {
              ...d,
              exec: (sql) => {
                if (sql.includes('channel_state')) throw new Error('migration failed');
                d.exec(sql);
              },
            };
          },
        }),
    );
    expect(e.message).toBe('migration failed');
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(1);
    expect(
      after.prepare("SELECT name FROM sqlite_master WHERE name = 'channel_state'").get(),
    ).toBeUndefined();
    after.close();
    expect(existsSync(`${path}-lock`)).toBe(false);
  });

  it('refuses a file from a newer schema and leaves it untouched', async () => {
    const path = join(dir, 'future.session');
    await new SqliteSession(path).close();
    const db = new Database(path);
    db.pragma('user_version = 3');
    db.close();
    const before = fingerprint(path);
    const e = errorOf(() => new SqliteSession(path));
    expect(e).toBeInstanceOf(SessionSchemaError);
    expect(e.message).toContain(path);
    expect(e.message).toMatch(/schema version 3 is newer than this telets supports \(up to 2\)/);
    expect(fingerprint(path)).toBe(before);
  });

  it('refuses a file that is not SQLite, without modifying it', () => {
    const path = join(dir, 'notes.session');
    writeFileSync(path, 'these are my notes, not a database\n'.repeat(10));
    const before = fingerprint(path);
    const e = errorOf(() => new SqliteSession(path));
    expect(e).toBeInstanceOf(SessionFileError);
    expect(e.message).toMatch(
      /not a SQLite database: expected the 16-byte header "SQLite format 3\\0"/,
    );
    expect(e.message).toContain(path);
    expect(fingerprint(path)).toBe(before);
    writeFileSync(path, 'SQLite');
    expect(errorOf(() => new SqliteSession(path)).message).toMatch(/found only 6 byte\(s\)/);
  });

  it('refuses a SQLite database of another application, without modifying it', () => {
    const foreign = join(dir, 'app.db');
    const db = new Database(foreign);
    db.exec('CREATE TABLE notes (body TEXT)');
    db.close();
    const before = fingerprint(foreign);
    expect(errorOf(() => new SqliteSession(foreign)).message).toMatch(
      /not a telets session file: a SQLite database with 1 other table\(s\)/,
    );
    expect(fingerprint(foreign)).toBe(before);

    const tagged = join(dir, 'tagged.db');
    const db2 = new Database(tagged);
    db2.pragma('application_id = 42');
    db2.exec('CREATE TABLE t (x)');
    db2.close();
    const before2 = fingerprint(tagged);
    expect(errorOf(() => new SqliteSession(tagged)).message).toMatch(/application_id 0x2a/);
    expect(fingerprint(tagged)).toBe(before2);
  });

  it('refuses a foreign database in WAL mode before opening it (its WAL stays unapplied)', () => {
    const path = join(dir, 'walapp.db');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    // Copy the database and its WAL while the app is open: a crashed app leaves exactly this.
    copyFileSync(path, join(dir, 'crashed.db'));
    copyFileSync(`${path}-wal`, join(dir, 'crashed.db-wal'));
    db.close();
    const crashed = join(dir, 'crashed.db');
    const before = fingerprint(crashed);
    const walBefore = readFileSync(`${crashed}-wal`);
    expect(errorOf(() => new SqliteSession(crashed)).message).toMatch(
      /in WAL mode without telets metadata/,
    );
    expect(fingerprint(crashed)).toBe(before);
    expect(readFileSync(`${crashed}-wal`).equals(walBefore)).toBe(true);
  });

  it('points a Telethon file at importTelethonSessionFile, without modifying it', () => {
    const path = join(dir, 'telethon.session');
    const db = new Database(path);
    db.exec('CREATE TABLE version (version integer primary key)');
    db.exec(
      'CREATE TABLE sessions (dc_id integer primary key, server_address text, port integer, auth_key blob, takeout_id integer)',
    );
    db.exec('INSERT INTO version VALUES (7)');
    db.close();
    const before = fingerprint(path);
    const e = errorOf(() => new SqliteSession(path));
    expect(e.message).toMatch(/Telethon v1 session file.*importTelethonSessionFile/);
    expect(fingerprint(path)).toBe(before);
  });

  it('reports damaged data with the column, never the key bytes', async () => {
    const path = join(dir, 'damaged.session');
    const s = new SqliteSession(path);
    await s.save(sampleSession(1));
    await s.close();
    const db = new Database(path);
    db.prepare("UPDATE dc SET port = 'https' WHERE id = 1").run();
    db.close();
    const reopened = session(path);
    const e = await reopened.load().catch((x: Error) => x);
    expect(e).toBeInstanceOf(SessionFileError);
    expect((e as Error).message).toBe(
      `${path}: damaged session data: dc.port should be an integer, found string`,
    );

    const db2 = new Database(path, { timeout: 0 });
    expect(() => db2.prepare('SELECT 1 FROM dc').get()).toThrow(/locked/);
    db2.close();
  });

  it('reports a short auth key as damage', async () => {
    const path = join(dir, 'short.session');
    const s = new SqliteSession(path);
    await s.save(sampleSession(1));
    await s.close();
    const db = new Database(path);
    db.prepare("UPDATE dc SET auth_key = x'0102' WHERE id = 2").run();
    db.close();
    const e = await session(path)
      .load()
      .catch((x: Error) => x);
    expect((e as Error).message).toMatch(
      /damaged session data: auth key for DC 2 must be 256 bytes, got 2/,
    );
  });
});

describe('exclusive use', () => {
  it('refuses a second SqliteSession on the same file in this process, naming file and pid', async () => {
    const path = join(dir, 'one');
    const first = session(path);
    await first.save(sampleSession());
    const sameFile = join(dir, 'sub', '..', 'one.session');
    mkdirSync(join(dir, 'sub'));
    for (const p of [path, sameFile]) {
      const e = errorOf(() => new SqliteSession(p)) as SessionLockedError;
      expect(e).toBeInstanceOf(SessionLockedError);
      expect(e.holderPid).toBe(process.pid);
      expect(e.message).toContain(resolveSessionPath(p));
      expect(e.message).toContain(`this process (pid ${process.pid})`);
      expect(e.message).toMatch(/AUTH_KEY_DUPLICATED/);
    }
    await first.close();
    const second = session(path);
    expect((await second.load())?.equals(sampleSession())).toBe(true);
  });

  it('holds an OS-level lock: another connection cannot even read the file', async () => {
    const s = session(join(dir, 'locked'));
    await s.save(sampleSession());
    const raw = new Database(s.path, { timeout: 0 });
    expect(() => raw.prepare('SELECT count(*) FROM dc').get()).toThrow(/database is locked/);
    raw.close();
    // And the driver-level open of our own class fails the same way when the registry is bypassed.
    const driver = openBetterSqlite3(s.path, { isReadonly: true, busyTimeoutMs: 0 });
    expect(() => driver.prepare('SELECT 1 FROM dc').get()).toThrow(/locked/);
    driver.close();
  });

  it('writes a holder file beside the session and removes it on close', async () => {
    const s = session(join(dir, 'h'));
    expect(JSON.parse(readFileSync(`${s.path}-lock`, 'utf8'))).toEqual({ pid: process.pid });
    expect(statSync(`${s.path}-lock`).mode & 0o777).toBe(0o600);
    await s.close();
    expect(existsSync(`${s.path}-lock`)).toBe(false);
  });
});

describe('saving', () => {
  it('makes every save atomic: a save that fails half-way leaves the previous session', async () => {
    const path = join(dir, 'atomic.session');
    let failOnRun = -1;
    let runs = 0;
    const s = new SqliteSession(path, {
      openDriver: (p, o) => {
        const d = openBetterSqlite3(p, o);
        return {
          ...d,
          prepare: (sql, opts) => {
            const stmt = d.prepare(sql, opts);
            if (!sql.startsWith('INSERT INTO dc')) return stmt;
            return {
              ...stmt,
              run: (...params) => {
                if (++runs === failOnRun) throw new Error('disk on fire');
                stmt.run(...params);
              },
            };
          },
        };
      },
    });
    open.push(s);
    await s.save(sampleSession(1));
    failOnRun = runs + 3;
    await expect(s.save(sampleSession(2))).rejects.toThrow('disk on fire');
    expect((await s.load())?.equals(sampleSession(1))).toBe(true);
  });

  it("'auto' durability fsyncs saves that change keys, DCs or the user, and not pts-only saves", async () => {
    const pragmas: string[] = [];
    const s = new SqliteSession(join(dir, 'sync'), {
      openDriver: (p, o) => {
        const d = openBetterSqlite3(p, o);
        return {
          ...d,
          pragma: (source) => {
            if (source.startsWith('synchronous')) pragmas.push(source);
            return d.pragma(source);
          },
        };
      },
    });
    open.push(s);
    const session = sampleSession(1);
    const saveAndReport = async (): Promise<string[]> => {
      pragmas.length = 0;
      await s.save(session);
      return [...pragmas];
    };
    expect(await saveAndReport()).toEqual([]); // first save: FULL, already set at open
    session.updateState = { pts: 2, qts: 0, date: 0, seq: 0 };
    expect(await saveAndReport()).toEqual(['synchronous = NORMAL']);
    session.channelPts.set(5n, 5);
    expect(await saveAndReport()).toEqual([]);
    session.setAuthKey(3, sampleAuthKey(33));
    expect(await saveAndReport()).toEqual(['synchronous = FULL']);
    session.updateState = { pts: 3, qts: 0, date: 0, seq: 0 };
    expect(await saveAndReport()).toEqual(['synchronous = NORMAL']);
    session.user = { id: 1n, isBot: false };
    expect(await saveAndReport()).toEqual(['synchronous = FULL']);
    expect((await s.load())?.equals(session)).toBe(true);
  });

  it('rejects an invalid session before touching the file', async () => {
    const s = session(join(dir, 'v'));
    await s.save(sampleSession(1));
    const bad = sampleSession(2);
    (bad.dcs.get(1) as { authKey: Uint8Array }).authKey = new Uint8Array(3);
    await expect(s.save(bad)).rejects.toThrow(/auth key for DC 1 must be 256 bytes, got 3/);
    expect((await s.load())?.equals(sampleSession(1))).toBe(true);
  });

  it('delete() wipes the key bytes from the file and its WAL', async () => {
    const s = session(join(dir, 'wipe'));
    await s.save(sampleSession(1));
    await s.save(sampleSession(1));
    await s.delete();
    const needle = Buffer.from(sampleAuthKey(1).subarray(0, 32));
    for (const f of [s.path, `${s.path}-wal`]) {
      if (existsSync(f)) expect(readFileSync(f).includes(needle)).toBe(false);
    }
    expect(await s.load()).toBeUndefined();
  });

  it('can be used with a large number of channels', async () => {
    const s = session(join(dir, 'many'));
    const big = sampleSession();
    for (let i = 1n; i <= 2000n; i++) big.setChannelPts(i * 1_000_003n, Number(i));
    await s.save(big);
    expect((await s.load())?.equals(big)).toBe(true);
  });
});

describe('secrets', () => {
  it('never puts key bytes in errors or printed sessions', async () => {
    const s = session(join(dir, 's'));
    await s.save(sampleSession(1));
    const loaded = await s.load();
    expect(inspect(s)).toBe(`SqliteSession(${s.path}, open)`);
    for (const text of [inspect(loaded), String(loaded), JSON.stringify(loaded), inspect(s)]) {
      expect(text).not.toContain(keyHex(1));
      expect(text).not.toContain(keyHex(2));
    }
    await s.close();
    const errors = [
      await s.load().catch((e: Error) => e),
      errorOf(() => {
        const a = new SqliteSession(join(dir, 's2'));
        open.push(a);
        new SqliteSession(join(dir, 's2'));
      }),
    ];
    expect(errors[0]).toBeInstanceOf(SessionClosedError);
    for (const e of errors) {
      expect(e).toBeInstanceOf(SessionError);
      expect((e as Error).message).not.toContain(keyHex(1));
    }
  });
});
