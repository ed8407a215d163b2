import { SessionClosedError, SessionError } from '../errors.js';
import { AUTH_KEY_BYTES, Session } from '../session.js';
import type { SessionStorage } from '../storage.js';
import { sampleAuthKey, sampleSession } from './sample.js';

/** The few matchers the suite uses; vitest's and Jest's `expect` both fit. */
export interface ExpectMatchers {
  toEqual(expected: unknown): void;
  toBe(expected: unknown): void;
  toBeUndefined(): void;
}
export type ExpectLike = (actual: unknown) => ExpectMatchers;

/** Your test framework's functions, so this package does not depend on one. */
export interface ConformanceApi {
  describe: (name: string, fn: () => void) => void;
  it: (name: string, fn: () => Promise<void>) => void;
  expect: ExpectLike;
}

/** One fresh backing store (an empty file, table, bucket...) per test. */
export interface StorageUnderTest {
  /** Opens a storage on this store. Called again only after the previous one is closed. */
  open(): SessionStorage | Promise<SessionStorage>;
  /**
   * Damages the stored session while no storage is open (e.g. a key of the wrong length). Then
   * `open()` or `load()` must reject with a SessionError whose message says what is wrong.
   */
  corrupt?(): void | Promise<void>;
  /** Removes the store after the test. */
  cleanup?(): void | Promise<void>;
}

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** Every field as plain data (keys as hex), so a failing comparison shows a readable diff. */
export function sessionAsPlainData(s: Session | undefined): unknown {
  if (s === undefined) return undefined;
  return {
    homeDcId: s.homeDcId,
    dcs: [...s.dcs.values()]
      .sort((a, b) => a.id - b.id)
      .map((dc) => ({
        id: dc.id,
        ipAddress: dc.ipAddress,
        ipv6: dc.ipv6 ?? null,
        port: dc.port,
        isTest: dc.isTest === true,
        authKey: dc.authKey ? hex(dc.authKey) : null,
      })),
    user: s.user ? { id: s.user.id.toString(), isBot: s.user.isBot } : null,
    updateState: s.updateState ? { ...s.updateState } : null,
    channelPts: [...s.channelPts.entries()]
      .map(([id, pts]) => [id.toString(), pts])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  };
}

async function rejection(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

export interface ConformanceOptions {
  /** Makes a fresh, empty store for one test. */
  create: () => StorageUnderTest | Promise<StorageUnderTest>;
  /** Whether a storage opened later reads what an earlier, closed one saved. */
  isPersistent: boolean;
  /** Whether `StorageUnderTest.corrupt` is provided (then the corruption test runs). */
  canCorrupt: boolean;
}

/**
 * Registers the SessionStorage conformance tests for a backend. Every backend (ours or yours)
 * should pass them:
 *
 * ```ts
 * import { describe, expect, it } from 'vitest';
 * runSessionStorageConformance('MyStore', { describe, it, expect }, {
 *   isPersistent: true,
 *   canCorrupt: false,
 *   create: () => ({ open: () => new MyStore(url), cleanup: () => dropTable(url) }),
 * });
 * ```
 */
export function runSessionStorageConformance(
  name: string,
  api: ConformanceApi,
  options: ConformanceOptions,
): void {
  const { describe, it, expect } = api;
  const { create, isPersistent, canCorrupt } = options;
  const same = (actual: Session | undefined, expected: Session | undefined): void =>
    expect(sessionAsPlainData(actual)).toEqual(sessionAsPlainData(expected));

  const test = (title: string, body: (t: StorageUnderTest) => Promise<void>): void => {
    it(title, async () => {
      const target = await create();
      try {
        await body(target);
      } finally {
        await target.cleanup?.();
      }
    });
  };

  const withOpen = async <T>(t: StorageUnderTest, fn: (s: SessionStorage) => Promise<T>) => {
    const storage = await t.open();
    try {
      return await fn(storage);
    } finally {
      await storage.close();
    }
  };

  describe(`SessionStorage conformance: ${name}`, () => {
    test('load() on an empty store gives undefined', async (t) => {
      await withOpen(t, async (s) => expect(await s.load()).toBeUndefined());
    });

    test('save then load round-trips every field', async (t) => {
      const session = sampleSession(1);
      await withOpen(t, async (s) => {
        await s.save(session);
        const loaded = await s.load();
        same(loaded, session);
        expect(loaded instanceof Session).toBe(true);
        expect(loaded?.getAuthKey(2)?.length).toBe(AUTH_KEY_BYTES);
      });
    });

    test('a minimal session (one DC, no key, no user, no state) round-trips', async (t) => {
      const session = new Session({
        homeDcId: 4,
        dcs: [{ id: 4, ipAddress: '2001:b28:f23d:f001::e', port: 443 }],
      });
      await withOpen(t, async (s) => {
        await s.save(session);
        same(await s.load(), session);
      });
    });

    test('save overwrites: DCs, user, state and channels missing from the new one are gone', async (t) => {
      const first = sampleSession(1);
      const second = new Session({
        homeDcId: 1,
        dcs: [{ id: 1, ipAddress: '10.0.0.1', port: 443, authKey: sampleAuthKey(99) }],
      });
      await withOpen(t, async (s) => {
        await s.save(first);
        await s.save(second);
        same(await s.load(), second);
      });
    });

    test('save stores a snapshot: changing the Session afterwards does not change the store', async (t) => {
      const session = sampleSession(3);
      const expected = session.clone();
      await withOpen(t, async (s) => {
        await s.save(session);
        session.setAuthKey(2, sampleAuthKey(1234));
        session.homeDcId = 5;
        session.channelPts.set(1n, 1);
        same(await s.load(), expected);
      });
    });

    test('load returns an independent copy each time', async (t) => {
      const session = sampleSession(4);
      await withOpen(t, async (s) => {
        await s.save(session);
        const a = await s.load();
        a?.getAuthKey(1)?.fill(0);
        a?.dcs.delete(3);
        same(await s.load(), session);
      });
    });

    test('two saves in quick succession land in order', async (t) => {
      await withOpen(t, async (s) => {
        const sessions = Array.from({ length: 10 }, (_, i) => sampleSession(10 + i));
        const first = s.save(sessions[0]);
        const second = s.save(sessions[1]);
        await Promise.all([first, second]);
        same(await s.load(), sessions[1]);
        await Promise.all(sessions.map((x) => s.save(x)));
        same(await s.load(), sessions[9]);
      });
    });

    test('delete erases the stored session and the storage stays usable', async (t) => {
      await withOpen(t, async (s) => {
        await s.delete();
        await s.save(sampleSession(5));
        await s.delete();
        expect(await s.load()).toBeUndefined();
        await s.save(sampleSession(6));
        same(await s.load(), sampleSession(6));
        await s.delete();
      });
      if (isPersistent) await withOpen(t, async (s) => expect(await s.load()).toBeUndefined());
    });

    test('after close, load/save/delete reject with SessionClosedError; close is idempotent', async (t) => {
      const s = await t.open();
      await s.save(sampleSession(7));
      await s.close();
      await s.close();
      for (const call of [() => s.load(), () => s.save(sampleSession(8)), () => s.delete()]) {
        const error = await rejection(call);
        expect(error instanceof SessionClosedError).toBe(true);
      }
      if (isPersistent) {
        await withOpen(t, async (again) => same(await again.load(), sampleSession(7)));
      }
    });

    test('printing a loaded session never shows key bytes', async (t) => {
      const session = sampleSession(9);
      await withOpen(t, async (s) => {
        await s.save(session);
        const loaded = (await s.load()) as Session;
        const key = sampleAuthKey(10);
        const keyHex = hex(key).slice(0, 16);
        // How a Uint8Array looks when inspected ("12, 34, 56") or JSON-stringified ('"1":34').
        const decimal = `${key[0]}, ${key[1]}, ${key[2]}, ${key[3]}`;
        const inspect = (loaded as unknown as Record<symbol, () => string>)[
          Symbol.for('nodejs.util.inspect.custom')
        ];
        for (const text of [String(loaded), JSON.stringify(loaded), inspect.call(loaded)]) {
          expect(text.includes(keyHex)).toBe(false);
          expect(text.includes(decimal)).toBe(false);
        }
      });
    });

    if (isPersistent) {
      test('a fresh storage reads what a closed one saved', async (t) => {
        const session = sampleSession(11);
        await withOpen(t, async (s) => s.save(session));
        await withOpen(t, async (s) => same(await s.load(), session));
      });
    }

    if (canCorrupt) {
      test('corrupt stored data gives a clear SessionError', async (t) => {
        if (!t.corrupt)
          throw new Error('canCorrupt is set but StorageUnderTest.corrupt is missing');
        await withOpen(t, async (s) => s.save(sampleSession(12)));
        await t.corrupt();
        const error = await rejection(async () => withOpen(t, (s) => s.load()));
        expect(error instanceof SessionError).toBe(true);
        const message = (error as Error).message;
        expect(message.length > 20).toBe(true);
        expect(message.includes(hex(sampleAuthKey(12)).slice(0, 16))).toBe(false);
      });
    }
  });
}
