import { encodeStringSession, MemorySession, Session } from '@telets/session-memory';
import { describe, expect, it } from 'vitest';
import { InvalidSessionArgumentError } from './errors.js';
import { looksLikeStringSession, sessionSourceOf } from './session-source.js';

describe('the session argument', () => {
  it('a storage object is used as it is, and not owned', async () => {
    const storage = new MemorySession();
    const source = sessionSourceOf(storage);
    expect(source.isOwned).toBe(false);
    expect(await source.open()).toBe(storage);
  });

  it('a telets string session is decoded into an owned memory storage', async () => {
    const session = new Session({ homeDcId: 4, user: { id: 9n, isBot: true } });
    const text = encodeStringSession(session);
    expect(looksLikeStringSession(text)).toBe(true);
    const source = sessionSourceOf(text);
    expect(source.isOwned).toBe(true);
    const loaded = await (await source.open()).load();
    expect(loaded?.equals(session)).toBe(true);
  });

  it('anything else that is a string is a path', () => {
    for (const path of ['name', 'dir/name', 'telets1.session', './x.db', 'telets1.short']) {
      expect(looksLikeStringSession(path)).toBe(false);
      expect(sessionSourceOf(path).description).toBe('SQLite session file');
    }
  });

  it('the wrong kinds are refused in plain words', () => {
    expect(() => sessionSourceOf(3)).toThrow(
      /file path, a string session or a SessionStorage, got number/,
    );
    expect(() => sessionSourceOf('')).toThrow(InvalidSessionArgumentError);
    expect(() => sessionSourceOf(null)).toThrow(/got null/);
  });
});
