import { describe, expect, it } from 'vitest';
import { LoginCancelledError } from './errors.js';
import { PasswordToken } from './password-token.js';
import { containsLoginTokenUpdate, type QrLoginToken, qrLogin } from './qr-login.js';
import { authorization, FakeHost, makeUser, rpc } from './testing-internal/fake-host.js';

const NOW_MS = 1_790_000_000_000;
const NOW_S = NOW_MS / 1000;
const user = makeUser(99n);
const UPDATE = { _: 'updateShort', update: { _: 'updateLoginToken' }, date: NOW_S };

function loginToken(bytes: number[], expiresInS = 30) {
  return { _: 'auth.loginToken', expires: NOW_S + expiresInS, token: new Uint8Array(bytes) };
}
const success = { _: 'auth.loginTokenSuccess', authorization: authorization(user) };

/** A sleep the test controls: `waiting` resolves when the flow starts waiting. */
class ManualSleep {
  readonly calls: number[] = [];
  private expireNow: (() => void) | undefined;
  private started: (() => void) | undefined;
  waiting: Promise<void> = this.nextWait();

  readonly sleep = (ms: number, signal: AbortSignal): Promise<void> => {
    this.calls.push(ms);
    const done = new Promise<void>((resolve) => {
      this.expireNow = resolve;
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
    this.started?.();
    return done;
  };

  private nextWait(): Promise<void> {
    return new Promise((resolve) => {
      this.started = resolve;
    });
  }

  /** Lets the current wait time out, and arms `waiting` for the next one. */
  expire(): void {
    this.waiting = this.nextWait();
    this.expireNow?.();
  }

  rearm(): void {
    this.waiting = this.nextWait();
  }
}

describe('qrLogin', () => {
  it('emits a tg://login token, completes on updateLoginToken, and unsubscribes', async () => {
    const host = new FakeHost().on('auth.exportLoginToken', loginToken([1, 2, 3]), success);
    const clock = new ManualSleep();
    const tokens: QrLoginToken[] = [];
    const done = qrLogin(host, {
      onToken: (t) => {
        tokens.push(t);
      },
      now: () => NOW_MS,
      sleep: clock.sleep,
    });
    await clock.waiting;
    expect(tokens).toEqual([
      {
        url: 'tg://login?token=AQID',
        expiresAt: new Date((NOW_S + 30) * 1000),
        token: new Uint8Array([1, 2, 3]),
      },
    ]);
    expect(clock.calls).toEqual([30_000]);
    host.emitUpdate({ _: 'updateUserStatus' });
    host.emitUpdate(UPDATE);
    expect(await done).toBe(user);
    expect(host.signedIn).toEqual([user]);
    expect(host.callsOf('auth.exportLoginToken')).toHaveLength(2);
    expect(host.callsOf('auth.exportLoginToken')[0].request).toEqual({
      _: 'auth.exportLoginToken',
      apiId: 12345,
      apiHash: host.apiHash,
      exceptIds: [],
    });
    expect(host.listenerCount).toBe(0);
  });

  it('emits a fresh token when the last one expires', async () => {
    const host = new FakeHost().on(
      'auth.exportLoginToken',
      loginToken([1], 30),
      loginToken([2], 20),
      success,
    );
    const clock = new ManualSleep();
    const urls: string[] = [];
    const done = qrLogin(host, {
      onToken: (t) => {
        urls.push(t.url);
      },
      now: () => NOW_MS,
      sleep: clock.sleep,
    });
    await clock.waiting;
    clock.expire();
    await clock.waiting;
    expect(urls).toEqual(['tg://login?token=AQ', 'tg://login?token=Ag']);
    expect(clock.calls).toEqual([30_000, 20_000]);
    host.emitUpdate({ _: 'updateLoginToken' });
    expect(await done).toBe(user);
  });

  it('does not miss an update that arrives while the token is being shown', async () => {
    const host = new FakeHost().on('auth.exportLoginToken', loginToken([1]), success);
    const clock = new ManualSleep();
    const result = await qrLogin(host, {
      onToken: () => host.emitUpdate({ _: 'updateLoginToken' }),
      now: () => NOW_MS,
      sleep: clock.sleep,
    });
    expect(result).toBe(user);
    expect(clock.calls).toEqual([]);
  });

  it('follows auth.loginTokenMigrateTo: switches DC and imports the token there', async () => {
    const host = new FakeHost()
      .on('auth.exportLoginToken', loginToken([1]), {
        _: 'auth.loginTokenMigrateTo',
        dcId: 4,
        token: new Uint8Array([9, 9]),
      })
      .on('auth.importLoginToken', success);
    const clock = new ManualSleep();
    const done = qrLogin(host, { onToken: () => {}, now: () => NOW_MS, sleep: clock.sleep });
    await clock.waiting;
    host.emitUpdate({ _: 'updates', updates: [{ _: 'updateLoginToken' }], users: [], chats: [] });
    expect(await done).toBe(user);
    expect(host.switches).toEqual([4]);
    const imported = host.callsOf('auth.importLoginToken');
    expect(imported).toHaveLength(1);
    expect(imported[0].dcId).toBe(4);
    expect(imported[0].request).toEqual({
      _: 'auth.importLoginToken',
      token: new Uint8Array([9, 9]),
    });
  });

  it('returns a PasswordToken when the account has 2FA (SESSION_PASSWORD_NEEDED)', async () => {
    const password = { _: 'account.password', hasPassword: true, hint: 'dog' };
    const host = new FakeHost()
      .on('auth.exportLoginToken', loginToken([1]), rpc(401, 'SESSION_PASSWORD_NEEDED'))
      .on('account.getPassword', password);
    const clock = new ManualSleep();
    const done = qrLogin(host, { onToken: () => {}, now: () => NOW_MS, sleep: clock.sleep });
    await clock.waiting;
    host.emitUpdate({ _: 'updateLoginToken' });
    const result = await done;
    expect(result).toBeInstanceOf(PasswordToken);
    expect((result as PasswordToken).hint).toBe('dog');
    expect(host.signedIn).toHaveLength(0);
  });

  it('also handles 2FA reported by auth.importLoginToken after a migration', async () => {
    const host = new FakeHost()
      .on('auth.exportLoginToken', {
        _: 'auth.loginTokenMigrateTo',
        dcId: 5,
        token: new Uint8Array([1]),
      })
      .on('auth.importLoginToken', rpc(401, 'SESSION_PASSWORD_NEEDED'))
      .on('account.getPassword', { _: 'account.password', hasPassword: true });
    const result = await qrLogin(host, { onToken: () => {}, now: () => NOW_MS });
    expect(result).toBeInstanceOf(PasswordToken);
    expect(host.callsOf('account.getPassword')[0].dcId).toBe(5);
  });

  it('ends with LoginCancelledError when aborted while waiting', async () => {
    const host = new FakeHost().on('auth.exportLoginToken', loginToken([1]));
    const clock = new ManualSleep();
    const controller = new AbortController();
    const done = qrLogin(host, {
      onToken: () => {},
      signal: controller.signal,
      now: () => NOW_MS,
      sleep: clock.sleep,
    });
    await clock.waiting;
    controller.abort(new Error('user closed the page'));
    const e = await done.catch((x) => x);
    expect(e).toBeInstanceOf(LoginCancelledError);
    expect(e.cause).toEqual(new Error('user closed the page'));
    expect(host.callsOf('auth.exportLoginToken')).toHaveLength(1);
    expect(host.listenerCount).toBe(0);
  });

  it('does not start when the signal is already aborted', async () => {
    const host = new FakeHost().on('auth.exportLoginToken', loginToken([1]));
    await expect(
      qrLogin(host, { onToken: () => {}, signal: AbortSignal.abort(), now: () => NOW_MS }),
    ).rejects.toThrow(LoginCancelledError);
    expect(host.calls).toHaveLength(0);
  });

  it('waits at least a second when the local clock is ahead of the server', async () => {
    const host = new FakeHost().on('auth.exportLoginToken', loginToken([1], 30), success);
    const clock = new ManualSleep();
    const done = qrLogin(host, {
      onToken: () => {},
      now: () => NOW_MS + 3_600_000,
      sleep: clock.sleep,
    });
    await clock.waiting;
    expect(clock.calls).toEqual([1000]);
    clock.expire();
    expect(await done).toBe(user);
  });

  it('checks the api credentials before any network call', async () => {
    const host = new FakeHost();
    host.apiHash = 'nope';
    await expect(qrLogin(host, { onToken: () => {} })).rejects.toThrow(/api hash/);
    expect(host.calls).toHaveLength(0);
  });

  it('recognises updateLoginToken in every update container', () => {
    expect(containsLoginTokenUpdate({ _: 'updateLoginToken' })).toBe(true);
    expect(containsLoginTokenUpdate(UPDATE)).toBe(true);
    expect(
      containsLoginTokenUpdate({
        _: 'updatesCombined',
        updates: [{ _: 'updateUserStatus' }, { _: 'updateLoginToken' }],
      }),
    ).toBe(true);
    expect(containsLoginTokenUpdate({ _: 'updates', updates: [{ _: 'updateUserStatus' }] })).toBe(
      false,
    );
    expect(containsLoginTokenUpdate(null)).toBe(false);
    expect(containsLoginTokenUpdate('updateLoginToken')).toBe(false);
  });
});
