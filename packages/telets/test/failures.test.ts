import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Client, errors, MemorySession, PasswordToken, type User } from '../src/index.js';
import { startWorld, type World } from './helpers.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function signedIn(w: World, phone: string, code: string): Promise<Client> {
  const client = await w.client(new MemorySession()).connect();
  const token = await client.requestLoginCode(phone);
  await client.signIn(token, code);
  return client;
}

describe('failure paths', () => {
  it('FLOOD_WAIT on auth.sendCode is surfaced as FloodWaitError and never retried', async () => {
    world = await startWorld({ floodLimits: { 'auth.sendCode': { maxRequests: 1, windowMs: 60_000 } } });
    await using client = await world.client(new MemorySession(), { floodSleepThresholdSeconds: 3600 }).connect();
    await client.requestLoginCode('9996620010');
    const error = await client.requestLoginCode('9996620010').catch((e) => e);
    expect(error).toBeInstanceOf(errors.FloodWaitError);
    expect(error.seconds).toBeGreaterThan(0);
    expect(world.server.counters.get('auth.sendCode')).toMatchObject({ received: 2, failed: 1 });
  });

  it('logged out by the server: LoggedOutError, a loggedOut event, the session signed out, no loop', async () => {
    world = await startWorld();
    const storage = new MemorySession();
    await using client = await world.client(storage).connect();
    await client.signIn(await client.requestLoginCode('9996620011'), '22222');
    const events: unknown[] = [];
    client.on('loggedOut', (e) => events.push(e));
    expect(world.server.revokeSessions('9996620011', 'SESSION_REVOKED')).toBeGreaterThan(0);
    const error = await client.getMe().catch((e) => e);
    expect(error).toBeInstanceOf(errors.LoggedOutError);
    expect(error.reason).toBe('SESSION_REVOKED');
    expect(events).toEqual([error]);
    expect((await storage.load())?.user).toBeUndefined();
    expect(await client.isAuthorized()).toBe(false);
    expect(client.isConnected).toBe(true);
    expect(world.server.counters.get('users.getUsers').received).toBe(1);
  });

  it('AUTH_KEY_DUPLICATED: a typed error and no reconnect', async () => {
    world = await startWorld({ rejectDuplicateAuthKeys: true });
    const first = await signedIn(world, '9996620012', '22222');
    const copy = first.exportSession();
    await using second = await world.client(copy).connect().catch((e) => {
      throw e;
    });
    const outcomes = await Promise.allSettled([first.getMe(), second.getMe()]);
    const failures = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) expect(f.reason).toBeInstanceOf(errors.AuthKeyDuplicatedError);
    const stopped = [first, second].filter((c) => !c.isConnected);
    expect(stopped.length).toBe(failures.length);
    await first.disconnect();
  });

  it('a session file already in use: SessionLockedError naming the file', async () => {
    world = await startWorld();
    const path = join(world.dir, 'locked');
    await using first = await world.client(path).connect();
    const second = world.client(path);
    const error = await second.connect().catch((e) => e);
    expect(error).toBeInstanceOf(errors.SessionLockedError);
    expect(error.message).toContain('locked.session');
    expect(second.isConnected).toBe(false);
    expect(first.isConnected).toBe(true);
  });
});

describe('faults at every step: sign-in completes or fails clearly, auth.signIn runs once', () => {
  const cases: [string, (w: World) => void][] = [
    ['connection dropped before the auth.signIn answer', (w) => w.server.faults.dropBeforeAnswer({ method: 'auth.signIn' })],
    ['bad_server_salt on auth.signIn', (w) => w.server.faults.badServerSalt({ method: 'auth.signIn' })],
    ['answer to auth.signIn duplicated', (w) => w.server.faults.duplicatePackets({ method: 'auth.signIn' })],
    ['connection dropped during the handshake', (w) => w.server.faults.dropConnection({ atHandshakeStep: 'req_DH_params' })],
    ['connection dropped after two packets', (w) => w.server.faults.dropConnection({ afterMessages: 2 })],
    ['auth.sendCode answer stalled', (w) => w.server.faults.stallAnswers({ method: 'auth.sendCode' })],
  ];
  for (const [name, arm] of cases) {
    it(name, async () => {
      world = await startWorld();
      arm(world);
      await using client = await world
        .client(new MemorySession(), { stallTimeoutMs: 1_000, pingIntervalMs: 500 })
        .connect();
      const token = await client.requestLoginCode('9996620020');
      const user = (await client.signIn(token, '22222')) as User;
      expect(user).not.toBeInstanceOf(PasswordToken);
      expect(user.phone).toBe('9996620020');
      expect(world.server.counters.get('auth.signIn').executed).toBe(1);
      world.server.faults.releaseStalled();
    });
  }
});
