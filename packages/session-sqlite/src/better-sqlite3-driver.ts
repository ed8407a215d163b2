import Database from 'better-sqlite3';
import type { DriverOpenOptions, SqliteDriver, SqlRow, SqlStatement, SqlValue } from './driver.js';

// better-sqlite3 hands out Buffers; sessions hold plain Uint8Arrays (copies, never views).
function plain(row: unknown): SqlRow {
  const out: SqlRow = {};
  for (const [k, v] of Object.entries(row as Record<string, unknown>)) {
    out[k] = v instanceof Uint8Array ? new Uint8Array(v) : (v as SqlValue);
  }
  return out;
}

/** Opens a database with better-sqlite3 12 behind the SqliteDriver interface. */
export function openBetterSqlite3(path: string, options: DriverOpenOptions): SqliteDriver {
  const db = new Database(path, {
    readonly: options.isReadonly,
    fileMustExist: true,
    timeout: options.busyTimeoutMs,
  });
  // One wrapper for the connection's life: better-sqlite3 builds four closures per
  // db.transaction() call, a measurable share of a small save.
  const inTransaction = db.transaction((fn: () => unknown) => fn());
  return {
    exec: (sql) => {
      db.exec(sql);
    },
    prepare: (sql, prepareOptions): SqlStatement => {
      const stmt = db.prepare(sql);
      const isReader = stmt.reader;
      if (prepareOptions?.bigints && isReader) stmt.safeIntegers(true);
      return {
        run: (...params) => {
          stmt.run(...params);
        },
        get: (...params) => {
          const row = stmt.get(...params);
          return row === undefined ? undefined : plain(row);
        },
        all: (...params) => stmt.all(...params).map(plain),
      };
    },
    pragma: (source) => db.pragma(source, { simple: true }) as SqlValue | undefined,
    transaction: <T>(fn: () => T): T => inTransaction.immediate(fn) as T,
    close: () => {
      db.close();
    },
  };
}
