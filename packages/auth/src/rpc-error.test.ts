import { describe, expect, it } from 'vitest';
import {
  AuthError,
  CodeExpiredError,
  CodeInvalidError,
  FloodWaitError,
  formatWait,
  InvalidApiIdError,
  InvalidBotTokenError,
  InvalidCodeError,
  InvalidPhoneError,
  PasswordInvalidError,
  PhoneNumberRejectedError,
  SignUpRequiredError,
} from './errors.js';
import { explainAuthError, explainRpcName, toAuthError } from './explain.js';
import { isRpcError, rpcErrorOf, splitRpcName } from './rpc-error.js';
import { FakeRpcError } from './testing-internal/fake-host.js';

describe('rpcErrorOf', () => {
  it("reads the transport's RpcError shape", () => {
    const e = new FakeRpcError(420, 'FLOOD_WAIT_31', 'auth.sendCode');
    expect(rpcErrorOf(e)).toEqual({
      code: 420,
      name: 'FLOOD_WAIT',
      value: 31,
      request: 'auth.sendCode',
    });
    expect(isRpcError(e)).toBe(true);
  });

  it('reads an errorMessage field, a name+value pair, and a bare message', () => {
    expect(rpcErrorOf({ code: 303, errorMessage: 'PHONE_MIGRATE_5' })).toEqual({
      code: 303,
      name: 'PHONE_MIGRATE',
      value: 5,
    });
    expect(rpcErrorOf({ code: 420, name: 'FLOOD_WAIT', value: 7 })).toEqual({
      code: 420,
      name: 'FLOOD_WAIT',
      value: 7,
    });
    const plain = Object.assign(new Error('400 PHONE_CODE_INVALID (caused by auth.signIn)'), {
      code: 400,
    });
    expect(rpcErrorOf(plain)).toEqual({ code: 400, name: 'PHONE_CODE_INVALID' });
  });

  it('looks through a cause chain (e.g. the client wrapping a 401)', () => {
    const inner = new FakeRpcError(401, 'AUTH_KEY_UNREGISTERED');
    const wrapped = new Error('logged out', { cause: inner });
    wrapped.name = 'LoggedOutError';
    expect(rpcErrorOf(wrapped)?.name).toBe('AUTH_KEY_UNREGISTERED');
  });

  it('ignores errors that are not RPC errors', () => {
    expect(rpcErrorOf(new Error('socket hang up'))).toBeUndefined();
    expect(rpcErrorOf(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBeUndefined();
    expect(rpcErrorOf({ code: 500, name: 'Error', message: 'no upper-case name here' })).toBe(
      undefined,
    );
    expect(rpcErrorOf(null)).toBeUndefined();
    expect(isRpcError('FLOOD_WAIT_3')).toBe(false);
  });

  it('splits only a trailing _<number>', () => {
    expect(splitRpcName('FLOOD_WAIT_31')).toEqual({ name: 'FLOOD_WAIT', value: 31 });
    expect(splitRpcName('2FA_CONFIRM_WAIT_3600')).toEqual({
      name: '2FA_CONFIRM_WAIT',
      value: 3600,
    });
    expect(splitRpcName('AUTH_TOKEN_INVALID2')).toEqual({ name: 'AUTH_TOKEN_INVALID2' });
    expect(splitRpcName('PHONE_CODE_INVALID')).toEqual({ name: 'PHONE_CODE_INVALID' });
  });
});

describe('toAuthError', () => {
  it.each([
    ['PHONE_CODE_INVALID', CodeInvalidError],
    ['PHONE_CODE_EXPIRED', CodeExpiredError],
    ['PHONE_CODE_EMPTY', InvalidCodeError],
    ['PASSWORD_HASH_INVALID', PasswordInvalidError],
    ['PHONE_NUMBER_INVALID', InvalidPhoneError],
    ['PHONE_NUMBER_UNOCCUPIED', SignUpRequiredError],
    ['PHONE_NUMBER_BANNED', PhoneNumberRejectedError],
    ['PHONE_NUMBER_FLOOD', PhoneNumberRejectedError],
    ['PHONE_PASSWORD_FLOOD', PhoneNumberRejectedError],
    ['ACCESS_TOKEN_INVALID', InvalidBotTokenError],
    ['ACCESS_TOKEN_EXPIRED', InvalidBotTokenError],
    ['API_ID_INVALID', InvalidApiIdError],
  ])('maps %s to its typed error, keeping the cause and the rpc name', (name, type) => {
    const rpc = new FakeRpcError(400, name, 'auth.signIn');
    const e = toAuthError(rpc) as AuthError;
    expect(e).toBeInstanceOf(type);
    expect(e).toBeInstanceOf(AuthError);
    expect(e.rpcName).toBe(name);
    expect(e.cause).toBe(rpc);
    expect(e.message).toBe(explainRpcName(name));
    expect(e.name).toBe(type.name);
  });

  it('maps every FLOOD_WAIT flavour to FloodWaitError with seconds', () => {
    for (const raw of ['FLOOD_WAIT_31', 'FLOOD_PREMIUM_WAIT_31', 'FLOOD_TEST_PHONE_WAIT_31']) {
      const e = toAuthError(new FakeRpcError(420, raw, 'auth.sendCode'));
      expect(e).toBeInstanceOf(FloodWaitError);
      expect((e as FloodWaitError).seconds).toBe(31);
      expect((e as FloodWaitError).request).toBe('auth.sendCode');
    }
  });

  it('leaves network errors and unrelated RPC errors untouched', () => {
    const net = new Error('ECONNRESET');
    expect(toAuthError(net)).toBe(net);
    const other = new FakeRpcError(400, 'CHANNEL_INVALID');
    expect(toAuthError(other)).toBe(other);
  });
});

describe('explanations', () => {
  it('has plain words for every PHONE_CODE_*, PASSWORD_* and PHONE_NUMBER_* error Telegram lists', () => {
    // The names from errors.json (layer 228) in these families.
    const names = [
      'PHONE_CODE_EMPTY',
      'PHONE_CODE_EXPIRED',
      'PHONE_CODE_HASH_EMPTY',
      'PHONE_CODE_INVALID',
      'PASSWORD_EMPTY',
      'PASSWORD_HASH_INVALID',
      'PASSWORD_MISSING',
      'PASSWORD_RECOVERY_EXPIRED',
      'PASSWORD_RECOVERY_NA',
      'PASSWORD_REQUIRED',
      'PASSWORD_TOO_FRESH',
      'PHONE_NUMBER_APP_SIGNUP_FORBIDDEN',
      'PHONE_NUMBER_BANNED',
      'PHONE_NUMBER_FLOOD',
      'PHONE_NUMBER_INVALID',
      'PHONE_NUMBER_OCCUPIED',
      'PHONE_NUMBER_UNOCCUPIED',
      'PHONE_PASSWORD_FLOOD',
      'PHONE_PASSWORD_PROTECTED',
    ];
    for (const name of names) {
      const words = explainRpcName(name);
      expect(words, name).toBeDefined();
      // Plain words, not the code repeated back.
      expect(words, name).not.toContain(name);
    }
  });

  it('still says something for an unknown error of those families', () => {
    expect(explainRpcName('PHONE_CODE_NEW_THING')).toMatch(/login code/);
    expect(explainRpcName('PASSWORD_NEW_THING')).toMatch(/password/);
    expect(explainRpcName('PHONE_NUMBER_NEW_THING')).toMatch(/phone number/);
    expect(explainRpcName('CHANNEL_INVALID')).toBeUndefined();
  });

  it('explains flood waits in people units', () => {
    expect(formatWait(1)).toBe('1 second');
    expect(formatWait(31)).toBe('31 seconds');
    expect(formatWait(61)).toBe('2 minutes');
    expect(formatWait(3600)).toBe('1 hour');
    expect(formatWait(7380)).toBe('2 hours 3 minutes');
    expect(explainAuthError(new FloodWaitError(90))).toBe(
      'Telegram asks to wait 2 minutes before trying again.',
    );
    expect(explainAuthError(new FakeRpcError(420, 'FLOOD_WAIT_5'))).toMatch(/5 seconds/);
    expect(explainAuthError(new FakeRpcError(400, 'CHANNEL_INVALID'))).toBe(
      'Telegram answered 400 CHANNEL_INVALID.',
    );
    expect(explainAuthError(new Error('socket closed'))).toBe('socket closed');
  });
});
