import type { SqliteDriver, SqlStatement } from './driver.js';

/** Every statement SqliteSession runs after opening, prepared once. */
export interface Statements {
  deleteDcs: SqlStatement;
  deleteDc: SqlStatement;
  upsertDc: SqlStatement;
  upsertSession: SqlStatement;
  updateState: SqlStatement;
  deleteSession: SqlStatement;
  deleteChannels: SqlStatement;
  deleteChannel: SqlStatement;
  upsertChannel: SqlStatement;
  selectSession: SqlStatement;
  selectDcs: SqlStatement;
  selectChannels: SqlStatement;
}

export function prepareStatements(db: SqliteDriver): Statements {
  return {
    deleteDcs: db.prepare('DELETE FROM dc'),
    deleteDc: db.prepare('DELETE FROM dc WHERE id = ?'),
    upsertDc: db.prepare(
      `INSERT INTO dc (id, ip_address, ipv6, port, is_test, auth_key) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET ip_address = excluded.ip_address, ipv6 = excluded.ipv6,
         port = excluded.port, is_test = excluded.is_test, auth_key = excluded.auth_key`,
    ),
    upsertSession: db.prepare(
      `INSERT OR REPLACE INTO session (id, home_dc_id, user_id, user_is_bot, pts, qts, date, seq)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // Only used once a save has committed the session row, which therefore exists.
    updateState: db.prepare('UPDATE session SET pts = ?, qts = ?, date = ?, seq = ? WHERE id = 1'),
    deleteSession: db.prepare('DELETE FROM session'),
    deleteChannels: db.prepare('DELETE FROM channel_state'),
    deleteChannel: db.prepare('DELETE FROM channel_state WHERE channel_id = ?'),
    upsertChannel: db.prepare(
      'INSERT OR REPLACE INTO channel_state (channel_id, pts) VALUES (?, ?)',
    ),
    selectSession: db.prepare('SELECT * FROM session WHERE id = 1', { bigints: true }),
    selectDcs: db.prepare('SELECT * FROM dc ORDER BY id', { bigints: true }),
    selectChannels: db.prepare('SELECT * FROM channel_state', { bigints: true }),
  };
}
