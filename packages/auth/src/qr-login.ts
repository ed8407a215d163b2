import type { ResultOf, TlByName } from '@telets/tl-schema';
import { base64urlEncode } from './base64url.js';
import { LoginCancelledError, UnexpectedAnswerError } from './errors.js';
import { toAuthError } from './explain.js';
import type { AuthHost, InvokeOptions } from './host.js';
import { fetchPasswordToken } from './password.js';
import type { PasswordToken } from './password-token.js';
import { invokeOptions } from './phone-login.js';
import { rpcErrorOf } from './rpc-error.js';
import { completeSignIn, type User } from './user.js';
import { validateApiHash, validateApiId } from './validation.js';

/** One QR code to show: scan `url` in a signed-in Telegram app before `expiresAt`. */
export interface QrLoginToken {
  /** 'tg://login?token=' + base64url(token), unpadded. */
  url: string;
  expiresAt: Date;
  token: Uint8Array;
}

export interface QrLoginOptions extends InvokeOptions {
  /** Called with each new token; a fresh one replaces the last when it expires. */
  onToken(token: QrLoginToken): void | Promise<void>;
  /** Aborting ends the wait with a LoginCancelledError. */
  signal?: AbortSignal;
  /** User ids already signed in here, which the server should not accept the token for. */
  exceptIds?: bigint[];
  /** Clock (ms since the epoch), Date.now by default. */
  now?: () => number;
  /** Waits `ms`, or less when `signal` aborts; injectable so tests need no real time. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

type LoginTokenAnswer = ResultOf<TlByName['auth.exportLoginToken']>;

// The server reports expiry in its own clock; a skewed local clock must not spin the export loop.
const MIN_WAIT_MS = 1000;
const MAX_MIGRATIONS = 3;

/**
 * QR login: emits `{ url, expiresAt }` tokens through `onToken` until another Telegram app
 * accepts one (the server then sends updateLoginToken), follows auth.loginTokenMigrateTo to the
 * account's DC, and returns the User — or a PasswordToken when the account has two-step
 * verification.
 */
export async function qrLogin(
  host: AuthHost,
  options: QrLoginOptions,
): Promise<User | PasswordToken> {
  const apiId = validateApiId(host.apiId);
  const apiHash = validateApiHash(host.apiHash);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const requestOptions = invokeOptions(options);
  const waiter = new LoginTokenUpdates(host);
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const throwIfCancelled = (): void => {
    if (options.signal?.aborted) {
      throw new LoginCancelledError('QR login was cancelled.', { cause: options.signal.reason });
    }
  };
  const exportToken = (): Promise<LoginTokenAnswer> => {
    waiter.reset();
    return host.invoke(
      { _: 'auth.exportLoginToken', apiId, apiHash, exceptIds: options.exceptIds ?? [] },
      requestOptions,
    );
  };
  try {
    throwIfCancelled();
    let answer = await exportToken();
    let migrations = 0;
    for (;;) {
      throwIfCancelled();
      if (answer._ === 'auth.loginTokenSuccess') {
        return await completeSignIn(host, answer.authorization);
      }
      if (answer._ === 'auth.loginTokenMigrateTo') {
        if (++migrations > MAX_MIGRATIONS) {
          throw new UnexpectedAnswerError('Telegram kept moving the QR login between DCs.');
        }
        host.logger?.debug(`auth: QR login accepted on DC ${answer.dcId}, switching to it`);
        await host.switchHomeDc(answer.dcId);
        answer = await host.invoke(
          { _: 'auth.importLoginToken', token: answer.token },
          requestOptions,
        );
        continue;
      }
      const expiresAt = new Date(answer.expires * 1000);
      await options.onToken({
        url: `tg://login?token=${base64urlEncode(answer.token)}`,
        expiresAt,
        token: answer.token,
      });
      const waitMs = Math.max(MIN_WAIT_MS, expiresAt.getTime() - now());
      await waiter.waitOrTimeout(sleep, waitMs, stop.signal);
      throwIfCancelled();
      // Accepted or expired: exporting again answers success, migrate-to, or a fresh token.
      answer = await exportToken();
    }
  } catch (e) {
    if (options.signal?.aborted && !(e instanceof LoginCancelledError)) {
      throw new LoginCancelledError('QR login was cancelled.', { cause: options.signal.reason });
    }
    if (rpcErrorOf(e)?.name === 'SESSION_PASSWORD_NEEDED') {
      host.logger?.info('auth: the account has two-step verification');
      return fetchPasswordToken(host, requestOptions);
    }
    throw toAuthError(e, 'auth.exportLoginToken');
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    stop.abort();
    waiter.close();
  }
}

/** Remembers whether updateLoginToken arrived since the last export, and lets one wait for it. */
class LoginTokenUpdates {
  private hasArrived = false;
  private wake: (() => void) | undefined;
  private readonly unsubscribe: () => void;

  constructor(host: AuthHost) {
    this.unsubscribe = host.onUpdate((update) => {
      if (!containsLoginTokenUpdate(update)) return;
      this.hasArrived = true;
      this.wake?.();
    });
  }

  reset(): void {
    this.hasArrived = false;
  }

  async waitOrTimeout(
    sleep: (ms: number, signal: AbortSignal) => Promise<void>,
    ms: number,
    outer: AbortSignal,
  ): Promise<void> {
    if (this.hasArrived || outer.aborted) return;
    const local = new AbortController();
    const onOuterAbort = (): void => local.abort();
    outer.addEventListener('abort', onOuterAbort, { once: true });
    const arrived = new Promise<void>((resolve) => {
      this.wake = resolve;
    });
    try {
      await Promise.race([arrived, sleep(ms, local.signal), abortPromise(local.signal)]);
    } finally {
      this.wake = undefined;
      outer.removeEventListener('abort', onOuterAbort);
      local.abort();
    }
  }

  close(): void {
    this.unsubscribe();
    this.wake?.();
  }
}

/** updateLoginToken alone, or inside updateShort / updates / updatesCombined. */
export function containsLoginTokenUpdate(update: unknown): boolean {
  if (typeof update !== 'object' || update === null) return false;
  const u = update as { _?: unknown; update?: unknown; updates?: unknown };
  if (u._ === 'updateLoginToken') return true;
  if (u._ === 'updateShort') return containsLoginTokenUpdate(u.update);
  if ((u._ === 'updates' || u._ === 'updatesCombined') && Array.isArray(u.updates)) {
    return u.updates.some(containsLoginTokenUpdate);
  }
  return false;
}

function abortPromise(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
