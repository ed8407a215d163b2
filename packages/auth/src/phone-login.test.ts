import { describe, expect, it } from 'vitest';
import {
  CodeExpiredError,
  CodeInvalidError,
  FloodWaitError,
  InvalidApiHashError,
  InvalidApiIdError,
  InvalidCodeError,
  InvalidPhoneError,
  PhoneNumberRejectedError,
  SignUpRequiredError,
  UnexpectedAnswerError,
} from './errors.js';
import { LoginToken } from './login-token.js';
import { PasswordToken } from './password-token.js';
import { maskPhone, requestLoginCode, resendLoginCode, signIn } from './phone-login.js';
import { API_HASH, authorization, FakeHost, makeUser, rpc } from './testing-internal/fake-host.js';

const NOW = 1_790_000_000_000;
const sentCode = {
  _: 'auth.sentCode',
  type: { _: 'auth.sentCodeTypeSms', length: 5 },
  phoneCodeHash: 'hash-1',
  nextType: { _: 'auth.codeTypeCall' },
  timeout: 60,
};

function hostWithCode(): FakeHost {
  return new FakeHost().on('auth.sendCode', sentCode);
}

describe('requestLoginCode', () => {
  it('sends auth.sendCode with the normalised phone and returns a LoginToken', async () => {
    const host = hostWithCode();
    const token = await requestLoginCode(host, '+44 (7911) 123-456', { now: () => NOW });
    expect(host.calls).toHaveLength(1);
    expect(host.calls[0].request).toEqual({
      _: 'auth.sendCode',
      phoneNumber: '447911123456',
      apiId: 12345,
      apiHash: API_HASH,
      settings: { _: 'codeSettings' },
    });
    expect({ ...token }).toEqual({
      phone: '447911123456',
      phoneCodeHash: 'hash-1',
      dcId: 2,
      type: 'sms',
      codeLength: 5,
      nextType: 'call',
      timeoutSeconds: 60,
      createdAt: new Date(NOW),
    });
    expect(token.resendAvailableAt).toEqual(new Date(NOW + 60_000));
  });

  it('records the DC that sent the code (the client followed PHONE_MIGRATE)', async () => {
    const host = new FakeHost().on('auth.sendCode', () => {
      host.dcId = 4; // what the client does on PHONE_MIGRATE_4
      return sentCode;
    });
    const token = await requestLoginCode(host, '447911123456');
    expect(token.dcId).toBe(4);
  });

  it('checks the input before any network call', async () => {
    const host = hostWithCode();
    await expect(requestLoginCode(host, 'not a phone')).rejects.toThrow(InvalidPhoneError);
    host.apiId = 0;
    await expect(requestLoginCode(host, '447911123456')).rejects.toThrow(InvalidApiIdError);
    host.apiId = 1;
    host.apiHash = '123456:AAE_this_is_a_bot_token_not_a_hash';
    await expect(requestLoginCode(host, '447911123456')).rejects.toThrow(
      /looks like a bot token, not an api hash/,
    );
    await expect(requestLoginCode(host, '447911123456')).rejects.toThrow(InvalidApiHashError);
    expect(host.calls).toHaveLength(0);
  });

  it.each([
    [rpc(400, 'PHONE_NUMBER_INVALID'), InvalidPhoneError],
    [rpc(400, 'PHONE_NUMBER_BANNED'), PhoneNumberRejectedError],
    [rpc(400, 'PHONE_NUMBER_FLOOD'), PhoneNumberRejectedError],
    [rpc(406, 'SEND_CODE_UNAVAILABLE'), PhoneNumberRejectedError],
    [rpc(400, 'API_ID_INVALID'), InvalidApiIdError],
  ])('turns %s into a typed error and does not retry', async (error, type) => {
    const host = new FakeHost().on('auth.sendCode', error, sentCode);
    await expect(requestLoginCode(host, '447911123456')).rejects.toThrow(type);
    expect(host.callsOf('auth.sendCode')).toHaveLength(1);
  });

  it('stops on FLOOD_WAIT with the seconds, no retry', async () => {
    const host = new FakeHost().on('auth.sendCode', rpc(420, 'FLOOD_WAIT_300', 'auth.sendCode'));
    const e = await requestLoginCode(host, '447911123456').catch((x) => x);
    expect(e).toBeInstanceOf(FloodWaitError);
    expect(e.seconds).toBe(300);
    expect(host.calls).toHaveLength(1);
  });

  it('passes network errors through unchanged', async () => {
    const net = new Error('connection reset');
    const host = new FakeHost().on('auth.sendCode', net);
    await expect(requestLoginCode(host, '447911123456')).rejects.toBe(net);
  });

  it('refuses answers it cannot continue from', async () => {
    const host = new FakeHost().on('auth.sendCode', {
      _: 'auth.sentCodePaymentRequired',
      storeProduct: 'p',
      phoneCodeHash: 'h',
      supportEmailAddress: 'a',
      supportEmailSubject: 's',
      premiumDays: 1,
      currency: 'EUR',
      amount: 1n,
    });
    await expect(requestLoginCode(host, '447911123456')).rejects.toThrow(UnexpectedAnswerError);
  });

  it('logs without the api hash and with the phone masked', async () => {
    const host = hostWithCode();
    await requestLoginCode(host, '447911123456');
    const log = host.logLines.join('\n');
    expect(log).toContain(maskPhone('447911123456'));
    expect(log).not.toContain('447911123456');
    expect(log).not.toContain(API_HASH);
    expect(maskPhone('447911123456')).toBe('+********3456');
  });
});

describe('signIn', () => {
  const token = new LoginToken({
    phone: '447911123456',
    phoneCodeHash: 'hash-1',
    dcId: 2,
    type: 'app',
    createdAt: new Date(NOW),
  });
  const user = makeUser(42n);

  it('phone → code → user: signs in and hands the user to the host', async () => {
    const host = new FakeHost().on('auth.signIn', authorization(user));
    const result = await signIn(host, token, ' 12 345 ');
    expect(result).toBe(user);
    expect(host.signedIn).toEqual([user]);
    expect(host.calls[0].request).toEqual({
      _: 'auth.signIn',
      phoneNumber: '447911123456',
      phoneCodeHash: 'hash-1',
      phoneCode: '12345',
    });
  });

  it('accepts the LoginToken string form (finishing in another request)', async () => {
    const host = new FakeHost().on('auth.signIn', authorization(user));
    expect(await signIn(host, token.toString(), '12345')).toBe(user);
  });

  it('switches to the DC that sent the code first', async () => {
    const host = new FakeHost().on('auth.signIn', authorization(user));
    host.dcId = 1;
    await signIn(host, token, '12345');
    expect(host.switches).toEqual([2]);
    expect(host.calls[0].dcId).toBe(2);
  });

  it('returns a PasswordToken on SESSION_PASSWORD_NEEDED (2FA is a value)', async () => {
    const password = { _: 'account.password', hasPassword: true, hint: 'cat', hasRecovery: true };
    const host = new FakeHost()
      .on('auth.signIn', rpc(401, 'SESSION_PASSWORD_NEEDED'))
      .on('account.getPassword', password);
    const result = await signIn(host, token, '12345');
    expect(result).toBeInstanceOf(PasswordToken);
    const pt = result as PasswordToken;
    expect(pt.hint).toBe('cat');
    expect(pt.hasRecovery).toBe(true);
    expect(pt.accountPassword).toBe(password);
    expect(host.signedIn).toHaveLength(0);
  });

  it('says sign-up is required with a typed error', async () => {
    const host = new FakeHost().on('auth.signIn', { _: 'auth.authorizationSignUpRequired' });
    const e = await signIn(host, token, '12345').catch((x) => x);
    expect(e).toBeInstanceOf(SignUpRequiredError);
    expect(e.message).toMatch(/no Telegram account yet/);
    expect(host.signedIn).toHaveLength(0);
  });

  it.each([
    ['PHONE_CODE_INVALID', CodeInvalidError],
    ['PHONE_CODE_EXPIRED', CodeExpiredError],
    ['PHONE_NUMBER_UNOCCUPIED', SignUpRequiredError],
  ])('%s is a typed error and is never retried', async (name, type) => {
    const host = new FakeHost().on('auth.signIn', rpc(400, name), authorization(user));
    await expect(signIn(host, token, '12345')).rejects.toThrow(type);
    expect(host.callsOf('auth.signIn')).toHaveLength(1);
  });

  it('never puts the code in errors or logs', async () => {
    const host = new FakeHost().on('auth.signIn', rpc(400, 'PHONE_CODE_INVALID'));
    const e = await signIn(host, token, '97531').catch((x) => x);
    expect(e.message).not.toContain('97531');
    expect(host.logLines.join('\n')).not.toContain('97531');
  });

  it('rejects an empty code before any network call', async () => {
    const host = new FakeHost().on('auth.signIn', authorization(user));
    await expect(signIn(host, token, '  ')).rejects.toThrow(InvalidCodeError);
    await expect(signIn(host, 'garbage', '12345')).rejects.toThrow(/not a LoginToken/);
    expect(host.calls).toHaveLength(0);
  });

  it('refuses an authorization without a user', async () => {
    const host = new FakeHost().on('auth.signIn', {
      _: 'auth.authorization',
      user: { _: 'userEmpty', id: 1n },
    });
    await expect(signIn(host, token, '12345')).rejects.toThrow(UnexpectedAnswerError);
    expect(host.signedIn).toHaveLength(0);
  });
});

describe('resendLoginCode', () => {
  const token = new LoginToken({
    phone: '447911123456',
    phoneCodeHash: 'hash-1',
    dcId: 4,
    type: 'sms',
    nextType: 'call',
    timeoutSeconds: 60,
    createdAt: new Date(NOW),
  });

  it('asks for the code again on the DC that sent it and returns the new token', async () => {
    const host = new FakeHost().on('auth.resendCode', {
      _: 'auth.sentCode',
      type: { _: 'auth.sentCodeTypeCall', length: 5 },
      phoneCodeHash: 'hash-2',
    });
    const next = await resendLoginCode(host, token.toString(), { now: () => NOW + 61_000 });
    expect(host.switches).toEqual([4]);
    expect(host.calls[0].request).toEqual({
      _: 'auth.resendCode',
      phoneNumber: '447911123456',
      phoneCodeHash: 'hash-1',
    });
    expect(next.phoneCodeHash).toBe('hash-2');
    expect(next.type).toBe('call');
    expect(next.dcId).toBe(4);
    expect(next.createdAt).toEqual(new Date(NOW + 61_000));
  });

  it('is not retried and explains the failure', async () => {
    const host = new FakeHost().on('auth.resendCode', rpc(400, 'PHONE_CODE_EXPIRED'));
    await expect(resendLoginCode(host, token)).rejects.toThrow(CodeExpiredError);
    expect(host.calls).toHaveLength(1);
  });
});
