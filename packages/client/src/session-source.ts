import {
  decodeStringSession,
  MemorySession,
  type Session,
  type SessionStorage,
} from '@telets/session-memory';
import { SqliteSession } from '@telets/session-sqlite';
import { InvalidSessionArgumentError } from './errors.js';

/** What `new Client(session, ...)` accepts as its first argument. */
export type SessionInput = string | SessionStorage;

/** How the client gets at its storage; opening is deferred to connect() so constructing is I/O-free. */
export interface SessionSource {
  open(): Promise<SessionStorage>;
  /** True when the client created the storage and therefore closes it on disconnect. */
  readonly isOwned: boolean;
  /** For log lines: the kind of storage, never its content. */
  readonly description: string;
}

const STRING_SESSION = /^telets\d+\.[A-Za-z0-9_-]{16,}$/;

export function isStorage(value: unknown): value is SessionStorage {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return ['load', 'save', 'delete', 'close'].every((m) => typeof s[m] === 'function');
}

/** A string that is a telets string session rather than a file path. */
export function looksLikeStringSession(value: string): boolean {
  return STRING_SESSION.test(value.trim());
}

export function sessionSourceOf(input: unknown): SessionSource {
  if (isStorage(input)) {
    return { open: async () => input, isOwned: false, description: 'custom storage' };
  }
  if (typeof input === 'string') {
    if (input.trim().length === 0) {
      throw new InvalidSessionArgumentError(
        'the session must be a file path, a string session or a SessionStorage, got an empty string',
      );
    }
    if (looksLikeStringSession(input)) {
      // Decode now: a malformed string session is an input error, reported before any I/O.
      const session: Session = decodeStringSession(input);
      return {
        open: async () => {
          const storage = new MemorySession();
          await storage.save(session);
          return storage;
        },
        isOwned: true,
        description: 'string session',
      };
    }
    return {
      open: async () => new SqliteSession(input),
      isOwned: true,
      description: 'SQLite session file',
    };
  }
  throw new InvalidSessionArgumentError(
    `the session must be a file path, a string session or a SessionStorage, got ${
      input === null ? 'null' : typeof input
    }`,
  );
}
