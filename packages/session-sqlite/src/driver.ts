// The small surface SqliteSession needs from a SQLite driver, so that better-sqlite3 can be
// replaced (node:sqlite on Node 22+, a WASM build in browsers) without touching the session code.

export type SqlValue = number | bigint | string | Uint8Array | null;
export type SqlRow = Record<string, SqlValue>;

export interface SqlStatement {
  run(...params: SqlValue[]): void;
  get(...params: SqlValue[]): SqlRow | undefined;
  all(...params: SqlValue[]): SqlRow[];
}

export interface SqliteDriver {
  exec(sql: string): void;
  /** `bigints` returns every integer column as a bigint (for 64-bit ids). */
  prepare(sql: string, options?: { bigints?: boolean }): SqlStatement;
  /** Runs `PRAGMA <source>` and returns the first column of the first row. */
  pragma(source: string): SqlValue | undefined;
  /** Runs `fn` in a transaction (BEGIN IMMEDIATE), committing or rolling back. */
  transaction<T>(fn: () => T): T;
  close(): void;
}

export interface DriverOpenOptions {
  isReadonly: boolean;
  /** How long to wait for another connection's lock before SQLITE_BUSY. */
  busyTimeoutMs: number;
}

export type SqliteOpener = (path: string, options: DriverOpenOptions) => SqliteDriver;

/** Whether an error means the database is locked by someone else. */
export function isBusyError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_BUSY_RECOVERY';
}
