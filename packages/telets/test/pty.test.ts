import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForNode } from './bundle.js';
import { API_HASH, API_ID, startWorld, type World } from './helpers.js';

// `telets login` in a real pseudo-terminal (util-linux `script`), answering each prompt when it
// appears, as a person would.
let world: World;
let cli: string;

beforeAll(async () => {
  cli = await bundleForNode(join(import.meta.dirname, '..', 'src', 'cli.ts'));
  world = await startWorld();
  await world.server.addAccount({
    phone: '9996620040',
    password: 'tty-secret-pw',
    hint: 'tty hint',
  });
}, 120_000);
afterAll(async () => {
  await world?.close();
});

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

interface Session {
  output(): string;
  exit: Promise<number | null>;
}

/** Runs the CLI under `script` and types `answers[i].reply` once `answers[i].when` is printed. */
function runInPty(args: string[], answers: { when: RegExp; reply: string }[]): Session {
  const pem = join(world.dir, 'pty.pem');
  writeFileSync(pem, world.server.rsa.publicKeyPem);
  const dcArgs = world.server.dcs.flatMap((dc) => ['--dc', `${dc.id}=${dc.host}:${dc.port}`]);
  const command = [process.execPath, cli, ...args, ...dcArgs, '--rsa-key', pem]
    .map(shellQuote)
    .join(' ');
  const child: ChildProcess = spawn('script', ['-qec', command, '/dev/null'], {
    env: { ...process.env, TELETS_API_ID: String(API_ID), TELETS_API_HASH: API_HASH, TERM: 'dumb' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let text = '';
  let next = 0;
  let answeredAt = 0;
  const onData = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
    while (next < answers.length && answers[next].when.test(text.slice(answeredAt))) {
      answeredAt = text.length;
      child.stdin?.write(`${answers[next].reply}\r`);
      next++;
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { output: () => text, exit };
}

describe('interactive login in a pseudo-terminal', () => {
  it('types phone, code and 2FA password; the password is not echoed; the hint is shown', async () => {
    const run = runInPty(
      ['login', '--session', join(world.dir, 'tty')],
      [
        { when: /Phone number.*: $/m, reply: '+999 662 0040' },
        { when: /Login code: $/m, reply: '22222' },
        { when: /Password: $/m, reply: 'tty-secret-pw' },
      ],
    );
    expect(await run.exit).toBe(0);
    const out = run.output();
    expect(out).toContain('+999 662 0040'); // typed answers are echoed by the terminal
    expect(out).toContain('22222');
    expect(out).toContain('Password hint: tty hint');
    expect(out).not.toContain('tty-secret-pw');
    expect(out).toMatch(/Signed in as/);
  }, 60_000);

  it('stops after three wrong codes, saying so', async () => {
    const run = runInPty(
      ['login', '--session', join(world.dir, 'tty-wrong')],
      [
        { when: /Phone number.*: $/m, reply: '9996620041' },
        { when: /Login code: $/m, reply: '00000' },
        { when: /Login code: $/m, reply: '00001' },
        { when: /Login code: $/m, reply: '00002' },
      ],
    );
    expect(await run.exit).toBe(1);
    const out = run.output();
    expect(out).toMatch(/2 attempts left/);
    expect(out).toMatch(/1 attempt left/);
    expect(out).toMatch(/last of 3 attempts/);
    expect(out.match(/Login code: /g)).toHaveLength(3);
    expect(world.server.counters.get('auth.signIn').received).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('stops after three wrong passwords, none of them echoed', async () => {
    const run = runInPty(
      ['login', '--session', join(world.dir, 'tty-pw')],
      [
        { when: /Phone number.*: $/m, reply: '9996620040' },
        { when: /Login code: $/m, reply: '22222' },
        { when: /Password: $/m, reply: 'wrong-one-aaa' },
        { when: /Password: $/m, reply: 'wrong-two-bbb' },
        { when: /Password: $/m, reply: 'wrong-three-ccc' },
      ],
    );
    expect(await run.exit).toBe(1);
    const out = run.output();
    expect(out.match(/Password: /g)).toHaveLength(3);
    expect(out).toMatch(/last of 3 attempts/);
    for (const typed of ['wrong-one-aaa', 'wrong-two-bbb', 'wrong-three-ccc']) {
      expect(out).not.toContain(typed);
    }
  }, 60_000);
});
