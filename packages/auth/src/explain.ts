import {
  AuthError,
  CodeExpiredError,
  CodeInvalidError,
  FloodWaitError,
  formatWait,
  InvalidApiIdError,
  InvalidBotTokenError,
  InvalidCodeError,
  InvalidLoginTokenError,
  InvalidPasswordError,
  InvalidPhoneError,
  PasswordInvalidError,
  PhoneNumberRejectedError,
  SignUpRequiredError,
} from './errors.js';
import { rpcErrorOf } from './rpc-error.js';

// Plain words for every sign-in error a person can cause. Keys are RPC names without the numeric
// suffix. None of these texts include the value the person typed.
const EXPLANATIONS: Readonly<Record<string, string>> = {
  PHONE_CODE_EMPTY: 'The login code was empty. Type the code Telegram sent you.',
  PHONE_CODE_EXPIRED:
    'The login code has expired. Request a new code and type it within a few minutes.',
  PHONE_CODE_HASH_EMPTY:
    'The login request is incomplete (its phone code hash is missing). Request a new code.',
  PHONE_CODE_INVALID:
    'The login code is wrong. Check the latest code Telegram sent you and type it again.',
  PASSWORD_HASH_INVALID: 'The two-step verification password is wrong.',
  PASSWORD_EMPTY: 'The password was empty. Type your two-step verification password.',
  PASSWORD_MISSING: 'This account has no two-step verification password set.',
  PASSWORD_REQUIRED: 'A two-step verification password must be set for this action.',
  PASSWORD_RECOVERY_EXPIRED: 'The password recovery code has expired. Request a new one.',
  PASSWORD_RECOVERY_NA:
    'Password recovery is not available for this account (no recovery email is set).',
  PASSWORD_TOO_FRESH:
    'The two-step verification password was changed too recently; Telegram asks to wait before this action.',
  PHONE_NUMBER_APP_SIGNUP_FORBIDDEN:
    'This app may not sign up new phone numbers. Create the account in an official Telegram app first.',
  PHONE_NUMBER_BANNED: 'This phone number is banned from Telegram.',
  PHONE_NUMBER_FLOOD:
    'This phone number asked for too many codes recently. Wait a while (often a day) before trying again.',
  PHONE_NUMBER_INVALID:
    'Telegram says this phone number is invalid. Give the full international number, e.g. +44 7911 123456.',
  PHONE_NUMBER_OCCUPIED: 'This phone number is already used by another Telegram account.',
  PHONE_NUMBER_UNOCCUPIED:
    'This phone number has no Telegram account yet. Sign up in an official Telegram app first.',
  PHONE_PASSWORD_FLOOD: 'Too many password attempts. Wait a while before trying again.',
  PHONE_PASSWORD_PROTECTED: 'This phone number is protected by a password.',
  SESSION_PASSWORD_NEEDED: 'This account has two-step verification: its password is needed.',
  SRP_ID_INVALID: 'The password check expired before it reached Telegram. Try again.',
  SRP_PASSWORD_CHANGED: 'The password was changed in the meantime. Type the new password.',
  SEND_CODE_UNAVAILABLE:
    'Telegram cannot send another code to this number right now (every way of delivering it was used). Try again later.',
  ACCESS_TOKEN_INVALID: 'Telegram rejected this bot token. Copy it again from @BotFather.',
  ACCESS_TOKEN_EXPIRED: 'This bot token was revoked. Get the current one from @BotFather.',
  API_ID_INVALID:
    'Telegram rejected the api id / api hash pair. Copy both from https://my.telegram.org (API development tools).',
  API_ID_PUBLISHED_FLOOD:
    'This api id was published and is now limited. Create your own at https://my.telegram.org.',
  AUTH_TOKEN_EXPIRED: 'The QR login token expired before it was accepted.',
  AUTH_TOKEN_INVALID: 'The QR login token is not valid.',
  AUTH_TOKEN_ALREADY_ACCEPTED: 'The QR login token was already accepted.',
  AUTH_KEY_UNREGISTERED: 'This session is not signed in.',
  SESSION_REVOKED: 'This session was signed out (from another device, or by signing out).',
  USER_DEACTIVATED: 'This account was deleted or deactivated.',
  USER_DEACTIVATED_BAN: 'This account was banned.',
};

/** Plain words for an RPC error name ('PHONE_CODE_INVALID'), or undefined when unknown. */
export function explainRpcName(name: string): string | undefined {
  const known = EXPLANATIONS[name];
  if (known) return known;
  if (name.startsWith('PHONE_CODE_')) return `Telegram rejected the login code (${name}).`;
  if (name.startsWith('PASSWORD_')) return `Telegram rejected the password (${name}).`;
  if (name.startsWith('PHONE_NUMBER_')) return `Telegram rejected the phone number (${name}).`;
  return undefined;
}

/** A sentence for a person about any error a sign-in flow threw. */
export function explainAuthError(e: unknown): string {
  if (e instanceof FloodWaitError) {
    return `Telegram asks to wait ${formatWait(e.seconds)} before trying again.`;
  }
  if (e instanceof AuthError) return e.message;
  const rpc = rpcErrorOf(e);
  if (rpc) {
    if (rpc.code === 420 && rpc.value !== undefined) {
      return `Telegram asks to wait ${formatWait(rpc.value)} before trying again.`;
    }
    return explainRpcName(rpc.name) ?? `Telegram answered ${rpc.code} ${rpc.name}.`;
  }
  return e instanceof Error ? e.message : String(e);
}

/**
 * Turns an RPC error a person can cause into the matching typed error. Anything else (network
 * failures, RPC errors that are not about the input) comes back unchanged.
 */
export function toAuthError(e: unknown, request?: string): unknown {
  if (e instanceof AuthError) return e;
  const rpc = rpcErrorOf(e);
  if (!rpc) return e;
  const options = { cause: e, rpcName: rpc.name };
  const words = explainRpcName(rpc.name) ?? `Telegram answered ${rpc.code} ${rpc.name}.`;
  if (rpc.code === 420 || /^FLOOD_(PREMIUM_|TEST_PHONE_)?WAIT$/.test(rpc.name)) {
    return new FloodWaitError(rpc.value ?? 0, { ...options, request: rpc.request ?? request });
  }
  switch (rpc.name) {
    case 'PHONE_CODE_INVALID':
      return new CodeInvalidError(words, options);
    case 'PHONE_CODE_EXPIRED':
      return new CodeExpiredError(words, options);
    case 'PHONE_CODE_EMPTY':
      return new InvalidCodeError(words, options);
    case 'PHONE_CODE_HASH_EMPTY':
      return new InvalidLoginTokenError(words, options);
    case 'PASSWORD_HASH_INVALID':
      return new PasswordInvalidError(words, options);
    case 'PASSWORD_EMPTY':
      return new InvalidPasswordError(words, options);
    case 'PHONE_NUMBER_INVALID':
      return new InvalidPhoneError(words, options);
    case 'PHONE_NUMBER_UNOCCUPIED':
      return new SignUpRequiredError(words, options);
    case 'ACCESS_TOKEN_INVALID':
    case 'ACCESS_TOKEN_EXPIRED':
      return new InvalidBotTokenError(words, false, options);
    case 'API_ID_INVALID':
    case 'API_ID_PUBLISHED_FLOOD':
      return new InvalidApiIdError(words, options);
  }
  if (rpc.name.startsWith('PHONE_NUMBER_') || rpc.name === 'PHONE_PASSWORD_FLOOD') {
    return new PhoneNumberRejectedError(words, options);
  }
  if (rpc.name === 'SEND_CODE_UNAVAILABLE') return new PhoneNumberRejectedError(words, options);
  return e;
}
