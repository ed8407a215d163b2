import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  Client,
  errors,
  LoginToken,
  MemorySession,
  PasswordToken,
  type Session,
  type SessionStorage,
  SqliteSession,
  type User,
} from '../src/index.js';
import { API_HASH, API_ID, startWorld, type World } from './helpers.js';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

async function codeSignIn(
  client: Client,
  phone: string,
  code: string,
): Promise<User | PasswordToken> {
  const token = await client.requestLoginCode(phone);
  return client.signIn(token, code);
}

describe('the seed story', () => {
  it('phone on the home DC: code → user; the session file is written', async () => {
    const phone = '9996620001';
    const path = join(world.dir, 'name');
    {
      await using client = await world.client(path).connect();
      expect(await client.isAuthorized()).toBe(false);
      const result = await codeSignIn(client, phone, '22222');
      expect(result).not.toBeInstanceOf(PasswordToken);
      expect((result as User).phone).toBe(phone);
      expect(await client.isAuthorized()).toBe(true);
      expect(client.homeDcId()).toBe(2);
    }
    const storage = new SqliteSession(path);
    const saved = (await storage.load()) as Session;
    await storage.close();
    expect(storage.path).toBe(`${path}.session`);
    expect(saved.homeDcId).toBe(2);
    expect(saved.user?.isBot).toBe(false);
    expect(saved.hasAuthKey(2)).toBe(true);
    expect(world.server.counters.get('auth.signIn').executed).toBe(1);
  });

  it('phone via PHONE_MIGRATE: the home DC moves to the account DC and is saved', async () => {
    const storage = new MemorySession();
    await using client = await world.client(storage).connect();
    expect(client.homeDcId()).toBe(2);
    const user = (await codeSignIn(client, '9996610002', '11111')) as User;
    expect(client.homeDcId()).toBe(1);
    expect(user.phone).toBe('9996610002');
    expect((await client.getMe()).id).toBe(user.id);
    const saved = (await storage.load()) as Session;
    expect(saved.homeDcId).toBe(1);
    expect(saved.user?.id).toBe(user.id);
    expect(world.server.counters.get('auth.sendCode')).toMatchObject({ received: 2, failed: 1 });
  });

  it('2FA: signIn returns a PasswordToken; a wrong password fails, the right one signs in', async () => {
    await world.server.addAccount({ phone: '9996620077', password: 'hunter2', hint: 'classic' });
    await using client = await world.client(new MemorySession()).connect();
    const token = await codeSignIn(client, '9996620077', '22222');
    expect(token).toBeInstanceOf(PasswordToken);
    expect((token as PasswordToken).hint).toBe('classic');
    await expect(client.checkPassword(token as PasswordToken, 'hunter3')).rejects.toBeInstanceOf(
      errors.PasswordInvalidError,
    );
    expect(await client.isAuthorized()).toBe(false);
    const user = await client.checkPassword(token as PasswordToken, 'hunter2');
    expect(user.phone).toBe('9996620077');
    expect(await client.isAuthorized()).toBe(true);
  });

  it('bot token on another DC: USER_MIGRATE moves the home DC; a bot user is saved', async () => {
    const bot = world.server.addBot({ dcId: 3, firstName: 'Robo' });
    const storage = new MemorySession();
    await using client = await world.client(storage).connect();
    const user = await client.botSignIn(bot.token);
    expect(user.bot).toBe(true);
    expect(user.id).toBe(bot.id);
    expect(client.homeDcId()).toBe(3);
    expect(((await storage.load()) as Session).user).toEqual({ id: bot.id, isBot: true });
    expect((await client.getMe()).firstName).toBe('Robo');
  });

  it('QR login: a token is shown, accepted elsewhere, and the client is signed in', async () => {
    const phone = '9996620003';
    await using client = await world.client(new MemorySession()).connect();
    const urls: string[] = [];
    const user = await client.qrLogin({
      onToken: ({ url, token }) => {
        urls.push(url);
        world.server.acceptLoginToken(token, phone);
      },
    });
    expect(urls[0]).toMatch(/^tg:\/\/login\?token=[A-Za-z0-9_-]+$/);
    expect(user).not.toBeInstanceOf(PasswordToken);
    expect((user as User).phone).toBe(phone);
    expect(await client.isAuthorized()).toBe(true);
  });

  it('QR login with 2FA: accepted elsewhere, PasswordToken, then checkPassword (via migration)', async () => {
    const phone = '9996610041';
    await world.server.addAccount({ phone, password: 'qr-secret', hint: 'qr hint' });
    const storage = new MemorySession();
    await using client = await world.client(storage).connect();
    expect(client.homeDcId()).toBe(2);
    const result = await client.qrLogin({
      onToken: ({ token }) => world.server.acceptLoginToken(token, phone),
    });
    expect(result).toBeInstanceOf(PasswordToken);
    const passwordToken = result as PasswordToken;
    expect(passwordToken.hint).toBe('qr hint');
    // The QR login moved the client to the account's DC; the password is still owed there.
    expect(client.homeDcId()).toBe(1);
    expect(await client.isAuthorized()).toBe(false);
    await expect(client.checkPassword(passwordToken, 'qr-wrong')).rejects.toBeInstanceOf(
      errors.PasswordInvalidError,
    );
    const user = await client.checkPassword(passwordToken, 'qr-secret');
    expect(user.phone).toBe(phone);
    expect(await client.isAuthorized()).toBe(true);
    expect(((await storage.load()) as Session).user?.id).toBe(user.id);
    expect(world.server.counters.get('auth.importLoginToken')).toMatchObject({
      executed: 1,
      failed: 1,
    });
  });

  it('a request sent to another DC carries the exported authorisation there', async () => {
    await using client = await world.client(new MemorySession()).connect();
    const user = (await codeSignIn(client, '9996620009', '22222')) as User;
    const [onDc3] = await client.invoke(
      { _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] },
      { dcId: 3 },
    );
    expect(onDc3.id).toBe(user.id);
    expect(world.server.counters.get('auth.exportAuthorization').executed).toBe(1);
    expect(world.server.counters.get('auth.importAuthorization').executed).toBe(1);
    expect(client.homeDcId()).toBe(2);
  });

  it('sign-up required: a typed error that says so', async () => {
    const phone = '15550001234';
    await using client = await world.client(new MemorySession()).connect();
    const token = await client.requestLoginCode(phone);
    const code = world.server.lastLoginCode(phone) as string;
    const error = await client.signIn(token, code).catch((e) => e);
    expect(error).toBeInstanceOf(errors.SignUpRequiredError);
    expect(error.message).toMatch(/sign up|no Telegram account/i);
  });

  it('a LoginToken survives a string round trip and is finished by a second client', async () => {
    const storage = new MemorySession();
    let text: string;
    {
      await using first = await world.client(storage).connect();
      text = (await first.requestLoginCode('9996610005')).toString();
    }
    await using second = await world.client(storage).connect();
    const user = (await second.signIn(LoginToken.fromString(text), '11111')) as User;
    expect(user.phone).toBe('9996610005');
    expect(second.homeDcId()).toBe(1);
  });

  it('reconnects from the saved .session without signing in again', async () => {
    const path = join(world.dir, 'again');
    {
      await using client = await world.client(path).connect();
      await codeSignIn(client, '9996610006', '11111');
    }
    const keysBefore = world.server.authKeyCount(1);
    await using client = await world.client(path).connect();
    expect(client.homeDcId()).toBe(1);
    expect(await client.isAuthorized()).toBe(true);
    expect((await client.getMe()).phone).toBe('9996610006');
    expect(world.server.counters.get('auth.signIn').received).toBe(1);
    expect(world.server.authKeyCount(1)).toBe(keysBefore);
  });

  it('a custom SessionStorage receives every save', async () => {
    const saves: Session[] = [];
    let stored: Session | undefined;
    const custom: SessionStorage = {
      load: async () => stored?.clone(),
      save: async (s) => {
        saves.push(s.clone());
        stored = s.clone();
      },
      delete: async () => {
        stored = undefined;
      },
      close: async () => undefined,
    };
    {
      await using client = await world.client(custom).connect();
      expect(saves.at(-1)?.hasAuthKey(2)).toBe(true);
      await codeSignIn(client, '9996610007', '11111');
    }
    expect(stored?.homeDcId).toBe(1);
    expect(stored?.user).toBeDefined();
    // The auth key was saved before sign-in started, and the home DC before the code was sent.
    expect(saves.findIndex((s) => s.homeDcId === 1)).toBeLessThan(
      saves.findIndex((s) => s.user !== undefined),
    );
    await using again = await world.client(custom).connect();
    expect(await again.isAuthorized()).toBe(true);
  });

  it('a string session: export from one client, sign in again nowhere, use it in another', async () => {
    const first = await world.client(new MemorySession()).connect();
    await codeSignIn(first, '9996620008', '22222');
    const text = first.exportSession();
    await first.disconnect();
    await using second = await world.client(text).connect();
    expect((await second.getMe()).phone).toBe('9996620008');
  });

  it('scoped use disconnects even when the block throws', async () => {
    const client = world.client(new MemorySession());
    await expect(
      (async () => {
        await using scoped = await client.connect();
        await scoped.getMe().catch(() => undefined);
        throw new Error('inside the block');
      })(),
    ).rejects.toThrow('inside the block');
    expect(client.isConnected).toBe(false);
    await expect(client.getMe()).rejects.toBeInstanceOf(errors.NotConnectedError);
  });
});

describe('input checked before any network call', () => {
  it('api id, api hash and the session argument', () => {
    expect(() => new Client(new MemorySession(), '12345' as never, API_HASH)).toThrow(
      errors.InvalidApiIdError,
    );
    expect(() => new Client(new MemorySession(), API_ID, 'nothex')).toThrow(
      errors.InvalidApiHashError,
    );
    expect(
      () => new Client(new MemorySession(), API_ID, '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345'),
    ).toThrow(/bot token/);
    expect(() => new Client(7 as never, API_ID, API_HASH)).toThrow(
      errors.InvalidSessionArgumentError,
    );
  });

  it('phone, code and bot token, with nothing sent', async () => {
    await using client = await world.client(new MemorySession()).connect();
    const before = world.server.counters.snapshot();
    await expect(client.requestLoginCode('call me maybe')).rejects.toBeInstanceOf(
      errors.InvalidPhoneError,
    );
    const token = new LoginToken({
      phone: '9996620001',
      phoneCodeHash: 'x',
      dcId: 2,
      type: 'app',
      createdAt: new Date(),
    } as never);
    await expect(client.signIn(token, '')).rejects.toBeInstanceOf(errors.InvalidCodeError);
    await expect(client.botSignIn('not-a-token')).rejects.toBeInstanceOf(
      errors.InvalidBotTokenError,
    );
    await expect(client.botSignIn(`${API_ID}:${API_HASH}`)).rejects.toThrow(/api/i);
    expect(world.server.counters.snapshot()).toEqual(before);
  });
});
