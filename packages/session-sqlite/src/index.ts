export { openBetterSqlite3 } from './better-sqlite3-driver.js';
export type {
  DriverOpenOptions,
  SqliteDriver,
  SqliteOpener,
  SqlRow,
  SqlStatement,
  SqlValue,
} from './driver.js';
export { SessionFileError, SessionLockedError, SessionSchemaError } from './errors.js';
export { SCHEMA_VERSION } from './schema.js';
export { resolveSessionPath, SESSION_EXTENSION } from './session-path.js';
export { SqliteSession, type SqliteSessionOptions } from './sqlite-session.js';
export { importTelethonSessionFile, type TelethonImportOptions } from './telethon-file.js';
