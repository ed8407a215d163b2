import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  realpathSync,
  statSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  type DcSession,
  Session,
  SessionClosedError,
  type SessionStorage,
  SessionValidationError,
} from '@telets/session-memory';
import { openBetterSqlite3 } from './better-sqlite3-driver.js';
import { isBusyError, type SqliteDriver, type SqliteOpener } from './driver.js';
import { SessionFileError, SessionLockedError, SessionSchemaError } from './errors.js';
import {
  isHeldByThisProcess,
  markHeld,
  markReleased,
  readHolderPid,
  removeHolder,
  writeHolder,
} from './file-lock.js';
import { readSqliteValue } from './row-values.js';
import { APPLICATION_ID, FORMAT_NAME, migrate, SCHEMA_VERSION } from './schema.js';
import { resolveSessionPath } from './session-path.js';
import { readSqliteHeader } from './sqlite-header.js';
import { prepareStatements, type Statements } from './statements.js';
import {
  applyPlan,
  forgetWritten,
  isEmptyPlan,
  planSave,
  type SavePlan,
  type WrittenState,
} from './written-state.js';

export interface SqliteSessionOptions {
  /**
   * Durability of saves. Every mode survives the process being killed.
   * - 'auto' (default): saves that change an auth key, a DC, the user or the home DC are fsynced
   *   (a login survives a power cut); saves that only move the update state are not, so they run
   *   at WAL speed and at worst the latest update state is lost on power loss.
   * - 'full': every save is fsynced. - 'normal': no save is fsynced.
   */
  synchronous?: 'auto' | 'full' | 'normal';
  /** Replaces the SQLite driver (better-sqlite3 by default). */
  openDriver?: SqliteOpener;
}

/** How long the holder waits for a competing opener to let go of its brief shared lock. */
const COMMIT_BUSY_TIMEOUT_MS = 5000;

/**
 * A session kept in a SQLite file. Opening takes an exclusive lock held until `close()` or the
 * death of the process, so a second client on the same file fails at once with
 * SessionLockedError. New files get mode 0600; saves are atomic transactions in WAL mode.
 */
export class SqliteSession implements SessionStorage {
  /** The file actually used ("name" becomes "name.session"). */
  readonly path: string;
  private db: SqliteDriver | undefined;
  private readonly realPath: string;
  private readonly stmts: Statements;
  private readonly synchronous: 'auto' | 'full' | 'normal';
  private isFullSync = true;
  /**
   * What the file holds as of the last committed save, so a save writes only the rows that
   * changed. A true private field, so JSON.stringify and util.inspect never reach
   * the key copies in it.
   */
  #written: WrittenState | undefined;

  constructor(path: string, options: SqliteSessionOptions = {}) {
    this.path = resolveSessionPath(path);
    const absolute = resolve(this.path);
    if (existsSync(absolute)) this.checkExisting(absolute);
    else createOwnerOnlyFile(absolute);
    this.realPath = realpathSync(absolute);
    if (isHeldByThisProcess(this.realPath)) throw new SessionLockedError(this.path, process.pid);

    this.synchronous = options.synchronous ?? 'auto';
    const db = (options.openDriver ?? openBetterSqlite3)(absolute, {
      isReadonly: false,
      busyTimeoutMs: 0,
    });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      this.claim(db);
      // Only now that the file is known to be ours (and locked) is it switched to WAL.
      const mode = db.pragma('journal_mode = WAL');
      if (String(mode).toLowerCase() !== 'wal') {
        throw new SessionFileError('telets-file', this.path, `could not enable WAL (got ${mode})`);
      }
      db.pragma(`synchronous = ${this.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
      this.isFullSync = this.synchronous !== 'normal';
      db.pragma('secure_delete = ON');
      // A write in WAL mode makes the exclusive lock stick for the connection's lifetime.
      db.transaction(() => {
        db.prepare("INSERT OR REPLACE INTO telets_meta (key, value) VALUES ('opened_at', ?)").run(
          new Date().toISOString(),
        );
      });
    } catch (e) {
      db.close();
      if (isBusyError(e)) throw new SessionLockedError(this.path, readHolderPid(absolute));
      throw e;
    }
    if ((statSync(absolute).mode & 0o077) !== 0) chmodSync(absolute, 0o600);
    this.db = db;
    this.stmts = prepareStatements(db);
    markHeld(this.realPath);
    writeHolder(absolute);
  }

  /** Refuses, before opening it as a database, a file that is not SQLite or is from a newer telets. */
  private checkExisting(absolute: string): void {
    const real = realpathSync(absolute);
    if (isHeldByThisProcess(real)) throw new SessionLockedError(this.path, process.pid);
    const header = readSqliteHeader(absolute, 'telets-file');
    if (header.isEmptyFile) return;
    if (header.applicationId === APPLICATION_ID && header.userVersion > SCHEMA_VERSION) {
      throw new SessionSchemaError(this.path, header.userVersion, SCHEMA_VERSION);
    }
    // Opening a WAL database would checkpoint its WAL into it on close: refuse before that.
    if (header.applicationId === 0 && header.isWal) {
      throw new SessionFileError(
        'telets-file',
        this.path,
        'not a telets session file: a SQLite database in WAL mode without telets metadata. ' +
          'The file was not modified.',
      );
    }
    if (header.applicationId !== APPLICATION_ID && header.applicationId !== 0) {
      throw new SessionFileError(
        'telets-file',
        this.path,
        `not a telets session file: it is a SQLite database of another application ` +
          `(application_id 0x${header.applicationId.toString(16)}). The file was not modified.`,
      );
    }
  }

  /** Takes the write lock, then checks, creates or migrates the schema in one transaction. */
  private claim(db: SqliteDriver): void {
    db.transaction(() => {
      db.pragma(`busy_timeout = ${COMMIT_BUSY_TIMEOUT_MS}`);
      const applicationId = Number(db.pragma('application_id'));
      const version = Number(db.pragma('user_version'));
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((r) => String(r.name));
      if (applicationId === APPLICATION_ID) {
        if (version > SCHEMA_VERSION) {
          throw new SessionSchemaError(this.path, version, SCHEMA_VERSION);
        }
        const format = tables.includes('telets_meta')
          ? db.prepare("SELECT value FROM telets_meta WHERE key = 'format'").get()?.value
          : undefined;
        if (format !== FORMAT_NAME || version < 1) {
          throw new SessionFileError(
            'telets-file',
            this.path,
            'damaged: the telets_meta table is missing or does not name the format. The file was not modified.',
          );
        }
        if (version < SCHEMA_VERSION) migrate(db, version);
      } else if (applicationId === 0 && tables.length === 0) {
        migrate(db, 0);
      } else {
        throw new SessionFileError('telets-file', this.path, describeForeign(tables));
      }
    });
  }

  private open(): SqliteDriver {
    if (this.db === undefined) throw new SessionClosedError(`SqliteSession ${this.path}`);
    return this.db;
  }

  get isClosed(): boolean {
    return this.db === undefined;
  }

  async load(): Promise<Session | undefined> {
    const db = this.open();
    const s = this.stmts;
    return db.transaction(() => {
      const row = s.selectSession.get();
      if (row === undefined) return undefined;
      const v = readSqliteValue(this.path);
      try {
        const dcs: DcSession[] = s.selectDcs.all().map((r) => {
          const dc: DcSession = {
            id: v.int(r.id, 'dc.id'),
            ipAddress: v.text(r.ip_address, 'dc.ip_address'),
            port: v.int(r.port, 'dc.port'),
          };
          if (r.ipv6 !== null) dc.ipv6 = v.text(r.ipv6, 'dc.ipv6');
          if (v.int(r.is_test, 'dc.is_test') !== 0) dc.isTest = true;
          if (r.auth_key !== null) dc.authKey = v.blob(r.auth_key, 'dc.auth_key');
          return dc;
        });
        const session = new Session({
          homeDcId: v.int(row.home_dc_id, 'session.home_dc_id'),
          dcs,
          user:
            row.user_id === null
              ? undefined
              : {
                  id: v.bigint(row.user_id, 'session.user_id'),
                  isBot: v.int(row.user_is_bot, 'session.user_is_bot') !== 0,
                },
          updateState:
            row.pts === null
              ? undefined
              : {
                  pts: v.int(row.pts, 'session.pts'),
                  qts: v.int(row.qts, 'session.qts'),
                  date: v.int(row.date, 'session.date'),
                  seq: v.int(row.seq, 'session.seq'),
                },
          channelPts: s.selectChannels
            .all()
            .map(
              (r) =>
                [
                  v.bigint(r.channel_id, 'channel_state.channel_id'),
                  v.int(r.pts, 'channel_state.pts'),
                ] as const,
            ),
        });
        return session;
      } catch (e) {
        if (e instanceof SessionValidationError) {
          throw new SessionFileError(
            'telets-file',
            this.path,
            `damaged session data: ${e.message}`,
          );
        }
        throw e;
      }
    });
  }

  /**
   * Writes, in one transaction, only the rows that differ from what the last save committed (the
   * first save after opening, and the first after a failed save, rewrite everything).
   */
  async save(session: Session): Promise<void> {
    const db = this.open();
    session.validate();
    const plan = planSave(session, this.#written);
    if (isEmptyPlan(plan)) return;
    try {
      if (this.synchronous === 'auto') this.setFullSync(db, plan.isLoginChange);
      db.transaction(() => this.writePlan(session, plan));
      this.#written = applyPlan(this.#written, session, plan);
    } catch (e) {
      // The transaction rolled back (or its outcome is unknown): rewrite everything next time.
      this.forgetWritten();
      throw e;
    }
  }

  private writePlan(session: Session, plan: SavePlan): void {
    const s = this.stmts;
    if (plan.isFullRewrite) {
      s.deleteDcs.run();
      s.deleteChannels.run();
    }
    for (const id of plan.dcDeletes) s.deleteDc.run(id);
    for (const dc of plan.dcWrites) {
      s.upsertDc.run(
        dc.id,
        dc.ipAddress,
        dc.ipv6 ?? null,
        dc.port,
        dc.isTest ? 1 : 0,
        dc.authKey ?? null,
      );
    }
    const st = session.updateState;
    if (plan.sessionRow === 'all') {
      s.upsertSession.run(
        session.homeDcId,
        session.user?.id ?? null,
        session.user ? (session.user.isBot ? 1 : 0) : null,
        st?.pts ?? null,
        st?.qts ?? null,
        st?.date ?? null,
        st?.seq ?? null,
      );
    } else if (plan.sessionRow === 'state') {
      s.updateState.run(st?.pts ?? null, st?.qts ?? null, st?.date ?? null, st?.seq ?? null);
    }
    for (const id of plan.channelDeletes) s.deleteChannel.run(id);
    for (const [id, pts] of plan.channelWrites) s.upsertChannel.run(id, pts);
  }

  private forgetWritten(): void {
    forgetWritten(this.#written);
    this.#written = undefined;
  }

  private setFullSync(db: SqliteDriver, isFull: boolean): void {
    if (isFull === this.isFullSync) return;
    db.pragma(`synchronous = ${isFull ? 'FULL' : 'NORMAL'}`);
    this.isFullSync = isFull;
  }

  /** Erases the stored session (key bytes are overwritten on disk); the file stays open. */
  async delete(): Promise<void> {
    const db = this.open();
    const s = this.stmts;
    if (this.synchronous === 'auto') this.setFullSync(db, true);
    this.forgetWritten();
    db.transaction(() => {
      s.deleteDcs.run();
      s.deleteSession.run();
      s.deleteChannels.run();
    });
    // Old page images in the WAL may still hold the key: copy back and empty the WAL now.
    db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    const db = this.db;
    if (db === undefined) return;
    this.db = undefined;
    this.forgetWritten();
    try {
      db.close();
    } finally {
      removeHolder(resolve(this.path));
      markReleased(this.realPath);
    }
  }
}

Object.defineProperty(SqliteSession.prototype, Symbol.for('nodejs.util.inspect.custom'), {
  value: function inspect(this: SqliteSession): string {
    return `SqliteSession(${this.path}, ${this.isClosed ? 'closed' : 'open'})`;
  },
});

function createOwnerOnlyFile(absolute: string): void {
  mkdirSync(dirname(absolute), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(absolute, 'wx', 0o600));
  } catch (e) {
    // Another opener created it first; the lock decides which of us gets it.
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

function describeForeign(tables: string[]): string {
  const has = (...names: string[]) => names.every((n) => tables.includes(n));
  if (has('version', 'sessions')) {
    return 'this is a Telethon v1 session file, not a telets one; read it with importTelethonSessionFile() and save it to a new file. The file was not modified.';
  }
  if (has('version', 'datacenter')) {
    return 'this is a Telethon v2 session file, not a telets one; read it with importTelethonSessionFile() and save it to a new file. The file was not modified.';
  }
  return `not a telets session file: a SQLite database with ${tables.length} other table(s) and no telets metadata. The file was not modified.`;
}
