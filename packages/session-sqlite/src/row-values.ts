import type { SqlValue } from './driver.js';
import { SessionFileError } from './errors.js';

/** Typed readers for stored columns; a wrong type means the file was damaged or edited by hand. */
export function readSqliteValue(path: string): {
  int(v: SqlValue | undefined, column: string): number;
  bigint(v: SqlValue | undefined, column: string): bigint;
  text(v: SqlValue | undefined, column: string): string;
  blob(v: SqlValue | undefined, column: string): Uint8Array;
} {
  const bad = (column: string, expected: string, v: unknown): never => {
    const found =
      v === null || v === undefined ? 'NULL' : v instanceof Uint8Array ? 'a blob' : typeof v;
    throw new SessionFileError(
      'telets-file',
      path,
      `damaged session data: ${column} should be ${expected}, found ${found}`,
    );
  };
  return {
    int(v, column) {
      if (
        typeof v === 'bigint' &&
        v >= BigInt(Number.MIN_SAFE_INTEGER) &&
        v <= BigInt(Number.MAX_SAFE_INTEGER)
      ) {
        return Number(v);
      }
      if (typeof v === 'number' && Number.isInteger(v)) return v;
      return bad(column, 'an integer', v);
    },
    bigint(v, column) {
      if (typeof v === 'bigint') return v;
      if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
      return bad(column, 'an integer', v);
    },
    text(v, column) {
      return typeof v === 'string' ? v : bad(column, 'text', v);
    },
    blob(v, column) {
      return v instanceof Uint8Array ? v : bad(column, 'a blob', v);
    },
  };
}
