import { computeSrp } from '@telets/crypto';
import { nodeCrypto } from '@telets/crypto/node';
import { RpcError, type Sender } from '@telets/transport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.js';
import {
  call,
  connectClient,
  eventually,
  TEST_API_HASH,
  TEST_API_ID,
  withLayer,
} from './client.js';

let server: TestServer;
const clients: Sender[] = [];

function client(dcId: number): Sender {
  const sender = connectClient(server, dcId, { sender: { reconnect: { initialDelayMs: 20 } } });
  clients.push(sender);
  return sender;
}

async function rpcError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RpcError) return `${error.code} ${error.rawMessage}`;
    throw error;
  }
  throw new Error('expected an RpcError');
}

const sendCode = (phone: string) => ({
  _: 'auth.sendCode',
  phoneNumber: phone,
  apiId: TEST_API_ID,
  apiHash: TEST_API_HASH,
  settings: { _: 'codeSettings' },
});

async function signInByPhone(sender: Sender, phone: string, code: string) {
  const sent = await call(sender, withLayer(sendCode(phone)));
  return call(sender, {
    _: 'auth.signIn',
    phoneNumber: phone,
    phoneCodeHash: sent.phoneCodeHash,
    phoneCode: code,
  });
}

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.close();
});

describe('sign-in flows with a real client', () => {
  it('signs in by phone on the home DC and reads itself back', async () => {
    const c = client(2);
    const auth = await signInByPhone(c, '9996620001', '22222');
    expect(auth._).toBe('auth.authorization');
    expect(auth.user).toMatchObject({ _: 'user', self: true, phone: '9996620001' });
    const [me] = await call(c, { _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] });
    expect(me.id).toBe(auth.user.id);
    const full = await call(c, { _: 'users.getFullUser', id: { _: 'inputUserSelf' } });
    expect(full.fullUser.id).toBe(auth.user.id);
    expect((await call(c, { _: 'updates.getState' }))._).toBe('updates.state');
  });

  it('follows PHONE_MIGRATE_X to the number’s DC', async () => {
    const first = client(2);
    expect(await rpcError(call(first, withLayer(sendCode('9996610001'))))).toBe(
      '303 PHONE_MIGRATE_1',
    );
    const home = client(1);
    const auth = await signInByPhone(home, '9996610001', '11111');
    expect(auth.user.phone).toBe('9996610001');
  });

  it('rejects wrong and empty codes', async () => {
    const c = client(3);
    const sent = await call(c, withLayer(sendCode('9996630001')));
    const signIn = (code?: string) =>
      call(c, {
        _: 'auth.signIn',
        phoneNumber: '9996630001',
        phoneCodeHash: sent.phoneCodeHash,
        phoneCode: code,
      });
    expect(await rpcError(signIn('12345'))).toBe('400 PHONE_CODE_INVALID');
    expect(await rpcError(signIn(undefined))).toBe('400 PHONE_CODE_EMPTY');
    expect((await signIn('33333'))._).toBe('auth.authorization');
  });

  it('verifies a 2FA password with real SRP', async () => {
    await server.addAccount({ phone: '9996620050', password: 'hunter2', hint: 'usual' });
    const c = client(2);
    expect(await rpcError(signInByPhone(c, '9996620050', '22222'))).toBe(
      '401 SESSION_PASSWORD_NEEDED',
    );
    const check = async (password: string) => {
      const pw = await call(c, { _: 'account.getPassword' });
      expect(pw.hint).toBe('usual');
      const algo = pw.currentAlgo;
      const srp = await computeSrp(
        nodeCrypto,
        {
          g: algo.g,
          p: algo.p,
          salt1: algo.salt1,
          salt2: algo.salt2,
          srpB: pw.srpB,
          srpId: pw.srpId,
        },
        password,
      );
      return call(c, {
        _: 'auth.checkPassword',
        password: { _: 'inputCheckPasswordSRP', srpId: srp.srpId, A: srp.A, M1: srp.M1 },
      });
    };
    expect(await rpcError(check('wrong'))).toBe('400 PASSWORD_HASH_INVALID');
    const auth = await check('hunter2');
    expect(auth.user.phone).toBe('9996620050');
    expect(server.counters.get('auth.checkPassword')).toMatchObject({ executed: 2, failed: 1 });
  });

  it('signs a bot in on its DC after USER_MIGRATE_X', async () => {
    const bot = server.addBot({ token: '777000:AAAbbb', dcId: 2, username: 'test_bot' });
    expect(bot.token).toBe('777000:AAAbbb');
    const request = (token: string) => ({
      _: 'auth.importBotAuthorization',
      flags: 0,
      apiId: TEST_API_ID,
      apiHash: TEST_API_HASH,
      botAuthToken: token,
    });
    expect(await rpcError(call(client(1), withLayer(request(bot.token))))).toBe(
      '303 USER_MIGRATE_2',
    );
    const c = client(2);
    expect(await rpcError(call(c, withLayer(request('777000:nope'))))).toBe(
      '400 ACCESS_TOKEN_INVALID',
    );
    const auth = await call(c, request(bot.token));
    expect(auth.user).toMatchObject({ id: 777000n, bot: true, username: 'test_bot' });
  });

  it('generates BotFather-shaped tokens by default, and they sign in', async () => {
    const first = server.addBot({ dcId: 3 });
    const second = server.addBot({ dcId: 3 });
    for (const bot of [first, second]) {
      expect(bot.token).toMatch(/^\d+:AA[A-Za-z0-9_-]{33}$/);
      expect(bot.token.startsWith(`${bot.id}:`)).toBe(true);
      // Not "api id:api hash": a 32-hex secret is what client-side validation refuses.
      expect(bot.token.split(':')[1]).not.toMatch(/^[0-9a-f]{32}$/);
    }
    expect(first.token).not.toBe(second.token);
    expect(first.id).not.toBe(second.id);
    const auth = await call(
      client(3),
      withLayer({
        _: 'auth.importBotAuthorization',
        flags: 0,
        apiId: TEST_API_ID,
        apiHash: TEST_API_HASH,
        botAuthToken: second.token,
      }),
    );
    expect(auth.user).toMatchObject({ id: second.id, bot: true });
  });

  it('carries an authorization to another DC', async () => {
    const home = client(2);
    const auth = await signInByPhone(home, '9996620060', '22222');
    const exported = await call(home, { _: 'auth.exportAuthorization', dcId: 3 });
    const other = client(3);
    const imported = await call(
      other,
      withLayer({ _: 'auth.importAuthorization', id: exported.id, bytes: exported.bytes }),
    );
    expect(imported.user.id).toBe(auth.user.id);
    expect(
      await rpcError(
        call(other, { _: 'auth.importAuthorization', id: exported.id, bytes: exported.bytes }),
      ),
    ).toBe('400 AUTH_BYTES_INVALID');
  });

  it('logs in by QR code accepted from another session, with migration', async () => {
    const phone = client(1);
    await signInByPhone(phone, '9996610070', '11111');
    const qr = client(2);
    const updates: unknown[] = [];
    qr.on('update', ({ object }) => updates.push(object));
    const exportToken = () =>
      call(
        qr,
        withLayer({
          _: 'auth.exportLoginToken',
          apiId: TEST_API_ID,
          apiHash: TEST_API_HASH,
          exceptIds: [],
        }),
      );
    const token = await exportToken();
    expect(token._).toBe('auth.loginToken');
    const accepted = await call(phone, { _: 'auth.acceptLoginToken', token: token.token });
    expect(accepted._).toBe('authorization');
    await eventually(() => updates.length > 0);
    expect(updates).toEqual([
      expect.objectContaining({ _: 'updateShort', update: { _: 'updateLoginToken' } }),
    ]);
    const migrate = await exportToken();
    expect(migrate).toMatchObject({ _: 'auth.loginTokenMigrateTo', dcId: 1 });
    const home = client(1);
    const success = await call(
      home,
      withLayer({ _: 'auth.importLoginToken', token: migrate.token }),
    );
    expect(success._).toBe('auth.loginTokenSuccess');
    expect(success.authorization.user.phone).toBe('9996610070');
  });

  it('answers unauthorised calls, unknown methods, logout and revocation as Telegram does', async () => {
    const c = client(2);
    expect(
      await rpcError(call(c, withLayer({ _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] }))),
    ).toBe('401 AUTH_KEY_UNREGISTERED');
    expect(
      await rpcError(
        call(c, {
          _: 'messages.getDialogs',
          offsetDate: 0,
          offsetId: 0,
          offsetPeer: { _: 'inputPeerEmpty' },
          limit: 10,
          hash: 0n,
        }),
      ),
    ).toBe('400 INPUT_METHOD_INVALID');
    await signInByPhone(c, '9996620080', '22222');
    expect(server.revokeSessions('9996620080')).toBe(1);
    expect(await rpcError(call(c, { _: 'updates.getState' }))).toBe('401 SESSION_REVOKED');
    await signInByPhone(c, '9996620080', '22222');
    expect((await call(c, { _: 'auth.logOut' }))._).toBe('auth.loggedOut');
    expect(await rpcError(call(c, { _: 'updates.getState' }))).toBe('401 AUTH_KEY_UNREGISTERED');
  });

  it('checks api_id in initConnection', async () => {
    const c = client(2);
    expect(await rpcError(call(c, withLayer({ _: 'help.getNearestDc' }, 228, 999)))).toBe(
      '400 API_ID_INVALID',
    );
    server.addApp({ apiId: 999, apiHash: 'x' });
    expect((await call(c, withLayer({ _: 'help.getNearestDc' }, 228, 999))).thisDc).toBe(2);
  });

  it('answers in the layer a client announced', async () => {
    const c = client(2);
    await signInByPhone(c, '9996620090', '22222');
    // Layer 198's `user` has another constructor id, which this 228 client cannot read.
    await expect(
      call(c, withLayer({ _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] }, 198)),
    ).rejects.toThrow(/4b46c37e/i);
    const back = await call(
      c,
      withLayer({ _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] }, 228),
    );
    expect(back[0].phone).toBe('9996620090');
  });

  it('limits sign-in attempts with FLOOD_WAIT_X', async () => {
    server.setFloodLimit('auth.signIn', { maxRequests: 2, windowMs: 60_000 });
    try {
      const c = client(2);
      const sent = await call(c, withLayer(sendCode('9996620099')));
      const attempt = () =>
        call(c, {
          _: 'auth.signIn',
          phoneNumber: '9996620099',
          phoneCodeHash: sent.phoneCodeHash,
          phoneCode: '00000',
        });
      expect(await rpcError(attempt())).toBe('400 PHONE_CODE_INVALID');
      expect(await rpcError(attempt())).toBe('400 PHONE_CODE_INVALID');
      expect(await rpcError(attempt())).toMatch(/^420 FLOOD_WAIT_\d+$/);
    } finally {
      server.setFloodLimit('auth.signIn', undefined);
    }
  });
});
