import { nodeCrypto } from '@telets/crypto/node';
import { describe, expect, it } from 'vitest';
import {
  CodeExpiredError,
  CodeInvalidError,
  FloodWaitError,
  InvalidPhoneError,
  LoginCancelledError,
  PasswordInvalidError,
  SignUpRequiredError,
} from './errors.js';
import { describeDelivery, interactiveLogin } from './interactive-login.js';
import { LoginToken } from './login-token.js';
import {
  authorization,
  FakeHost,
  makeUser,
  rpc,
  ScriptedPrompter,
} from './testing-internal/fake-host.js';
import { SrpAccount } from './testing-internal/srp-account.js';

const PHONE = '+1 555 010 9999';
const BOT_TOKEN = '123456789:AAE_fake-Secret_0123456789abcdefghijk';
const PASSWORD = 'open sesame';
const user = makeUser(42n, { firstName: 'Ada', lastName: 'Lovelace', username: 'ada' });
const sentCode = {
  _: 'auth.sentCode',
  type: { _: 'auth.sentCodeTypeApp', length: 5 },
  phoneCodeHash: 'hash',
};

function notSignedIn(): FakeHost {
  return new FakeHost()
    .on('users.getUsers', rpc(401, 'AUTH_KEY_UNREGISTERED'))
    .on('auth.sendCode', sentCode);
}

function with2fa(host: FakeHost, hint?: string): SrpAccount {
  host.crypto = nodeCrypto;
  const account = new SrpAccount(nodeCrypto, PASSWORD, hint);
  host.on('auth.signIn', rpc(401, 'SESSION_PASSWORD_NEEDED'));
  host.on('account.getPassword', () => account.getPassword());
  host.on('auth.checkPassword', (request) => {
    account.check(request as { password: unknown });
    return authorization(user);
  });
  return account;
}

describe('interactiveLogin', () => {
  it('returns at once when already signed in, asking nothing', async () => {
    const host = new FakeHost().on('users.getUsers', [user]);
    const prompter = new ScriptedPrompter([]);
    expect(await interactiveLogin(host, undefined, prompter)).toBe(user);
    expect(prompter.asked).toHaveLength(0);
    expect(prompter.said).toEqual(['Already signed in as Ada Lovelace (@ada).']);
    expect(host.calls.map((c) => c._)).toEqual(['users.getUsers']);
  });

  it('does not mistake a network error for "not signed in"', async () => {
    const host = new FakeHost().on('users.getUsers', new Error('ECONNREFUSED'));
    const prompter = new ScriptedPrompter([PHONE]);
    await expect(interactiveLogin(host, undefined, prompter)).rejects.toThrow('ECONNREFUSED');
    expect(prompter.asked).toHaveLength(0);
  });

  it('phone → code → user, saying how the code was sent', async () => {
    const host = notSignedIn().on('auth.signIn', authorization(user));
    const prompter = new ScriptedPrompter([PHONE, '12345']);
    expect(await interactiveLogin(host, undefined, prompter)).toBe(user);
    expect(prompter.asked).toEqual([
      { question: 'Phone number (with country code) or bot token: ', isSecret: false },
      { question: 'Login code: ', isSecret: false },
    ]);
    expect(prompter.said).toEqual([
      'The login code was sent to your Telegram app (in the chat with "Telegram"). It has 5 characters.',
      'Signed in as Ada Lovelace (@ada).',
    ]);
    expect(host.signedIn).toEqual([user]);
  });

  it('uses a phone number given up front without asking for it', async () => {
    const host = notSignedIn().on('auth.signIn', authorization(user));
    const prompter = new ScriptedPrompter(['12345']);
    await interactiveLogin(host, PHONE, prompter);
    expect(prompter.asked.map((a) => a.question)).toEqual(['Login code: ']);
  });

  it('signs in a bot from a bot token answer', async () => {
    const bot = makeUser(123456789n, { bot: true, firstName: 'Helper', lastName: undefined });
    const host = notSignedIn().on('auth.importBotAuthorization', authorization(bot));
    const prompter = new ScriptedPrompter([BOT_TOKEN]);
    expect(await interactiveLogin(host, undefined, prompter)).toBe(bot);
    expect(host.callsOf('auth.sendCode')).toHaveLength(0);
    expect(host.callsOf('auth.importBotAuthorization')).toHaveLength(1);
    expect(prompter.said).toEqual(['Signed in as Helper.']);
  });

  it('asks again after an invalid phone number, explaining why', async () => {
    const host = notSignedIn().on('auth.signIn', authorization(user));
    const prompter = new ScriptedPrompter(['call me maybe', PHONE, '12345']);
    expect(await interactiveLogin(host, undefined, prompter)).toBe(user);
    expect(prompter.said[0]).toBe(
      'The phone number may contain only digits, spaces, dashes, brackets and a leading +. 2 attempts left.',
    );
    expect(host.callsOf('auth.sendCode')).toHaveLength(1);
  });

  it('asks again when Telegram says the number is invalid', async () => {
    const host = notSignedIn()
      .set('auth.sendCode', rpc(400, 'PHONE_NUMBER_INVALID'), sentCode)
      .on('auth.signIn', authorization(user));
    const prompter = new ScriptedPrompter(['+999 12345', PHONE, '12345']);
    expect(await interactiveLogin(host, undefined, prompter)).toBe(user);
    expect(prompter.said[0]).toMatch(
      /^Telegram says this phone number is invalid\..* 2 attempts left\.$/,
    );
  });

  it('throws at once for an invalid value given up front', async () => {
    const host = notSignedIn();
    const prompter = new ScriptedPrompter([]);
    await expect(interactiveLogin(host, 'nope', prompter)).rejects.toThrow(InvalidPhoneError);
    expect(prompter.asked).toHaveLength(0);
    expect(prompter.said).toEqual([
      'The phone number may contain only digits, spaces, dashes, brackets and a leading +.',
    ]);
  });

  it('allows at most 3 code attempts, explaining each failure', async () => {
    const host = notSignedIn().on('auth.signIn', rpc(400, 'PHONE_CODE_INVALID'));
    const prompter = new ScriptedPrompter([PHONE, '11111', '22222', '33333', '44444']);
    const e = await interactiveLogin(host, undefined, prompter).catch((x) => x);
    expect(e).toBeInstanceOf(CodeInvalidError);
    expect(host.callsOf('auth.signIn')).toHaveLength(3);
    expect(prompter.asked.filter((a) => a.question === 'Login code: ')).toHaveLength(3);
    const wrong =
      'The login code is wrong. Check the latest code Telegram sent you and type it again.';
    expect(prompter.said.slice(1)).toEqual([
      `${wrong} 2 attempts left.`,
      `${wrong} 1 attempt left.`,
      `${wrong} That was the last of 3 attempts.`,
    ]);
  });

  it('counts an empty code as an attempt without sending it', async () => {
    const host = notSignedIn().on('auth.signIn', authorization(user));
    const prompter = new ScriptedPrompter([PHONE, '', '12345']);
    expect(await interactiveLogin(host, undefined, prompter)).toBe(user);
    expect(host.callsOf('auth.signIn')).toHaveLength(1);
    expect(prompter.said[1]).toBe('The login code is empty. 2 attempts left.');
  });

  it('stops on an expired code with the explanation', async () => {
    const host = notSignedIn().on('auth.signIn', rpc(400, 'PHONE_CODE_EXPIRED'));
    const prompter = new ScriptedPrompter([PHONE, '12345', '12345']);
    await expect(interactiveLogin(host, undefined, prompter)).rejects.toThrow(CodeExpiredError);
    expect(host.callsOf('auth.signIn')).toHaveLength(1);
    expect(prompter.said.at(-1)).toMatch(/expired\. Request a new code/);
  });

  it('says sign-up is required and stops', async () => {
    const host = notSignedIn().on('auth.signIn', { _: 'auth.authorizationSignUpRequired' });
    const prompter = new ScriptedPrompter([PHONE, '12345']);
    await expect(interactiveLogin(host, undefined, prompter)).rejects.toThrow(SignUpRequiredError);
    expect(prompter.said.at(-1)).toMatch(/no Telegram account yet/);
  });

  it('asks for the 2FA password as a secret, showing the hint (real SRP)', async () => {
    const host = notSignedIn();
    with2fa(host, 'the magic words');
    const prompter = new ScriptedPrompter([PHONE, '12345', PASSWORD]);
    expect(await interactiveLogin(host, undefined, prompter)).toBe(user);
    expect(prompter.asked.at(-1)).toEqual({ question: 'Password: ', isSecret: true });
    expect(prompter.said).toContain(
      'This account has two-step verification. Password hint: the magic words',
    );
    expect(prompter.said.join('\n')).not.toContain(PASSWORD);
  });

  it('allows at most 3 password attempts; a wrong password really fails', async () => {
    const host = notSignedIn();
    const account = with2fa(host);
    const prompter = new ScriptedPrompter([
      PHONE,
      '12345',
      'pw-guess-1',
      'pw-guess-2',
      'pw-guess-3',
      PASSWORD,
    ]);
    const e = await interactiveLogin(host, undefined, prompter).catch((x) => x);
    expect(e).toBeInstanceOf(PasswordInvalidError);
    expect(account.checks).toBe(3);
    expect(prompter.asked.filter((a) => a.isSecret)).toHaveLength(3);
    expect(prompter.said.slice(-3)).toEqual([
      'The two-step verification password is wrong. 2 attempts left.',
      'The two-step verification password is wrong. 1 attempt left.',
      'The two-step verification password is wrong. That was the last of 3 attempts.',
    ]);
    expect(prompter.said.join('\n')).not.toMatch(/pw-guess/);
    expect(host.signedIn).toHaveLength(0);
  });

  it('accepts the password on the second attempt', async () => {
    const host = notSignedIn();
    with2fa(host);
    const prompter = new ScriptedPrompter([PHONE, '12345', 'wrong', PASSWORD]);
    expect(await interactiveLogin(host, undefined, prompter)).toBe(user);
  });

  it('stops on FLOOD_WAIT and says how long to wait', async () => {
    const host = notSignedIn().set('auth.sendCode', rpc(420, 'FLOOD_WAIT_300'));
    const prompter = new ScriptedPrompter([PHONE, '12345']);
    const e = await interactiveLogin(host, undefined, prompter).catch((x) => x);
    expect(e).toBeInstanceOf(FloodWaitError);
    expect(e.seconds).toBe(300);
    expect(prompter.asked).toHaveLength(1);
    expect(prompter.said).toEqual([
      'Telegram asks to wait 5 minutes before trying again. Stopping here; run the login again after that.',
    ]);
  });

  it('stops on FLOOD_WAIT at the code step instead of using the remaining attempts', async () => {
    const host = notSignedIn().on(
      'auth.signIn',
      rpc(400, 'PHONE_CODE_INVALID'),
      rpc(420, 'FLOOD_WAIT_45'),
    );
    const prompter = new ScriptedPrompter([PHONE, '11111', '22222', '33333']);
    await expect(interactiveLogin(host, undefined, prompter)).rejects.toThrow(FloodWaitError);
    expect(host.callsOf('auth.signIn')).toHaveLength(2);
    expect(prompter.said.at(-1)).toMatch(/^Telegram asks to wait 45 seconds/);
  });

  it('turns a prompter that cannot answer into LoginCancelledError', async () => {
    const host = notSignedIn();
    const prompter = new ScriptedPrompter([]);
    await expect(interactiveLogin(host, undefined, prompter)).rejects.toThrow(LoginCancelledError);
  });

  it('needs a prompter in the portable entry, and says where to get one', async () => {
    const host = notSignedIn();
    await expect(interactiveLogin(host)).rejects.toThrow(/@telets\/auth\/node/);
    expect(host.calls).toHaveLength(0);
  });

  it('describes every delivery channel in words', () => {
    const base = { phone: '1555', phoneCodeHash: 'h', dcId: 1, createdAt: new Date(0) };
    expect(describeDelivery(new LoginToken({ ...base, type: 'sms', codeLength: 6 }))).toBe(
      'The login code was sent by SMS. It has 6 characters.',
    );
    expect(describeDelivery(new LoginToken({ ...base, type: 'call' }))).toBe(
      'The login code was sent by a phone call.',
    );
    expect(describeDelivery(new LoginToken({ ...base, type: 'unknown' }))).toMatch(/does not know/);
  });
});
