import { describe, expect, it } from 'vitest';
import { SessionFormatError } from './errors.js';
import { MemorySession } from './memory-session.js';
import { encodeStringSession } from './string-session.js';
import { runSessionStorageConformance } from './testing/conformance.js';
import { sampleSession } from './testing/sample.js';

runSessionStorageConformance(
  'MemorySession',
  { describe, it, expect },
  {
    isPersistent: false,
    canCorrupt: true,
    create: () => {
      let corrupted = false;
      return {
        open: () =>
          corrupted ? new MemorySession('telets1.AAAACAEAAAIAAAAA0000') : new MemorySession(),
        corrupt: () => {
          corrupted = true;
        },
      };
    },
  },
);

describe('MemorySession', () => {
  it('starts from a Session or a string session', async () => {
    const s = sampleSession();
    expect((await new MemorySession(s).load())?.equals(s)).toBe(true);
    const fromString = new MemorySession(encodeStringSession(s));
    expect((await fromString.load())?.equals(s)).toBe(true);
    expect(fromString.toStringSession()).toBe(encodeStringSession(s));
  });

  it('reports a bad string session on load, not earlier', async () => {
    const m = new MemorySession('not a session');
    await expect(m.load()).rejects.toThrow(SessionFormatError);
    await expect(m.load()).rejects.toThrow(/expected it to start with "telets1\."/);
  });
});
