// Secrets (login code, password, api hash, bot token secret) never appear in an error or a log
// line, whichever flow fails or succeeds.
import { nodeCrypto } from '@telets/crypto/node';
import { describe, expect, it } from 'vitest';
import { botSignIn } from './bot-login.js';
import { interactiveLogin } from './interactive-login.js';
import { checkPassword } from './password.js';
import { PasswordToken } from './password-token.js';
import { requestLoginCode, signIn } from './phone-login.js';
import {
  API_HASH,
  authorization,
  FakeHost,
  makeUser,
  rpc,
  ScriptedPrompter,
} from './testing-internal/fake-host.js';
import { SrpAccount } from './testing-internal/srp-account.js';
import { validateApiHash, validateApiId, validateBotToken } from './validation.js';

const CODE = '24680';
const PASSWORD = 'Tr0ub4dor&3-secret';
const BOT_SECRET = 'AAE_botSecret_abcdefghijklmnopqrstuvw';
const BOT_TOKEN = `777000:${BOT_SECRET}`;
const SECRETS = [CODE, PASSWORD, API_HASH, BOT_SECRET];

function everythingSaid(host: FakeHost, errors: unknown[], prompter?: ScriptedPrompter): string {
  const texts = [...host.logLines, ...(prompter?.said ?? [])];
  for (const e of errors) {
    let current: unknown = e;
    while (current instanceof Error) {
      texts.push(current.message, String(current), current.stack ?? '');
      current = current.cause;
    }
  }
  return texts.join('\n');
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => undefined,
    (e) => e,
  );
}

describe('secrets stay out of errors and logs', () => {
  it('in the failing and succeeding phone, password and bot flows', async () => {
    const host = new FakeHost();
    host.crypto = nodeCrypto;
    const account = new SrpAccount(nodeCrypto, PASSWORD);
    host
      .on('auth.sendCode', rpc(420, 'FLOOD_WAIT_5'), {
        _: 'auth.sentCode',
        type: { _: 'auth.sentCodeTypeApp', length: 5 },
        phoneCodeHash: 'h',
      })
      .on('auth.signIn', rpc(400, 'PHONE_CODE_INVALID'), rpc(401, 'SESSION_PASSWORD_NEEDED'))
      .on('account.getPassword', () => account.getPassword())
      .on('auth.checkPassword', (request) => {
        account.check(request as { password: unknown });
        return authorization(makeUser(1n));
      })
      .on('auth.importBotAuthorization', rpc(400, 'ACCESS_TOKEN_INVALID'));
    const errors: unknown[] = [];
    errors.push(await caught(requestLoginCode(host, '15550109999')));
    const token = await requestLoginCode(host, '15550109999');
    errors.push(await caught(signIn(host, token, CODE)));
    const pt = (await signIn(host, token, CODE)) as PasswordToken;
    errors.push(await caught(checkPassword(host, pt, `${PASSWORD}x`)));
    await checkPassword(host, new PasswordToken(await account.getPassword()), PASSWORD);
    errors.push(await caught(botSignIn(host, BOT_TOKEN)));
    errors.push(await caught(Promise.resolve().then(() => validateApiHash(BOT_TOKEN))));
    errors.push(await caught(Promise.resolve().then(() => validateApiId(BOT_TOKEN))));
    errors.push(await caught(Promise.resolve().then(() => validateBotToken(`1:${API_HASH}`))));
    expect(errors.filter((e) => e instanceof Error)).toHaveLength(7);
    const text = everythingSaid(host, errors);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('in the interactive dialogue', async () => {
    const host = new FakeHost();
    host.crypto = nodeCrypto;
    const account = new SrpAccount(nodeCrypto, PASSWORD, 'a hint');
    host
      .on('users.getUsers', rpc(401, 'AUTH_KEY_UNREGISTERED'))
      .on('auth.sendCode', {
        _: 'auth.sentCode',
        type: { _: 'auth.sentCodeTypeSms', length: 5 },
        phoneCodeHash: 'h',
      })
      .on('auth.signIn', rpc(400, 'PHONE_CODE_INVALID'), rpc(401, 'SESSION_PASSWORD_NEEDED'))
      .on('account.getPassword', () => account.getPassword())
      .on('auth.checkPassword', (request) => {
        account.check(request as { password: unknown });
        return authorization(makeUser(1n));
      });
    const prompter = new ScriptedPrompter(['15550109999', CODE, CODE, 'nope', PASSWORD]);
    await interactiveLogin(host, undefined, prompter);
    const badBot = new ScriptedPrompter([]);
    const e = await caught(
      interactiveLogin(
        new FakeHost().on('users.getUsers', rpc(401, 'AUTH_KEY_UNREGISTERED')),
        `1:${API_HASH}`,
        badBot,
      ),
    );
    const text = everythingSaid(host, [e], prompter) + everythingSaid(new FakeHost(), [], badBot);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });
});
