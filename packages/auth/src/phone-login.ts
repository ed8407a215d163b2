import type { ResultOf, TlByName } from '@telets/tl-schema';
import { UnexpectedAnswerError } from './errors.js';
import { toAuthError } from './explain.js';
import type { AuthHost, InvokeOptions } from './host.js';
import { LoginToken, nextCodeKind, sentCodeKind } from './login-token.js';
import { fetchPasswordToken } from './password.js';
import type { PasswordToken } from './password-token.js';
import { rpcErrorOf } from './rpc-error.js';
import { completeSignIn, type User } from './user.js';
import { normalizePhone, validateApiHash, validateApiId, validateCode } from './validation.js';

export interface RequestLoginCodeOptions extends InvokeOptions {
  /** Clock for LoginToken.createdAt (ms since the epoch); Date.now by default. */
  now?: () => number;
}

/**
 * Sends a login code to `phone` (auth.sendCode, never retried) and returns the LoginToken needed
 * to finish with `signIn`. The client follows PHONE_MIGRATE_X, so the token records the DC that
 * finally sent the code.
 */
export async function requestLoginCode(
  host: AuthHost,
  phone: string,
  options: RequestLoginCodeOptions = {},
): Promise<LoginToken> {
  const phoneNumber = normalizePhone(phone);
  const apiId = validateApiId(host.apiId);
  const apiHash = validateApiHash(host.apiHash);
  host.logger?.debug(`auth: requesting a login code for ${maskPhone(phoneNumber)}`);
  let sent: SentCode;
  try {
    sent = await host.invoke(
      { _: 'auth.sendCode', phoneNumber, apiId, apiHash, settings: { _: 'codeSettings' } },
      invokeOptions(options),
    );
  } catch (e) {
    throw toAuthError(e, 'auth.sendCode');
  }
  return tokenFromSentCode(host, phoneNumber, sent, 'auth.sendCode', options.now);
}

/**
 * Asks Telegram to send the code again, usually through `token.nextType` (auth.resendCode, never
 * retried). Allowed from `token.resendAvailableAt`; returns the LoginToken to use from now on.
 */
export async function resendLoginCode(
  host: AuthHost,
  token: LoginToken | string,
  options: RequestLoginCodeOptions = {},
): Promise<LoginToken> {
  const loginToken = typeof token === 'string' ? LoginToken.fromString(token) : token;
  await switchToTokenDc(host, loginToken);
  let sent: SentCode;
  try {
    sent = await host.invoke(
      {
        _: 'auth.resendCode',
        phoneNumber: loginToken.phone,
        phoneCodeHash: loginToken.phoneCodeHash,
      },
      invokeOptions(options),
    );
  } catch (e) {
    throw toAuthError(e, 'auth.resendCode');
  }
  return tokenFromSentCode(host, loginToken.phone, sent, 'auth.resendCode', options.now);
}

type SentCode = ResultOf<TlByName['auth.sendCode']>;

function tokenFromSentCode(
  host: AuthHost,
  phoneNumber: string,
  sent: SentCode,
  request: string,
  now: () => number = Date.now,
): LoginToken {
  if (sent._ === 'auth.sentCodePaymentRequired') {
    throw new UnexpectedAnswerError(
      'Telegram requires a paid subscription to send a login code to this number; sign in with an official app.',
    );
  }
  if (sent._ !== 'auth.sentCode') {
    throw new UnexpectedAnswerError(`Telegram answered ${request} with ${sent._}.`);
  }
  const { kind, codeLength } = sentCodeKind(sent.type);
  const token = new LoginToken({
    phone: phoneNumber,
    phoneCodeHash: sent.phoneCodeHash,
    dcId: host.homeDcId(),
    type: kind,
    ...(codeLength !== undefined ? { codeLength } : {}),
    ...(sent.nextType ? { nextType: nextCodeKind(sent.nextType) } : {}),
    ...(sent.timeout !== undefined ? { timeoutSeconds: sent.timeout } : {}),
    createdAt: new Date(now()),
  });
  host.logger?.info(`auth: login code sent (${kind}) on DC ${token.dcId}`);
  return token;
}

async function switchToTokenDc(host: AuthHost, token: LoginToken): Promise<void> {
  if (token.dcId === host.homeDcId()) return;
  host.logger?.debug(`auth: the code was sent by DC ${token.dcId}, switching to it`);
  await host.switchHomeDc(token.dcId);
}

/**
 * Finishes a phone sign-in with the code (auth.signIn, never retried). Returns the User, or a
 * PasswordToken when the account has two-step verification. A `LoginToken` string from
 * `token.toString()` is accepted as well.
 */
export async function signIn(
  host: AuthHost,
  token: LoginToken | string,
  code: string,
  options: InvokeOptions = {},
): Promise<User | PasswordToken> {
  const loginToken = typeof token === 'string' ? LoginToken.fromString(token) : token;
  const phoneCode = validateCode(code);
  await switchToTokenDc(host, loginToken);
  let authorization: Awaited<ReturnType<typeof sendSignIn>>;
  try {
    authorization = await sendSignIn(host, loginToken, phoneCode, options);
  } catch (e) {
    if (rpcErrorOf(e)?.name === 'SESSION_PASSWORD_NEEDED') {
      host.logger?.info('auth: the account has two-step verification');
      return fetchPasswordToken(host, options);
    }
    throw toAuthError(e, 'auth.signIn');
  }
  return completeSignIn(host, authorization);
}

function sendSignIn(host: AuthHost, token: LoginToken, phoneCode: string, options: InvokeOptions) {
  return host.invoke(
    {
      _: 'auth.signIn',
      phoneNumber: token.phone,
      phoneCodeHash: token.phoneCodeHash,
      phoneCode,
    },
    invokeOptions(options),
  );
}

/** Keeps only what `invoke` understands (drops e.g. `now`). */
export function invokeOptions(options: InvokeOptions): InvokeOptions {
  const out: InvokeOptions = {};
  if (options.signal) out.signal = options.signal;
  if (options.timeoutMs !== undefined) out.timeoutMs = options.timeoutMs;
  return out;
}

/** "+******4567": enough to tell numbers apart in a log, not enough to be the number. */
export function maskPhone(digits: string): string {
  return `+${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}
