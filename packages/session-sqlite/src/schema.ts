import type { SqliteDriver } from './driver.js';

/** PRAGMA application_id of telets session files: "TLTS". Lets us recognise ours from the header. */
export const APPLICATION_ID = 0x544c5453;
export const FORMAT_NAME = 'telets-session';

export interface Migration {
  /** The schema version this migration produces. */
  version: number;
  statements: string[];
}

// Append only: a released migration is never edited, so every old file upgrades the same way.
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: [
      'CREATE TABLE telets_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID',
      `CREATE TABLE session (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        home_dc_id INTEGER NOT NULL,
        user_id INTEGER,
        user_is_bot INTEGER,
        pts INTEGER, qts INTEGER, date INTEGER, seq INTEGER
      )`,
      `CREATE TABLE dc (
        id INTEGER PRIMARY KEY,
        ip_address TEXT NOT NULL,
        ipv6 TEXT,
        port INTEGER NOT NULL,
        is_test INTEGER NOT NULL DEFAULT 0,
        auth_key BLOB
      )`,
    ],
  },
  {
    // Version 2 keeps per-channel pts for gap recovery of channel updates.
    version: 2,
    statements: [
      'CREATE TABLE channel_state (channel_id INTEGER PRIMARY KEY, pts INTEGER NOT NULL) WITHOUT ROWID',
    ],
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Brings a database from `fromVersion` to SCHEMA_VERSION; the caller runs it in a transaction. */
export function migrate(db: SqliteDriver, fromVersion: number): void {
  for (const m of MIGRATIONS) {
    if (m.version <= fromVersion) continue;
    for (const sql of m.statements) db.exec(sql);
  }
  if (fromVersion === 0) {
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.prepare('INSERT INTO telets_meta (key, value) VALUES (?, ?)').run('format', FORMAT_NAME);
  }
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}
