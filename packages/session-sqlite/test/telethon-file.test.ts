import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleAuthKey } from '@telets/session-memory/testing';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importTelethonSessionFile, SessionFileError, SqliteSession } from '../src/index.js';
import { errorOf, fingerprint, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

// The exact table definitions of Telethon v1 (telethon/sessions/sqlite.py, CURRENT_VERSION = 7).
function writeTelethonV1(path: string, rows: { key: Buffer; address?: string }): void {
  const db = new Database(path);
  db.exec(`
    create table version (version integer primary key);
    create table sessions (
      dc_id integer primary key,
      server_address text,
      port integer,
      auth_key blob,
      takeout_id integer
    );
    create table entities (
      id integer primary key,
      hash integer not null,
      username text,
      phone integer,
      name text,
      date integer
    );
    create table sent_files (
      md5_digest blob,
      file_size integer,
      type integer,
      id integer,
      hash integer,
      primary key(md5_digest, file_size, type)
    );
    create table update_state (
      id integer primary key,
      pts integer,
      qts integer,
      date integer,
      seq integer
    );
  `);
  db.prepare('insert into version values (?)').run(7);
  db.prepare('insert or replace into sessions values (?,?,?,?,?)').run(
    2,
    rows.address ?? '149.154.167.51',
    443,
    rows.key,
    null,
  );
  db.prepare('insert or replace into entities values (?,?,?,?,?,?)').run(
    777,
    -5,
    'durov',
    null,
    'Pavel',
    1700000000,
  );
  // Telethon v1 stores the date as state.date.timestamp(), a float.
  db.prepare('insert or replace into update_state values (?,?,?,?,?)').run(
    0,
    4321,
    12,
    1700000123.0,
    99,
  );
  db.prepare('insert or replace into update_state values (?,?,?,?,?)').run(
    1234567890,
    555,
    0,
    1700000000.5,
    0,
  );
  db.close();
}

// The exact table definitions of Telethon v2 (client/src/telethon/_impl/session/storage/sqlite.py).
function writeTelethonV2(path: string, withUser: boolean): void {
  const db = new Database(path);
  db.exec(`
    create table version (version integer primary key);
    create table datacenter(id integer primary key, addr text not null, auth blob);
    create table user(id integer primary key, dc integer not null, bot integer not null);
    create table state(pts integer not null, qts integer not null, date integer not null, seq integer not null);
    create table channelstate(id integer primary key, pts integer not null);
  `);
  db.prepare('insert into version values (?)').run(10);
  const insertDc = db.prepare('insert into datacenter values (?, ?, ?)');
  insertDc.run(1, '149.154.175.53:443', null);
  insertDc.run(4, '149.154.167.91:443', Buffer.from(sampleAuthKey(4)));
  insertDc.run(5, '[2001:b28:f23f:f005::a]:443', Buffer.from(sampleAuthKey(5)));
  if (withUser) db.prepare('insert into user values (?, ?, ?)').run(9_007_199_254_740_993n, 4, 1);
  db.prepare('insert into state values (?, ?, ?, ?)').run(100, 200, 1_700_000_000, 300);
  db.prepare('insert into channelstate values (?, ?)').run(1_000_000_000_001n, 42);
  db.close();
}

describe('importTelethonSessionFile', () => {
  it('reads a Telethon v1 (version 7) file without modifying it', () => {
    const path = join(dir, 'v1.session');
    writeTelethonV1(path, { key: Buffer.from(sampleAuthKey(1)) });
    const before = fingerprint(path);
    const s = importTelethonSessionFile(join(dir, 'v1'));
    expect(fingerprint(path)).toBe(before);
    expect(s.homeDcId).toBe(2);
    expect(s.homeDc).toEqual({
      id: 2,
      ipAddress: '149.154.167.51',
      port: 443,
      authKey: sampleAuthKey(1),
    });
    expect(s.updateState).toEqual({ pts: 4321, qts: 12, date: 1700000123, seq: 99 });
    expect([...s.channelPts]).toEqual([[1234567890n, 555]]);
    expect(s.user).toBeUndefined();
  });

  it('treats an empty v1 auth_key as no key', () => {
    const path = join(dir, 'nokey.session');
    writeTelethonV1(path, { key: Buffer.alloc(0), address: '2001:67c:4e8:f002::a' });
    const s = importTelethonSessionFile(path, { isTest: true });
    expect(s.homeDc).toEqual({ id: 2, ipAddress: '2001:67c:4e8:f002::a', port: 443, isTest: true });
  });

  it('reads an older Telethon v1 layout (version 3: no takeout_id, no update_state)', () => {
    const path = join(dir, 'v1old.session');
    const db = new Database(path);
    db.exec(`
      create table version (version integer primary key);
      create table sessions (dc_id integer primary key, server_address text, port integer, auth_key blob);
      create table entities (id integer primary key, hash integer not null, username text, phone integer, name text);
    `);
    db.prepare('insert into version values (3)').run();
    db.prepare('insert into sessions values (?,?,?,?)').run(
      4,
      '149.154.167.91',
      443,
      Buffer.from(sampleAuthKey(3)),
    );
    db.close();
    const s = importTelethonSessionFile(path);
    expect(s.homeDc).toEqual({
      id: 4,
      ipAddress: '149.154.167.91',
      port: 443,
      authKey: sampleAuthKey(3),
    });
    expect(s.updateState).toBeUndefined();
  });

  it('reads a Telethon v2 (version 10) file without modifying it', () => {
    const path = join(dir, 'v2.session');
    writeTelethonV2(path, true);
    const before = fingerprint(path);
    const s = importTelethonSessionFile(path);
    expect(fingerprint(path)).toBe(before);
    expect(s.homeDcId).toBe(4);
    expect(s.user).toEqual({ id: 9_007_199_254_740_993n, isBot: true });
    expect(s.getDc(1)).toEqual({ id: 1, ipAddress: '149.154.175.53', port: 443 });
    expect(s.getDc(4)?.authKey).toEqual(sampleAuthKey(4));
    expect(s.getDc(5)?.ipAddress).toBe('2001:b28:f23f:f005::a');
    expect(s.updateState).toEqual({ pts: 100, qts: 200, date: 1_700_000_000, seq: 300 });
    expect(s.channelPts.get(1_000_000_000_001n)).toBe(42);
  });

  it('takes the first DC with a key as home when a v2 file has no user', () => {
    const path = join(dir, 'v2nouser.session');
    writeTelethonV2(path, false);
    expect(importTelethonSessionFile(path).homeDcId).toBe(4);
  });

  it('imports into a SqliteSession that round-trips it', async () => {
    const path = join(dir, 'v2.session');
    writeTelethonV2(path, true);
    const imported = importTelethonSessionFile(path);
    const target = new SqliteSession(join(dir, 'converted'));
    await target.save(imported);
    expect((await target.load())?.equals(imported)).toBe(true);
    await target.close();
  });

  it('names the format and the problem', () => {
    const notDb = join(dir, 'x.session');
    writeFileSync(notDb, 'hello world, this is not sqlite at all. '.repeat(4));
    const e1 = errorOf(() => importTelethonSessionFile(notDb)) as SessionFileError;
    expect(e1).toBeInstanceOf(SessionFileError);
    expect(e1.format).toBe('telethon-file');
    expect(e1.message).toMatch(/not a SQLite database/);

    const noVersion = join(dir, 'nv.session');
    const db = new Database(noVersion);
    db.exec('create table notes (x)');
    db.close();
    expect(errorOf(() => importTelethonSessionFile(noVersion)).message).toMatch(
      /not a Telethon session file: expected a "version" table, found tables \[notes\]/,
    );

    const v9 = join(dir, 'v9.session');
    const db9 = new Database(v9);
    db9.exec('create table version (version integer primary key); insert into version values (9)');
    db9.close();
    expect(errorOf(() => importTelethonSessionFile(v9)).message).toMatch(
      /unsupported Telethon session version: expected 1-7 \(Telethon v1\) or 10 \(Telethon v2\), found 9/,
    );

    expect(errorOf(() => importTelethonSessionFile(join(dir, 'missing'))).message).toBe(
      `${join(dir, 'missing.session')}: no such file`,
    );
  });

  it('reports a bad key length without showing the key', () => {
    const path = join(dir, 'short.session');
    writeTelethonV1(path, { key: Buffer.from(sampleAuthKey(1).subarray(0, 100)) });
    const e = errorOf(() => importTelethonSessionFile(path));
    expect(e.message).toMatch(/invalid session data: auth key for DC 2 must be 256 bytes, got 100/);
    expect(e.message).not.toContain(Buffer.from(sampleAuthKey(1)).toString('hex').slice(0, 16));
  });
});
