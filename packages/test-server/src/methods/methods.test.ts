import { describe, expect, it } from 'vitest';
import { RpcFailure } from '../errors.js';
import { fakeProof, fakeWorld } from '../testing-internal/fake-world.js';
import type { TlObj } from '../tl/object.js';
import { acceptToken } from './auth-qr.js';
import { executeRequest } from './execute.js';

function defined<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

const app = { apiId: 12345, apiHash: '0123456789abcdef0123456789abcdef' };

async function call(ctx: Parameters<typeof executeRequest>[0], request: TlObj): Promise<unknown> {
  const outcome = await executeRequest(ctx, request);
  if (!outcome.isOk) throw outcome.error;
  return outcome.value;
}

async function rpcError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RpcFailure) return `${error.code} ${error.errorMessage}`;
    throw error;
  }
  throw new Error('expected an rpc error');
}

const sendCode = (phone: string, a = app): TlObj => ({
  _: 'auth.sendCode',
  phoneNumber: phone,
  apiId: a.apiId,
  apiHash: a.apiHash,
  settings: { _: 'codeSettings' },
});

describe('phone sign-in', () => {
  it('signs a test number in on its home DC with the digit-X code', async () => {
    const f = fakeWorld();
    const ctx = f.ctx(2);
    const sent = (await call(ctx, sendCode('+999 66 2 0001'))) as TlObj;
    expect(sent._).toBe('auth.sentCode');
    expect((sent.type as TlObj)._).toBe('auth.sentCodeTypeApp');
    const auth = (await call(ctx, {
      _: 'auth.signIn',
      phoneNumber: '9996620001',
      phoneCodeHash: sent.phoneCodeHash,
      phoneCode: '22222',
    })) as TlObj;
    expect(auth._).toBe('auth.authorization');
    const user = auth.user as TlObj;
    expect(user).toMatchObject({ _: 'user', self: true, phone: '9996620001' });
    expect(ctx.authKey.userId).toBe(user.id);
  });

  it('sends PHONE_MIGRATE_X when the number lives on another DC', async () => {
    const f = fakeWorld();
    expect(await rpcError(call(f.ctx(2), sendCode('9996610001')))).toBe('303 PHONE_MIGRATE_1');
    expect(await rpcError(call(f.ctx(2), sendCode('9996630001')))).toBe('303 PHONE_MIGRATE_3');
  });

  it('rejects malformed numbers and test numbers of a DC the server lacks', async () => {
    const f = fakeWorld();
    expect(await rpcError(call(f.ctx(2), sendCode('12ab')))).toBe('400 PHONE_NUMBER_INVALID');
    expect(await rpcError(call(f.ctx(2), sendCode('9996690001')))).toBe('400 PHONE_NUMBER_INVALID');
  });

  it('checks api_id and api_hash', async () => {
    const f = fakeWorld();
    const bad = { apiId: 12345, apiHash: 'ffffffffffffffffffffffffffffffff' };
    expect(await rpcError(call(f.ctx(2), sendCode('9996620001', bad)))).toBe('400 API_ID_INVALID');
    f.world.apps.add({ apiId: 777, apiHash: 'abc' });
    const ok = (await call(
      f.ctx(2),
      sendCode('9996620001', { apiId: 777, apiHash: 'abc' }),
    )) as TlObj;
    expect(ok._).toBe('auth.sentCode');
  });

  it('answers PHONE_CODE_INVALID, PHONE_CODE_EMPTY and PHONE_CODE_EXPIRED', async () => {
    const f = fakeWorld({ codeTtlMs: 60_000 });
    const ctx = f.ctx(2);
    const sent = (await call(ctx, sendCode('9996620002'))) as TlObj;
    const signIn = (code?: string, hash = sent.phoneCodeHash): Promise<unknown> =>
      call(ctx, {
        _: 'auth.signIn',
        phoneNumber: '9996620002',
        phoneCodeHash: hash,
        phoneCode: code,
      });
    expect(await rpcError(signIn('11111'))).toBe('400 PHONE_CODE_INVALID');
    expect(await rpcError(signIn(undefined))).toBe('400 PHONE_CODE_EMPTY');
    expect(await rpcError(signIn('22222', 'nonsense'))).toBe('400 PHONE_CODE_EXPIRED');
    expect(await rpcError(signIn('22222', ''))).toBe('400 PHONE_CODE_HASH_EMPTY');
    f.clock.ms += 60_000;
    expect(await rpcError(signIn('22222'))).toBe('400 PHONE_CODE_EXPIRED');
  });

  it('makes a used or cancelled hash expire', async () => {
    const f = fakeWorld();
    const ctx = f.ctx(2);
    const first = (await call(ctx, sendCode('9996620003'))) as TlObj;
    const cancelled = await call(ctx, {
      _: 'auth.cancelCode',
      phoneNumber: '9996620003',
      phoneCodeHash: first.phoneCodeHash,
    });
    expect(cancelled).toBe(true);
    const signIn = { _: 'auth.signIn', phoneNumber: '9996620003', phoneCode: '22222' };
    expect(await rpcError(call(ctx, { ...signIn, phoneCodeHash: first.phoneCodeHash }))).toBe(
      '400 PHONE_CODE_EXPIRED',
    );
    const second = (await call(ctx, sendCode('9996620003'))) as TlObj;
    await call(ctx, { ...signIn, phoneCodeHash: second.phoneCodeHash });
    expect(await rpcError(call(f.ctx(2), { ...signIn, phoneCodeHash: second.phoneCodeHash }))).toBe(
      '400 PHONE_CODE_EXPIRED',
    );
  });

  it('resends a code with a new hash and invalidates the old one', async () => {
    const f = fakeWorld();
    const ctx = f.ctx(2);
    const first = (await call(ctx, sendCode('9996620004'))) as TlObj;
    const again = (await call(ctx, {
      _: 'auth.resendCode',
      phoneNumber: '9996620004',
      phoneCodeHash: first.phoneCodeHash,
    })) as TlObj;
    expect(again.phoneCodeHash).not.toBe(first.phoneCodeHash);
    expect(
      await rpcError(
        call(ctx, {
          _: 'auth.resendCode',
          phoneNumber: '9996620004',
          phoneCodeHash: first.phoneCodeHash,
        }),
      ),
    ).toBe('400 PHONE_CODE_EXPIRED');
  });

  it('requires sign-up for unknown numbers, then signs the new account in', async () => {
    const f = fakeWorld({ codeFor: () => '55555' });
    const ctx = f.ctx(1);
    const sent = (await call(ctx, sendCode('+44 7700 900123'))) as TlObj;
    expect((sent.type as TlObj)._).toBe('auth.sentCodeTypeSms');
    expect(f.world.codes.lastCodeFor('447700900123')).toBe('55555');
    const hash = sent.phoneCodeHash;
    const signUp = {
      _: 'auth.signUp',
      phoneNumber: '447700900123',
      phoneCodeHash: hash,
      lastName: 'X',
    };
    expect(await rpcError(call(ctx, { ...signUp, firstName: 'Ann' }))).toBe(
      '400 PHONE_CODE_INVALID',
    );
    const result = (await call(ctx, {
      _: 'auth.signIn',
      phoneNumber: '447700900123',
      phoneCodeHash: hash,
      phoneCode: '55555',
    })) as TlObj;
    expect(result._).toBe('auth.authorizationSignUpRequired');
    expect(await rpcError(call(ctx, { ...signUp, firstName: ' ' }))).toBe('400 FIRSTNAME_INVALID');
    const auth = (await call(ctx, { ...signUp, firstName: 'Ann' })) as TlObj;
    expect(auth.user).toMatchObject({ firstName: 'Ann', lastName: 'X', phone: '447700900123' });
    expect(f.world.accounts.byPhoneNumber('447700900123')?.dcId).toBe(1);
  });

  it('limits auth.sendCode per phone with FLOOD_WAIT_X', async () => {
    const f = fakeWorld({ floodLimits: { 'auth.sendCode': { maxRequests: 2, windowMs: 60_000 } } });
    await call(f.ctx(2), sendCode('9996620005'));
    f.clock.ms += 10_000;
    await call(f.ctx(2), sendCode('9996620005'));
    expect(await rpcError(call(f.ctx(2), sendCode('9996620005')))).toBe('420 FLOOD_WAIT_50');
    await call(f.ctx(2), sendCode('9996620006'));
    f.clock.ms += 50_000;
    await call(f.ctx(2), sendCode('9996620005'));
  });

  it('limits any other method per caller with FLOOD_WAIT_X', async () => {
    const f = fakeWorld({
      floodLimits: { 'help.getNearestDc': { maxRequests: 1, windowMs: 2_000 } },
    });
    const first = f.ctx(2);
    const second = f.ctx(2);
    const nearest = { _: 'help.getNearestDc' };
    await call(first, nearest);
    expect(await rpcError(call(first, nearest))).toBe('420 FLOOD_WAIT_2');
    // Another auth key has its own budget; unlimited methods are untouched.
    await call(second, nearest);
    await call(first, { _: 'help.getConfig' });
    f.clock.ms += 2_000;
    await call(first, nearest);
    f.world.flood.setLimit('help.getNearestDc', undefined);
    await call(first, nearest);
  });

  it('logs out and then answers 401 AUTH_KEY_UNREGISTERED', async () => {
    const f = fakeWorld();
    const ctx = f.ctx(2);
    expect(await rpcError(call(ctx, { _: 'auth.logOut' }))).toBe('401 AUTH_KEY_UNREGISTERED');
    const sent = (await call(ctx, sendCode('9996620007'))) as TlObj;
    await call(ctx, {
      _: 'auth.signIn',
      phoneNumber: '9996620007',
      phoneCodeHash: sent.phoneCodeHash,
      phoneCode: '22222',
    });
    expect(((await call(ctx, { _: 'auth.logOut' })) as TlObj)._).toBe('auth.loggedOut');
    expect(await rpcError(call(ctx, { _: 'updates.getState' }))).toBe('401 AUTH_KEY_UNREGISTERED');
  });
});

describe('wrappers and unknown methods', () => {
  it('unwraps invokeWithLayer and initConnection and checks api_id', async () => {
    const f = fakeWorld();
    const ctx = f.ctx(1);
    const wrap = (apiId: number): TlObj => ({
      _: 'invokeWithLayer',
      layer: 198,
      query: { _: 'initConnection', apiId, query: { _: 'help.getNearestDc' } },
    });
    const outcome = await executeRequest(ctx, wrap(12345));
    expect(outcome).toMatchObject({
      method: 'help.getNearestDc',
      isOk: true,
      value: { thisDc: 1 },
    });
    expect(ctx.authKey.apiId).toBe(12345);
    expect(await rpcError(call(ctx, wrap(1)))).toBe('400 API_ID_INVALID');
  });

  it('answers INPUT_METHOD_INVALID for methods it does not implement', async () => {
    const f = fakeWorld();
    expect(await rpcError(call(f.ctx(1), { _: 'messages.getDialogs' }))).toBe(
      '400 INPUT_METHOD_INVALID',
    );
  });

  it('lists every DC in help.getConfig', async () => {
    const f = fakeWorld();
    defined(f.world.dcAddresses.get(3)).port = 4453;
    const config = (await call(f.ctx(3), { _: 'help.getConfig' })) as TlObj;
    expect(config.thisDc).toBe(3);
    expect(config.dcOptions).toContainEqual({
      _: 'dcOption',
      id: 3,
      ipAddress: '127.0.0.1',
      port: 4453,
    });
    expect((config.dcOptions as unknown[]).length).toBe(3);
  });
});

describe('2FA', () => {
  async function withPassword() {
    const f = fakeWorld();
    const account = defined(f.world.accounts.findOrCreateTestAccount('9996620010'));
    account.password = await f.world.makePasswordRecord('hunter2', 'the usual');
    const ctx = f.ctx(2);
    const sent = (await call(ctx, sendCode('9996620010'))) as TlObj;
    const err = await rpcError(
      call(ctx, {
        _: 'auth.signIn',
        phoneNumber: '9996620010',
        phoneCodeHash: sent.phoneCodeHash,
        phoneCode: '22222',
      }),
    );
    return { f, ctx, account, err };
  }

  it('asks for the password, then accepts a valid SRP proof', async () => {
    const { f, ctx, account, err } = await withPassword();
    expect(err).toBe('401 SESSION_PASSWORD_NEEDED');
    expect(ctx.authKey.userId).toBeUndefined();
    const pw = (await call(ctx, { _: 'account.getPassword' })) as TlObj;
    expect(pw).toMatchObject({ hasPassword: true, hint: 'the usual' });
    expect((pw.currentAlgo as TlObj).p).toEqual(f.world.dhPrime);
    const A = new Uint8Array(256).fill(7);
    const M1 = fakeProof(defined(account.password).verifier, pw.srpB as Uint8Array, A);
    const check = (m1: Uint8Array, srpId = pw.srpId): Promise<unknown> =>
      call(ctx, {
        _: 'auth.checkPassword',
        password: { _: 'inputCheckPasswordSRP', srpId, A, M1: m1 },
      });
    expect(await rpcError(check(new Uint8Array(32)))).toBe('400 PASSWORD_HASH_INVALID');
    expect(await rpcError(check(M1, 42n))).toBe('400 SRP_ID_INVALID');
    const auth = (await check(M1)) as TlObj;
    expect(auth._).toBe('auth.authorization');
    expect(ctx.authKey.userId).toBe(account.id);
  });

  it('expires the srp_id', async () => {
    const { f, ctx, account } = await withPassword();
    const pw = (await call(ctx, { _: 'account.getPassword' })) as TlObj;
    const A = new Uint8Array(256).fill(1);
    const M1 = fakeProof(defined(account.password).verifier, pw.srpB as Uint8Array, A);
    f.clock.ms += f.world.srpSessions.ttlMs;
    const error = await rpcError(
      call(ctx, {
        _: 'auth.checkPassword',
        password: { _: 'inputCheckPasswordSRP', srpId: pw.srpId, A, M1 },
      }),
    );
    expect(error).toBe('400 SRP_ID_INVALID');
  });

  it('describes an account without a password, and refuses strangers', async () => {
    const f = fakeWorld();
    expect(await rpcError(call(f.ctx(2), { _: 'account.getPassword' }))).toBe(
      '401 AUTH_KEY_UNREGISTERED',
    );
    const ctx = f.ctx(2);
    const sent = (await call(ctx, sendCode('9996620011'))) as TlObj;
    await call(ctx, {
      _: 'auth.signIn',
      phoneNumber: '9996620011',
      phoneCodeHash: sent.phoneCodeHash,
      phoneCode: '22222',
    });
    const pw = (await call(ctx, { _: 'account.getPassword' })) as TlObj;
    expect(pw.hasPassword).toBeUndefined();
    expect((pw.newAlgo as TlObj)._).toBe(
      'passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow',
    );
  });
});

describe('bots, DC transfer and QR login', () => {
  it('imports a bot authorization on its DC, USER_MIGRATE_X elsewhere', async () => {
    const f = fakeWorld();
    f.world.accounts.addBot({ id: 777000n, secret: 'AAAbbb', dcId: 2, firstName: 'Bot' });
    const req = (token: string): TlObj => ({
      _: 'auth.importBotAuthorization',
      flags: 0,
      apiId: 12345,
      apiHash: app.apiHash,
      botAuthToken: token,
    });
    expect(await rpcError(call(f.ctx(1), req('777000:AAAbbb')))).toBe('303 USER_MIGRATE_2');
    expect(await rpcError(call(f.ctx(2), req('777000:wrong')))).toBe('400 ACCESS_TOKEN_INVALID');
    expect(await rpcError(call(f.ctx(2), req('garbage')))).toBe('400 ACCESS_TOKEN_INVALID');
    const auth = (await call(f.ctx(2), req('777000:AAAbbb'))) as TlObj;
    expect(auth.user).toMatchObject({ id: 777000n, bot: true, botInfoVersion: 1 });
  });

  it('exports an authorization to another DC, single use', async () => {
    const f = fakeWorld();
    const home = f.ctx(2);
    const sent = (await call(home, sendCode('9996620020'))) as TlObj;
    await call(home, {
      _: 'auth.signIn',
      phoneNumber: '9996620020',
      phoneCodeHash: sent.phoneCodeHash,
      phoneCode: '22222',
    });
    expect(await rpcError(call(home, { _: 'auth.exportAuthorization', dcId: 9 }))).toBe(
      '400 DC_ID_INVALID',
    );
    const exported = (await call(home, { _: 'auth.exportAuthorization', dcId: 3 })) as TlObj;
    const other = f.ctx(3);
    const imported = (await call(other, {
      _: 'auth.importAuthorization',
      id: exported.id,
      bytes: exported.bytes,
    })) as TlObj;
    expect((imported.user as TlObj).id).toBe(exported.id);
    expect(
      await rpcError(
        call(f.ctx(3), { _: 'auth.importAuthorization', id: exported.id, bytes: exported.bytes }),
      ),
    ).toBe('400 AUTH_BYTES_INVALID');
    expect(((await call(other, { _: 'updates.getState' })) as TlObj)._).toBe('updates.state');
  });

  it('logs in by QR token accepted from another session, with migration', async () => {
    const f = fakeWorld();
    const pushed: Array<[number, bigint, TlObj]> = [];
    f.world.updateSink = (dc, key, u) => pushed.push([dc, key, u]);
    const phoneSession = f.ctx(1);
    const sent = (await call(phoneSession, sendCode('9996610030'))) as TlObj;
    await call(phoneSession, {
      _: 'auth.signIn',
      phoneNumber: '9996610030',
      phoneCodeHash: sent.phoneCodeHash,
      phoneCode: '11111',
    });

    const qr = f.ctx(2);
    const exportReq = {
      _: 'auth.exportLoginToken',
      apiId: 12345,
      apiHash: app.apiHash,
      exceptIds: [],
    };
    const token = (await call(qr, exportReq)) as TlObj;
    expect(token._).toBe('auth.loginToken');
    expect(
      await rpcError(call(phoneSession, { _: 'auth.acceptLoginToken', token: new Uint8Array(32) })),
    ).toBe('400 AUTH_TOKEN_INVALID');
    const accepted = (await call(phoneSession, {
      _: 'auth.acceptLoginToken',
      token: token.token,
    })) as TlObj;
    expect(accepted._).toBe('authorization');
    expect(pushed).toHaveLength(1);
    expect(pushed[0][0]).toBe(2);
    expect(pushed[0][1]).toBe(qr.authKey.id);
    expect((pushed[0][2].update as TlObj)._).toBe('updateLoginToken');
    expect(
      await rpcError(call(phoneSession, { _: 'auth.acceptLoginToken', token: token.token })),
    ).toBe('400 AUTH_TOKEN_ALREADY_ACCEPTED');

    const migrate = (await call(qr, exportReq)) as TlObj;
    expect(migrate).toMatchObject({ _: 'auth.loginTokenMigrateTo', dcId: 1 });
    const onHome = f.ctx(1);
    const success = (await call(onHome, {
      _: 'auth.importLoginToken',
      token: migrate.token,
    })) as TlObj;
    expect(success._).toBe('auth.loginTokenSuccess');
    expect(onHome.authKey.userId).toBe(phoneSession.authKey.userId);
  });

  it('asks for the 2FA password after a QR token is accepted, then checkPassword signs in', async () => {
    const f = fakeWorld();
    const account = defined(f.world.accounts.findOrCreateTestAccount('9996610031'));
    account.password = await f.world.makePasswordRecord('hunter2', 'qr hint');
    const phoneSession = f.ctx(1);
    phoneSession.authKey.userId = account.id;
    const qr = f.ctx(2);
    const exportReq = {
      _: 'auth.exportLoginToken',
      apiId: 12345,
      apiHash: app.apiHash,
      exceptIds: [],
    };
    const token = (await call(qr, exportReq)) as TlObj;
    await call(phoneSession, { _: 'auth.acceptLoginToken', token: token.token });
    const migrate = (await call(qr, exportReq)) as TlObj;
    expect(migrate).toMatchObject({ _: 'auth.loginTokenMigrateTo', dcId: 1 });

    const onHome = f.ctx(1);
    const importReq = { _: 'auth.importLoginToken', token: migrate.token };
    expect(await rpcError(call(onHome, importReq))).toBe('401 SESSION_PASSWORD_NEEDED');
    expect(onHome.authKey.userId).toBeUndefined();
    expect(await rpcError(call(onHome, { _: 'updates.getState' }))).toBe(
      '401 AUTH_KEY_UNREGISTERED',
    );
    // The token is used up: importing it again cannot skip the password.
    expect(await rpcError(call(onHome, importReq))).toBe('400 AUTH_TOKEN_INVALID');

    const pw = (await call(onHome, { _: 'account.getPassword' })) as TlObj;
    expect(pw).toMatchObject({ hasPassword: true, hint: 'qr hint' });
    const A = new Uint8Array(256).fill(3);
    const check = (m1: Uint8Array): Promise<unknown> =>
      call(onHome, {
        _: 'auth.checkPassword',
        password: { _: 'inputCheckPasswordSRP', srpId: pw.srpId, A, M1: m1 },
      });
    expect(await rpcError(check(new Uint8Array(32)))).toBe('400 PASSWORD_HASH_INVALID');
    expect(onHome.authKey.userId).toBeUndefined();
    const M1 = fakeProof(defined(account.password).verifier, pw.srpB as Uint8Array, A);
    const auth = (await check(M1)) as TlObj;
    expect(auth._).toBe('auth.authorization');
    expect(onHome.authKey.userId).toBe(account.id);
  });

  it('answers SESSION_PASSWORD_NEEDED to the exporting session itself when no DC change is needed', async () => {
    const f = fakeWorld();
    const account = defined(f.world.accounts.findOrCreateTestAccount('9996620032'));
    account.password = await f.world.makePasswordRecord('pw', '');
    const qr = f.ctx(2);
    const exportReq = {
      _: 'auth.exportLoginToken',
      apiId: 12345,
      apiHash: app.apiHash,
      exceptIds: [],
    };
    const token = (await call(qr, exportReq)) as TlObj;
    acceptToken(f.world, token.token as Uint8Array, account);
    expect(await rpcError(call(qr, exportReq))).toBe('401 SESSION_PASSWORD_NEEDED');
    expect(qr.authKey.passwordPendingFor).toBe(account.id);
    expect(qr.authKey.userId).toBeUndefined();
  });

  it('expires QR tokens', async () => {
    const f = fakeWorld();
    const qr = f.ctx(2);
    const token = (await call(qr, {
      _: 'auth.exportLoginToken',
      apiId: 12345,
      apiHash: app.apiHash,
      exceptIds: [],
    })) as TlObj;
    f.clock.ms += f.world.loginTokenTtlMs;
    expect(await rpcError(call(qr, { _: 'auth.importLoginToken', token: token.token }))).toBe(
      '400 AUTH_TOKEN_EXPIRED',
    );
  });
});

describe('users and revocation', () => {
  it('returns self from users.getUsers and users.getFullUser; 401 once revoked', async () => {
    const f = fakeWorld();
    const ctx = f.ctx(2);
    expect(await rpcError(call(ctx, { _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] }))).toBe(
      '401 AUTH_KEY_UNREGISTERED',
    );
    const sent = (await call(ctx, sendCode('9996620040'))) as TlObj;
    await call(ctx, {
      _: 'auth.signIn',
      phoneNumber: '9996620040',
      phoneCodeHash: sent.phoneCodeHash,
      phoneCode: '22222',
    });
    const users = (await call(ctx, {
      _: 'users.getUsers',
      id: [{ _: 'inputUserSelf' }],
    })) as TlObj[];
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ self: true, phone: '9996620040' });
    const full = (await call(ctx, { _: 'users.getFullUser', id: { _: 'inputUserSelf' } })) as TlObj;
    expect((full.fullUser as TlObj).id).toBe(users[0].id);
    expect(
      await rpcError(
        call(ctx, { _: 'users.getFullUser', id: { _: 'inputUser', userId: 5n, accessHash: 1n } }),
      ),
    ).toBe('400 USER_ID_INVALID');
    const account = defined(f.world.accounts.byPhoneNumber('9996620040'));
    expect(f.world.revokeUser(account, 'SESSION_REVOKED')).toBe(1);
    expect(await rpcError(call(ctx, { _: 'updates.getState' }))).toBe('401 SESSION_REVOKED');
  });
});
