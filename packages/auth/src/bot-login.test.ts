import { describe, expect, it } from 'vitest';
import { botSignIn } from './bot-login.js';
import { FloodWaitError, InvalidApiHashError, InvalidBotTokenError } from './errors.js';
import { API_HASH, authorization, FakeHost, makeUser, rpc } from './testing-internal/fake-host.js';

const BOT_TOKEN = '123456789:AAE_fake-Secret_0123456789abcdefghijk';

describe('botSignIn', () => {
  const bot = makeUser(123456789n, { bot: true, firstName: 'Bot' });

  it('imports the bot authorization and hands the user to the host', async () => {
    const host = new FakeHost().on('auth.importBotAuthorization', authorization(bot));
    expect(await botSignIn(host, ` ${BOT_TOKEN} `)).toBe(bot);
    expect(host.calls[0].request).toEqual({
      _: 'auth.importBotAuthorization',
      flags: 0,
      apiId: 12345,
      apiHash: API_HASH,
      botAuthToken: BOT_TOKEN,
    });
    expect(host.signedIn).toEqual([bot]);
  });

  it('checks the token and the api credentials before any network call', async () => {
    const host = new FakeHost().on('auth.importBotAuthorization', authorization(bot));
    await expect(botSignIn(host, 'not-a-token')).rejects.toThrow(InvalidBotTokenError);
    await expect(botSignIn(host, `12345:${API_HASH}`)).rejects.toThrow(/api id:api hash/);
    host.apiHash = BOT_TOKEN;
    await expect(botSignIn(host, BOT_TOKEN)).rejects.toThrow(InvalidApiHashError);
    expect(host.calls).toHaveLength(0);
  });

  it('turns ACCESS_TOKEN_INVALID into InvalidBotTokenError, once, without the secret', async () => {
    const host = new FakeHost().on(
      'auth.importBotAuthorization',
      rpc(400, 'ACCESS_TOKEN_INVALID'),
      authorization(bot),
    );
    const e = await botSignIn(host, BOT_TOKEN).catch((x) => x);
    expect(e).toBeInstanceOf(InvalidBotTokenError);
    expect(e.message).toMatch(/@BotFather/);
    expect(e.message).not.toContain('AAE_fake');
    expect(host.calls).toHaveLength(1);
    expect(host.logLines.join('\n')).not.toContain('AAE_fake');
  });

  it('stops on FLOOD_WAIT', async () => {
    const host = new FakeHost().on('auth.importBotAuthorization', rpc(420, 'FLOOD_WAIT_10'));
    await expect(botSignIn(host, BOT_TOKEN)).rejects.toThrow(FloodWaitError);
    expect(host.calls).toHaveLength(1);
  });
});
