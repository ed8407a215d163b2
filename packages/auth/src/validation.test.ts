import { describe, expect, it } from 'vitest';
import {
  InvalidApiHashError,
  InvalidApiIdError,
  InvalidBotTokenError,
  InvalidCodeError,
  InvalidPasswordError,
  InvalidPhoneError,
} from './errors.js';
import {
  looksLikeBotToken,
  normalizePhone,
  validateApiHash,
  validateApiId,
  validateBotToken,
  validateCode,
  validatePassword,
} from './validation.js';

const BOT_TOKEN = '123456789:AAE_fake-Secret_0123456789abcdefghijk';
const API_HASH = '0123456789abcdef0123456789ABCDEF';

describe('normalizePhone', () => {
  it.each([
    ['+44 7911 123456', '447911123456'],
    ['+1 (555) 010-9999', '15550109999'],
    ['  9996621234 ', '9996621234'],
    ['+7.912.345.67.89', '79123456789'],
  ])('accepts %j as %s', (input, digits) => {
    expect(normalizePhone(input)).toBe(digits);
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['+44 7911 12345a', /only digits/],
    ['++447911123456', /only digits/],
    ['1234', /5 to 15 digits.*got 4/],
    ['1234567890123456', /got 16/],
  ])('rejects %j', (input, message) => {
    expect(() => normalizePhone(input)).toThrow(InvalidPhoneError);
    expect(() => normalizePhone(input)).toThrow(message);
  });

  it('rejects a non-string with the type in the message', () => {
    expect(() => normalizePhone(447911123456)).toThrow(/must be a string, got a number/);
  });

  it('says a bot token is not a phone number, without echoing it', () => {
    const e = catchError(() => normalizePhone(BOT_TOKEN));
    expect(e).toBeInstanceOf(InvalidPhoneError);
    expect(e.message).toMatch(/bot token/);
    expect(e.message).not.toContain('AAE_fake');
  });
});

describe('validateApiId', () => {
  it('accepts a positive integer', () => {
    expect(validateApiId(12345)).toBe(12345);
  });

  it.each([0, -1, 1.5, Number.NaN, 2 ** 31, null, undefined, {}])('rejects %j', (value) => {
    expect(() => validateApiId(value)).toThrow(InvalidApiIdError);
  });

  it('explains a string of digits', () => {
    expect(() => validateApiId('12345')).toThrow(/must be a number, not a string of digits/);
  });

  it('says when the api id looks like a bot token or an api hash', () => {
    expect(() => validateApiId(BOT_TOKEN)).toThrow(/looks like a bot token/);
    expect(() => validateApiId(API_HASH)).toThrow(/swapped/);
  });
});

describe('validateApiHash', () => {
  it('accepts 32 hex characters', () => {
    expect(validateApiHash(API_HASH)).toBe(API_HASH);
  });

  it('says a bot token is not an api hash, without echoing it', () => {
    const e = catchError(() => validateApiHash(BOT_TOKEN));
    expect(e).toBeInstanceOf(InvalidApiHashError);
    expect((e as InvalidApiHashError).looksLikeBotToken).toBe(true);
    expect(e.message).toMatch(/looks like a bot token, not an api hash/);
    expect(e.message).not.toContain(BOT_TOKEN.split(':')[1]);
  });

  it.each([
    ['0123456789abcdef0123456789abcde', /got 31 characters/],
    ['0123456789abcdef0123456789abcdeg', /got 32 characters/],
    [12345, /got a number/],
  ])('rejects %j', (value, message) => {
    const e = catchError(() => validateApiHash(value));
    expect(e).toBeInstanceOf(InvalidApiHashError);
    expect((e as InvalidApiHashError).looksLikeBotToken).toBe(false);
    expect(e.message).toMatch(message);
    if (typeof value === 'string') expect(e.message).not.toContain(value);
  });
});

describe('validateBotToken', () => {
  it('accepts <digits>:<secret> and trims it', () => {
    expect(validateBotToken(` ${BOT_TOKEN}\n`)).toBe(BOT_TOKEN);
    expect(looksLikeBotToken(BOT_TOKEN)).toBe(true);
  });

  it.each(['', 'abc:def', '123456:', ':secret', '123456 secret', '123456:sec ret', '+4479'])(
    'rejects %j',
    (value) => {
      expect(() => validateBotToken(value)).toThrow(InvalidBotTokenError);
      expect(() => validateBotToken(value)).toThrow(/<digits>:<secret>/);
    },
  );

  it('says "api id:api hash" is not a bot token, without echoing the hash', () => {
    const e = catchError(() => validateBotToken(`12345:${API_HASH}`));
    expect(e).toBeInstanceOf(InvalidBotTokenError);
    expect((e as InvalidBotTokenError).looksLikeApiCredentials).toBe(true);
    expect(e.message).toMatch(/api id:api hash/);
    expect(e.message).not.toContain(API_HASH);
  });

  it('rejects a non-string', () => {
    expect(() => validateBotToken(undefined)).toThrow(
      /must be a string, got a value of type undefined/,
    );
  });
});

describe('validateCode', () => {
  it('trims and joins digit groups, keeps word codes as typed', () => {
    expect(validateCode(' 12345 ')).toBe('12345');
    expect(validateCode('12 345')).toBe('12345');
    expect(validateCode('12-345')).toBe('12345');
    expect(validateCode('purple banana')).toBe('purple banana');
  });

  it.each(['', '   ', '\n'])('rejects the empty code %j', (value) => {
    expect(() => validateCode(value)).toThrow(InvalidCodeError);
    expect(() => validateCode(value)).toThrow(/empty/);
  });

  it('rejects a non-string', () => {
    expect(() => validateCode(null)).toThrow(InvalidCodeError);
  });
});

describe('validatePassword', () => {
  it('keeps spaces, rejects empty', () => {
    expect(validatePassword(' pass word ')).toBe(' pass word ');
    expect(() => validatePassword('')).toThrow(InvalidPasswordError);
    expect(() => validatePassword(42)).toThrow(InvalidPasswordError);
  });
});

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}
