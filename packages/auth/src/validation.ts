import {
  InvalidApiHashError,
  InvalidApiIdError,
  InvalidBotTokenError,
  InvalidCodeError,
  InvalidPasswordError,
  InvalidPhoneError,
} from './errors.js';

// Every check runs before any network call. Messages describe the expected shape and never echo
// the value, because a misplaced secret (a bot token typed where the phone goes) must not leak.

const BOT_TOKEN = /^(\d+):([A-Za-z0-9_-]+)$/;
const API_HASH = /^[0-9a-fA-F]{32}$/;
const API_CREDENTIALS_PAIR = /^\d+:[0-9a-fA-F]{32}$/;
const MIN_PHONE_DIGITS = 5;
const MAX_PHONE_DIGITS = 15; // E.164

/** True when `value` has the shape `<digits>:<secret>` of a bot token. */
export function looksLikeBotToken(value: unknown): boolean {
  return typeof value === 'string' && BOT_TOKEN.test(value.trim());
}

/** Returns the api id when it is a positive integer; otherwise throws InvalidApiIdError. */
export function validateApiId(apiId: unknown): number {
  if (typeof apiId === 'number' && Number.isSafeInteger(apiId) && apiId > 0 && apiId < 2 ** 31) {
    return apiId;
  }
  if (typeof apiId === 'string') {
    if (looksLikeBotToken(apiId)) {
      throw new InvalidApiIdError(
        'The api id looks like a bot token. The api id is the number from https://my.telegram.org; ' +
          'pass the bot token to botSignIn() instead.',
      );
    }
    if (API_HASH.test(apiId.trim())) {
      throw new InvalidApiIdError(
        'The api id looks like an api hash (32 hex characters). Are the api id and api hash swapped?',
      );
    }
    if (/^\d+$/.test(apiId.trim())) {
      throw new InvalidApiIdError(
        'The api id must be a number, not a string of digits: pass Number(apiId).',
      );
    }
  }
  throw new InvalidApiIdError(
    `The api id must be a positive integer (the number from https://my.telegram.org), got ${describe(apiId)}.`,
  );
}

/** Returns the api hash when it is 32 hex characters; otherwise throws InvalidApiHashError. */
export function validateApiHash(apiHash: unknown): string {
  if (typeof apiHash === 'string' && API_HASH.test(apiHash)) return apiHash;
  if (looksLikeBotToken(apiHash)) {
    throw new InvalidApiHashError(
      'This looks like a bot token, not an api hash. The api hash is the 32 hex characters from ' +
        'https://my.telegram.org; pass the bot token to botSignIn() instead.',
      true,
    );
  }
  const shape =
    typeof apiHash === 'string' ? `${apiHash.length} characters` : `${describe(apiHash)}`;
  throw new InvalidApiHashError(
    `The api hash must be 32 hex characters (from https://my.telegram.org), got ${shape}.`,
    false,
  );
}

/**
 * Returns the phone number as digits only. Spaces, dashes, dots, brackets and a leading + are
 * tolerated; anything else is an InvalidPhoneError.
 */
export function normalizePhone(phone: unknown): string {
  if (typeof phone !== 'string') {
    throw new InvalidPhoneError(`The phone number must be a string, got ${describe(phone)}.`);
  }
  if (looksLikeBotToken(phone)) {
    throw new InvalidPhoneError(
      'This looks like a bot token, not a phone number: sign in with botSignIn() instead.',
    );
  }
  const digits = phone
    .trim()
    .replace(/^\+/, '')
    .replace(/[\s\-().]/g, '');
  if (digits.length === 0) throw new InvalidPhoneError('The phone number is empty.');
  if (!/^\d+$/.test(digits)) {
    throw new InvalidPhoneError(
      'The phone number may contain only digits, spaces, dashes, brackets and a leading +.',
    );
  }
  if (digits.length < MIN_PHONE_DIGITS || digits.length > MAX_PHONE_DIGITS) {
    throw new InvalidPhoneError(
      `The phone number must have ${MIN_PHONE_DIGITS} to ${MAX_PHONE_DIGITS} digits including ` +
        `the country code, got ${digits.length}.`,
    );
  }
  return digits;
}

/** Returns the login code trimmed (digit groups joined); throws InvalidCodeError when empty. */
export function validateCode(code: unknown): string {
  if (typeof code !== 'string' && typeof code !== 'number') {
    throw new InvalidCodeError(`The login code must be a string, got ${describe(code)}.`);
  }
  const trimmed = String(code).trim();
  if (trimmed.length === 0) throw new InvalidCodeError('The login code is empty.');
  // "12 345" and "12-345" are how people copy codes; word codes (sms word/phrase) stay as typed.
  return /^[\d\s-]+$/.test(trimmed) ? trimmed.replace(/[\s-]/g, '') : trimmed;
}

/** Returns the password unchanged (spaces are significant); throws when empty or not a string. */
export function validatePassword(password: unknown): string {
  if (typeof password !== 'string') {
    throw new InvalidPasswordError(`The password must be a string, got ${describe(password)}.`);
  }
  if (password.length === 0) throw new InvalidPasswordError('The password is empty.');
  return password;
}

/** Returns the bot token trimmed when it has the form `<digits>:<secret>`. */
export function validateBotToken(token: unknown): string {
  if (typeof token !== 'string') {
    throw new InvalidBotTokenError(`The bot token must be a string, got ${describe(token)}.`);
  }
  const trimmed = token.trim();
  if (API_CREDENTIALS_PAIR.test(trimmed)) {
    throw new InvalidBotTokenError(
      'This looks like "api id:api hash", not a bot token. A bot token comes from @BotFather and ' +
        'looks like 123456:AAE...; the api id and api hash go to the client constructor.',
      true,
    );
  }
  if (!BOT_TOKEN.test(trimmed)) {
    throw new InvalidBotTokenError(
      'A bot token has the form <digits>:<secret> (as @BotFather gives it, e.g. 123456:AAE...).',
    );
  }
  return trimmed;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'string') return x.length === 0 ? 'an empty string' : 'a string';
  if (typeof x === 'number') {
    if (Number.isNaN(x)) return 'NaN';
    return Number.isInteger(x) ? 'a number out of range' : 'a number with a fraction';
  }
  return `a value of type ${typeof x}`;
}
