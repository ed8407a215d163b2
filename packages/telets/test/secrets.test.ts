import { inspect } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { errors, MemorySession, PasswordToken } from '../src/index.js';
import { API_HASH, startWorld, type World } from './helpers.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
});

const CODE = '73519';
const PASSWORD = 'pa55-w0rd-secret';
const BOT_SECRET = 'AAHsEcReTsEcReTsEcReTsEcReTsEcReT12';

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

it('at the most verbose level, no auth key, api hash, code, password or bot secret is logged or thrown', async () => {
  world = await startWorld({ codeFor: () => CODE });
  await world.server.addAccount({ phone: '15551230001', dcId: 1, password: PASSWORD, hint: 'h' });
  world.server.addBot({ token: `4242424:${BOT_SECRET}`, dcId: 3 });
  const storage = new MemorySession();
  const thrown: unknown[] = [];
  const client = await world.client(storage).connect();

  const token = await client.requestLoginCode('+1 555 123 0001');
  thrown.push(await client.signIn(token, '00000').catch((e) => e));
  const passwordToken = await client.signIn(token, CODE);
  expect(passwordToken).toBeInstanceOf(PasswordToken);
  thrown.push(
    await client.checkPassword(passwordToken as PasswordToken, `${PASSWORD}x`).catch((e) => e),
  );
  await client.checkPassword(passwordToken as PasswordToken, PASSWORD);
  await client.signOut();
  thrown.push(
    await client.botSignIn(`4242424:${BOT_SECRET.replace('AAH', 'AAX')}`).catch((e) => e),
  );
  await client.botSignIn(`4242424:${BOT_SECRET}`);
  await client.disconnect();

  const session = await storage.load();
  const keys = [...(session?.dcs.values() ?? [])].flatMap((dc) => (dc.authKey ? [dc.authKey] : []));
  expect(keys.length).toBeGreaterThan(0);
  expect(thrown.every((e) => e instanceof Error)).toBe(true);
  expect(thrown[0]).toBeInstanceOf(errors.CodeInvalidError);
  expect(thrown[1]).toBeInstanceOf(errors.PasswordInvalidError);

  const everything = [
    ...world.logLines,
    ...thrown.map(
      (e) => `${(e as Error).message}\n${(e as Error).stack}\n${inspect(e, { depth: 6 })}`,
    ),
    inspect(client, { depth: 6 }),
    inspect(session, { depth: 6 }),
    JSON.stringify(session),
  ].join('\n');
  expect(world.logLines.some((l) => l.includes('invoking auth.checkPassword'))).toBe(true);
  const secrets = [
    API_HASH,
    CODE,
    PASSWORD,
    BOT_SECRET,
    ...keys.map(hex),
    ...keys.map((k) => Buffer.from(k).toString('base64')),
    ...keys.map((k) => Buffer.from(k).toString('base64url')),
  ];
  for (const secret of secrets) expect(everything).not.toContain(secret);
  // Raw key bytes as a printed Uint8Array would start like this.
  for (const key of keys) expect(everything).not.toContain(Array.from(key.slice(0, 12)).join(', '));
});
