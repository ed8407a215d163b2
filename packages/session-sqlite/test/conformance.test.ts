import { join } from 'node:path';
import { runSessionStorageConformance } from '@telets/session-memory/testing';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteSession } from '../src/index.js';
import { tempDir } from './helpers.js';

runSessionStorageConformance(
  'SqliteSession',
  { describe, it, expect },
  {
    isPersistent: true,
    canCorrupt: true,
    create: () => {
      const { dir, cleanup } = tempDir();
      const path = join(dir, 'conformance.session');
      return {
        open: () => new SqliteSession(path),
        corrupt: () => {
          const db = new Database(path);
          db.prepare("UPDATE dc SET auth_key = x'0102'").run();
          db.close();
        },
        cleanup,
      };
    },
  },
);
