import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBetterSqlite3 } from '@telets/session-sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/io.js';
import { runCli } from '../src/cli/main.js';
import { decodeStringSession, MemorySession, SqliteSession } from '../src/index.js';
import { API_HASH, API_ID, listPrompter, startWorld, type World } from './helpers.js';

interface Captured extends CliIo {
  stdout: string[];
  stderr: string[];
}

function captureIo(extra: Partial<CliIo> = {}): Captured {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    isInteractive: false,
    untilStopped: async () => 'SIGTERM',
    ...extra,
  };
}

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

function netArgs(): string[] {
  const pem = join(world.dir, 'server.pem');
  writeFileSync(pem, world.server.rsa.publicKeyPem);
  return [
    ...world.server.dcs.flatMap((dc) => ['--dc', `${dc.id}=${dc.host}:${dc.port}`]),
    '--rsa-key',
    pem,
  ];
}
const ENV = { TELETS_API_ID: String(API_ID), TELETS_API_HASH: API_HASH };

describe('telets CLI', () => {
  it('demo: signs in through the prompts, reconnects from demo.session, says who it is', async () => {
    const io = captureIo();
    const session = join(world.dir, 'demo.session');
    const code = await runCli(['demo', '--session', session], io, {});
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain('Phone number (with country code) or bot token: 9996610001');
    expect(text).toContain('Login code: 11111');
    expect(text).toMatch(/Password: \*+/);
    expect(text).not.toContain('correct horse');
    expect(text).toMatch(
      /Reconnected from .* without signing in again \(auth\.signIn calls: 1 → 1\)/,
    );
    expect(text).toMatch(/Signed in as Demo User .* on DC 1\./);
  });

  it('login --bot, whoami --json, session export', async () => {
    const bot = world.server.addBot({ firstName: 'Cli Bot' });
    const session = join(world.dir, 'cli');
    const args = ['--session', session, ...netArgs()];
    const login = captureIo({ prompter: listPrompter([]) });
    expect(await runCli(['login', '--bot', bot.token, ...args], login, ENV)).toBe(0);

    const who = captureIo();
    expect(await runCli(['whoami', '--json', ...args], who, ENV)).toBe(0);
    expect(JSON.parse(who.stdout[0])).toMatchObject({
      signedIn: true,
      id: String(bot.id),
      isBot: true,
      firstName: 'Cli Bot',
    });

    const exported = captureIo();
    expect(await runCli(['session', 'export', '--json', '--session', session], exported, ENV)).toBe(
      0,
    );
    const { session: text } = JSON.parse(exported.stdout[0]);
    expect(decodeStringSession(text).user).toEqual({ id: bot.id, isBot: true });
  });

  it('whoami on a session that is not signed in says so and fails', async () => {
    const io = captureIo();
    const code = await runCli(
      ['whoami', '--session', join(world.dir, 'empty'), ...netArgs()],
      io,
      ENV,
    );
    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/not signed in/);
  });

  it('session import-telethon converts a Telethon v1 session file', async () => {
    const file = join(world.dir, 'old.session');
    writeFileSync(file, ''); // an empty file is an empty SQLite database
    const db = openBetterSqlite3(file, { isReadonly: false, busyTimeoutMs: 1000 });
    db.exec(`CREATE TABLE version (version integer primary key);
      INSERT INTO version VALUES (7);
      CREATE TABLE sessions (dc_id integer primary key, server_address text, port integer, auth_key blob, takeout_id integer);
      CREATE TABLE entities (id integer primary key, hash integer not null, username text, phone integer, name text, date integer);
      CREATE TABLE sent_files (md5_digest blob, file_size integer, type integer, id integer, hash integer, primary key(md5_digest, file_size, type));
      CREATE TABLE update_state (id integer primary key, pts integer, qts integer, date integer, seq integer);`);
    db.prepare('INSERT INTO sessions VALUES (?, ?, ?, ?, NULL)').run(
      4,
      '149.154.167.91',
      443,
      new Uint8Array(256).fill(7),
    );
    db.close();
    const target = join(world.dir, 'converted');
    const io = captureIo();
    expect(
      await runCli(['session', 'import-telethon', file, '--session', target, '--json'], io, {}),
    ).toBe(0);
    expect(JSON.parse(io.stdout[0])).toMatchObject({ homeDcId: 4, hasAuthKey: true });
    const storage = new SqliteSession(target);
    const session = await storage.load();
    await storage.close();
    expect(session?.getDc(4)?.ipAddress).toBe('149.154.167.91');
    expect(session?.getAuthKey(4)).toEqual(new Uint8Array(256).fill(7));
  });

  it('usage errors exit with 2 and say what is wrong', async () => {
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /unknown command "frobnicate"/],
      [['whoami', '--dc', 'nowhere'], /--dc expects ID=HOST:PORT/],
      [['whoami', '--session', 'x'], /needs --api-id and --api-hash/],
      [['session', 'shred'], /unknown "session" command/],
      [['login', '--no-such-flag'], /Unknown option/],
    ];
    for (const [argv, message] of cases) {
      const io = captureIo();
      expect(await runCli(argv, io, {})).toBe(2);
      expect(io.stderr.join('\n')).toMatch(message);
    }
  });

  it('a bad api hash is reported in plain words without echoing it, exit 1', async () => {
    const io = captureIo();
    const code = await runCli(['whoami', '--session', join(world.dir, 'x'), ...netArgs()], io, {
      TELETS_API_ID: String(API_ID),
      TELETS_API_HASH: '0123456789abcdef0123456789abcdeZ',
    });
    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/api hash/i);
    expect(io.stderr.join('\n')).not.toContain('0123456789abcdef0123456789abcdeZ');
  });

  it('test-server prints one JSON line with the DCs and the RSA key, then stops', async () => {
    const io = captureIo({ isInteractive: false });
    const code = await runCli(['test-server', '--json', '--dc-count', '2'], io, {});
    expect(code).toBe(0);
    const ready = JSON.parse(io.stdout[0]);
    expect(ready.dcs).toHaveLength(2);
    expect(ready.rsaPublicKeyPem).toMatch(/BEGIN RSA PUBLIC KEY|BEGIN PUBLIC KEY/);
    expect(io.stdout).toHaveLength(1);
  });

  it('a MemorySession is accepted by the facade too (smoke)', () => {
    expect(new MemorySession()).toBeInstanceOf(MemorySession);
  });
});
