import { portableCrypto, SrpParamsError } from '@telets/crypto';
import { nodeCrypto } from '@telets/crypto/node';
import { describe, expect, it } from 'vitest';
import {
  FloodWaitError,
  InvalidPasswordError,
  PasswordInvalidError,
  UnsupportedPasswordAlgorithmError,
} from './errors.js';
import { LoginToken } from './login-token.js';
import { checkPassword } from './password.js';
import { PasswordToken } from './password-token.js';
import { signIn } from './phone-login.js';
import {
  authorization,
  FakeHost,
  FakeRpcError,
  makeUser,
  rpc,
} from './testing-internal/fake-host.js';
import { SrpAccount } from './testing-internal/srp-account.js';

const PASSWORD = 'correct horse battery staple';
const user = makeUser(5n);

function setup(hint?: string): { host: FakeHost; account: SrpAccount } {
  const host = new FakeHost();
  host.crypto = nodeCrypto;
  const account = new SrpAccount(nodeCrypto, PASSWORD, hint);
  host.on('account.getPassword', () => account.getPassword());
  host.on('auth.checkPassword', (request) => {
    account.check(request as { password: unknown });
    return authorization(user);
  });
  return { host, account };
}

describe('checkPassword (real SRP against a server-side verifier)', () => {
  it('phone → code → PasswordToken → password → user', async () => {
    const { host } = setup('my usual one');
    host.on('auth.signIn', rpc(401, 'SESSION_PASSWORD_NEEDED'));
    const token = new LoginToken({
      phone: '15550109999',
      phoneCodeHash: 'h',
      dcId: 2,
      type: 'app',
      createdAt: new Date(0),
    });
    const step = await signIn(host, token, '12345');
    expect(step).toBeInstanceOf(PasswordToken);
    expect((step as PasswordToken).hint).toBe('my usual one');
    expect(await checkPassword(host, step as PasswordToken, PASSWORD)).toBe(user);
    expect(host.signedIn).toEqual([user]);
    const sent = host.callsOf('auth.checkPassword')[0].request as unknown as {
      password: { _: string; srpId: bigint; A: Uint8Array; M1: Uint8Array };
    };
    expect(sent.password._).toBe('inputCheckPasswordSRP');
    expect(sent.password.A).toHaveLength(256);
    expect(sent.password.M1).toHaveLength(32);
  });

  it('computes the same proof with the portable (browser) crypto provider', async () => {
    const { host, account } = setup();
    host.crypto = portableCrypto;
    const token = new PasswordToken(await account.getPassword());
    expect(await checkPassword(host, token, PASSWORD)).toBe(user);
    expect(account.checks).toBe(1);
  });

  it('a wrong password really fails, once, with PasswordInvalidError', async () => {
    const { host, account } = setup();
    const token = new PasswordToken(await account.getPassword());
    const e = await checkPassword(host, token, 'Correct horse battery staple').catch((x) => x);
    expect(e).toBeInstanceOf(PasswordInvalidError);
    expect(e.message).toBe('The two-step verification password is wrong.');
    expect(account.checks).toBe(1);
    expect(host.callsOf('auth.checkPassword')).toHaveLength(1);
    expect(host.signedIn).toHaveLength(0);
  });

  it('refetches the parameters once on SRP_ID_INVALID and computes a new proof', async () => {
    const { host, account } = setup();
    const token = new PasswordToken(await account.getPassword());
    account.expireSrpIds();
    expect(await checkPassword(host, token, PASSWORD)).toBe(user);
    const checks = host.callsOf('auth.checkPassword');
    expect(checks).toHaveLength(2);
    expect(host.callsOf('account.getPassword')).toHaveLength(1);
    const ids = checks.map(
      (c) => (c.request as unknown as { password: { srpId: bigint } }).password.srpId,
    );
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('gives up after one refetch when SRP_ID_INVALID repeats', async () => {
    const { account } = setup();
    const token = new PasswordToken(await account.getPassword());
    const always = new FakeHost();
    always.crypto = nodeCrypto;
    always.on('account.getPassword', () => account.getPassword());
    always.on('auth.checkPassword', rpc(400, 'SRP_ID_INVALID'));
    const e = await checkPassword(always, token, PASSWORD).catch((x) => x);
    expect(e).toBeInstanceOf(FakeRpcError);
    expect(e.name).toBe('SRP_ID_INVALID');
    expect(always.callsOf('auth.checkPassword')).toHaveLength(2);
    expect(always.callsOf('account.getPassword')).toHaveLength(1);
  });

  it('does not retry on FLOOD_WAIT', async () => {
    const { account } = setup();
    const host = new FakeHost();
    host.crypto = nodeCrypto;
    host.on('auth.checkPassword', rpc(420, 'FLOOD_WAIT_60'));
    const token = new PasswordToken(await account.getPassword());
    const e = await checkPassword(host, token, PASSWORD).catch((x) => x);
    expect(e).toBeInstanceOf(FloodWaitError);
    expect(e.seconds).toBe(60);
    expect(host.calls).toHaveLength(1);
  });

  it('never puts the password in errors or logs', async () => {
    const { host, account } = setup();
    const token = new PasswordToken(await account.getPassword());
    const e = await checkPassword(host, token, 'hunter2-secret').catch((x) => x);
    expect(String(e.message)).not.toContain('hunter2');
    expect(host.logLines.join('\n')).not.toContain('hunter2');
  });

  it('rejects an empty password before any computation or network call', async () => {
    const { host, account } = setup();
    const token = new PasswordToken(await account.getPassword());
    await expect(checkPassword(host, token, '')).rejects.toThrow(InvalidPasswordError);
    expect(host.calls).toHaveLength(0);
  });

  it('refuses an unknown key-derivation algorithm', async () => {
    const host = new FakeHost();
    const token = new PasswordToken({
      _: 'account.password',
      hasPassword: true,
      currentAlgo: { _: 'passwordKdfAlgoUnknown' },
      srpB: new Uint8Array(256),
      srpId: 1n,
      newAlgo: { _: 'passwordKdfAlgoUnknown' },
      newSecureAlgo: { _: 'securePasswordKdfAlgoUnknown' },
      secureRandom: new Uint8Array(0),
    } as PasswordToken['accountPassword']);
    await expect(checkPassword(host, token, PASSWORD)).rejects.toThrow(
      UnsupportedPasswordAlgorithmError,
    );
    const noAlgo = new PasswordToken({
      _: 'account.password',
      newAlgo: { _: 'passwordKdfAlgoUnknown' },
      newSecureAlgo: { _: 'securePasswordKdfAlgoUnknown' },
      secureRandom: new Uint8Array(0),
    } as PasswordToken['accountPassword']);
    await expect(checkPassword(host, noAlgo, PASSWORD)).rejects.toThrow(/no password parameters/);
    expect(host.calls).toHaveLength(0);
  });

  it("refuses bad SRP parameters (crypto's checks) before sending anything", async () => {
    const { host, account } = setup();
    const good = await account.getPassword();
    const token = new PasswordToken({ ...good, srpB: new Uint8Array([1]) });
    await expect(checkPassword(host, token, PASSWORD)).rejects.toThrow(SrpParamsError);
    expect(host.calls).toHaveLength(0);
  });
});
