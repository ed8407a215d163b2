import { existsSync } from 'node:fs';
import {
  type DcSession,
  type ImportOptions,
  Session,
  SessionValidationError,
  type UpdateState,
} from '@telets/session-memory';
import { openBetterSqlite3 } from './better-sqlite3-driver.js';
import type { SqliteDriver, SqliteOpener, SqlRow } from './driver.js';
import { SessionFileError } from './errors.js';
import { readSqliteValue } from './row-values.js';
import { resolveSessionPath } from './session-path.js';
import { readSqliteHeader } from './sqlite-header.js';

export interface TelethonImportOptions extends ImportOptions {
  /** Replaces the SQLite driver (better-sqlite3 by default). */
  openDriver?: SqliteOpener;
}

/**
 * Reads a Telethon session file into a Session without modifying it (it is opened read-only):
 * the v1 layout (version 1-7: `sessions`, `update_state`, ...) and the v2 layout (version 10:
 * `datacenter`, `user`, `state`, `channelstate`). "name" is read as "name.session", as Telethon does.
 */
export function importTelethonSessionFile(
  path: string,
  options: TelethonImportOptions = {},
): Session {
  const file = resolveSessionPath(path);
  const fail = (problem: string): never => {
    throw new SessionFileError('telethon-file', file, problem);
  };
  if (!existsSync(file)) fail('no such file');
  const header = readSqliteHeader(file, 'telethon-file');
  if (header.isEmptyFile) fail('the file is empty, not a Telethon session');
  const db = (options.openDriver ?? openBetterSqlite3)(file, {
    isReadonly: true,
    busyTimeoutMs: 2000,
  });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => String(r.name));
    if (!tables.includes('version')) {
      fail(
        `not a Telethon session file: expected a "version" table, found tables [${tables.join(', ')}]`,
      );
    }
    const version = db.prepare('SELECT version FROM version').get()?.version;
    const v = typeof version === 'bigint' ? Number(version) : version;
    if (v === 10) return readV2(db, file, options);
    if (typeof v === 'number' && v >= 1 && v <= 7 && tables.includes('sessions')) {
      return readV1(db, file, tables, options);
    }
    return fail(
      `unsupported Telethon session version: expected 1-7 (Telethon v1) or 10 (Telethon v2), found ${String(v)}`,
    );
  } catch (e) {
    if (e instanceof SessionValidationError) fail(`invalid session data: ${e.message}`);
    throw e;
  } finally {
    db.close();
  }
}

function dcFrom(
  id: number,
  ipAddress: string,
  port: number,
  key: unknown,
  isTest: boolean,
): DcSession {
  const dc: DcSession = { id, ipAddress, port };
  if (isTest) dc.isTest = true;
  // Telethon stores b'' (or NULL) when it has no key.
  if (key instanceof Uint8Array && key.length > 0) dc.authKey = key;
  return dc;
}

function readV1(db: SqliteDriver, file: string, tables: string[], options: ImportOptions): Session {
  const v = readSqliteValue(file);
  const rows = db.prepare('SELECT dc_id, server_address, port, auth_key FROM sessions').all();
  if (rows.length === 0) {
    throw new SessionFileError('telethon-file', file, 'the Telethon v1 "sessions" table is empty');
  }
  const dcs = rows.map((r) =>
    dcFrom(
      v.int(r.dc_id, 'sessions.dc_id'),
      v.text(r.server_address, 'sessions.server_address'),
      v.int(r.port, 'sessions.port'),
      r.auth_key,
      options.isTest === true,
    ),
  );
  let updateState: UpdateState | undefined;
  const channelPts: [bigint, number][] = [];
  if (tables.includes('update_state')) {
    for (const r of db
      .prepare('SELECT id, pts, qts, date, seq FROM update_state', { bigints: true })
      .all()) {
      const id = v.bigint(r.id, 'update_state.id');
      if (id === 0n) updateState = stateFrom(r, v, 'update_state');
      else channelPts.push([id, v.int(r.pts, 'update_state.pts')]);
    }
  }
  return new Session({ homeDcId: dcs[0].id, dcs, updateState, channelPts });
}

function readV2(db: SqliteDriver, file: string, options: ImportOptions): Session {
  const v = readSqliteValue(file);
  const dcs = db
    .prepare('SELECT id, addr, auth FROM datacenter')
    .all()
    .map((r) => {
      const id = v.int(r.id, 'datacenter.id');
      const { host, port } = splitAddr(v.text(r.addr, 'datacenter.addr'), file);
      return dcFrom(id, host, port, r.auth, options.isTest === true);
    });
  const userRow = db.prepare('SELECT id, dc, bot FROM user', { bigints: true }).get();
  const stateRow = db.prepare('SELECT pts, qts, date, seq FROM state', { bigints: true }).get();
  const channels = db.prepare('SELECT id, pts FROM channelstate', { bigints: true }).all();
  const homeDcId = userRow
    ? v.int(userRow.dc, 'user.dc')
    : (dcs.find((dc) => dc.authKey)?.id ?? dcs[0]?.id);
  if (homeDcId === undefined) {
    throw new SessionFileError(
      'telethon-file',
      file,
      'the Telethon v2 "datacenter" table is empty',
    );
  }
  return new Session({
    homeDcId,
    dcs,
    user: userRow
      ? { id: v.bigint(userRow.id, 'user.id'), isBot: v.int(userRow.bot, 'user.bot') !== 0 }
      : undefined,
    updateState: stateRow ? stateFrom(stateRow, v, 'state') : undefined,
    channelPts: channels.map(
      (r) => [v.bigint(r.id, 'channelstate.id'), v.int(r.pts, 'channelstate.pts')] as const,
    ),
  });
}

function stateFrom(r: SqlRow, v: ReturnType<typeof readSqliteValue>, table: string): UpdateState {
  // Telethon v1 stores the date as a float timestamp.
  const date = typeof r.date === 'number' ? Math.trunc(r.date) : r.date;
  return {
    pts: v.int(r.pts, `${table}.pts`),
    qts: v.int(r.qts, `${table}.qts`),
    date: v.int(date, `${table}.date`),
    seq: v.int(r.seq, `${table}.seq`),
  };
}

/** "149.154.167.51:443" or "[2001:b28:f23d:f001::a]:443" (Telethon v2 `DataCenter.addr`). */
function splitAddr(addr: string, file: string): { host: string; port: number } {
  const at = addr.lastIndexOf(':');
  const port = Number(addr.slice(at + 1));
  let host = addr.slice(0, at);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (at <= 0 || !Number.isInteger(port) || host.length === 0) {
    throw new SessionFileError(
      'telethon-file',
      file,
      `invalid datacenter.addr: expected "host:port", found "${addr}"`,
    );
  }
  return { host, port };
}
