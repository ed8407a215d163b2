import { closeSync, openSync, readSync } from 'node:fs';
import type { SessionFormat } from '@telets/session-memory';
import { SessionFileError } from './errors.js';

// The first 100 bytes of every SQLite file (https://www.sqlite.org/fileformat.html#the_database_header).
const MAGIC = 'SQLite format 3\0';

export interface SqliteHeader {
  /** 0 bytes: SQLite treats it as a new, empty database. */
  isEmptyFile: boolean;
  /** Offset 60. */
  userVersion: number;
  /** Offset 68. */
  applicationId: number;
  /** Offsets 18/19: 2 when the file is in WAL mode. */
  isWal: boolean;
}

/** Reads and checks the header without opening the file as a database (which could change it). */
export function readSqliteHeader(path: string, format: SessionFormat): SqliteHeader {
  const fd = openSync(path, 'r');
  const buf = new Uint8Array(100);
  let n: number;
  try {
    n = readSync(fd, buf, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (n === 0) return { isEmptyFile: true, userVersion: 0, applicationId: 0, isWal: false };
  const magic = new TextDecoder('latin1').decode(buf.subarray(0, 16));
  if (n < 100 || magic !== MAGIC) {
    throw new SessionFileError(
      format,
      path,
      `not a SQLite database: expected the 16-byte header "SQLite format 3\\0", found ${
        n < 16 ? `only ${n} byte(s)` : 'other bytes'
      }. The file was not modified.`,
    );
  }
  const view = new DataView(buf.buffer);
  return {
    isEmptyFile: false,
    userVersion: view.getUint32(60),
    applicationId: view.getUint32(68),
    isWal: buf[18] === 2 && buf[19] === 2,
  };
}
