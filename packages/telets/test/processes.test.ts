import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../src/index.js';
import { bundleForNode } from './bundle.js';
import { startWorld, type World } from './helpers.js';

const run = promisify(execFile);
let world: World;
let child: string;

beforeAll(async () => {
  child = await bundleForNode(join(import.meta.dirname, 'finish-login.child.ts'));
  world = await startWorld();
}, 120_000);
afterAll(async () => {
  await world?.close();
});

describe('a LoginToken finished by a second Client in a second process', () => {
  it('the code is requested here, the sign-in completes there, on the account DC', async () => {
    const path = join(world.dir, 'web');
    let tokenText: string;
    {
      // Request: the auth key and the (migrated) home DC are saved before the code is sent.
      await using client = await world.client(path).connect();
      tokenText = (await client.requestLoginCode('9996610030')).toString();
    }
    const dcs = world.server.dcs.map((dc) => ({ id: dc.id, ipAddress: dc.host, port: dc.port }));
    const { stdout } = await run(process.execPath, [
      child,
      path,
      tokenText,
      '11111',
      JSON.stringify(dcs),
      world.server.rsa.publicKeyPem,
    ]);
    const result = JSON.parse(stdout.trim());
    expect(result).toMatchObject({ phone: '9996610030', homeDcId: 1 });
    // And back here, the session file says so without another sign-in.
    await using again = await world.client(path).connect();
    expect(((await again.getMe()) as User).phone).toBe('9996610030');
    expect(world.server.counters.get('auth.signIn').executed).toBe(1);
    expect(world.server.counters.get('auth.sendCode')).toMatchObject({ executed: 2, failed: 1 });
  });
});
