import { describe, expect, it } from 'vitest';
import { type CliIo, runCli } from './cli-main.js';

function fakeIo() {
  const out: string[] = [];
  const err: string[] = [];
  const handlers = new Map<string, () => void>();
  let exitCode: number | undefined;
  let resolveExit: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => {
    resolveExit = resolve;
  });
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    onSignal: (signal, handler) => handlers.set(signal, handler),
    exit: (code) => {
      exitCode = code;
      resolveExit(code);
    },
  };
  return { io, out, err, handlers, exited, exitCode: () => exitCode };
}

describe('telets-test-server CLI', () => {
  it('prints one JSON line when ready, applies its options, and stops on SIGTERM', async () => {
    const f = fakeIo();
    const server = await runCli(
      [
        '--dcs',
        '2',
        '-v',
        '--bot',
        '777000:AAAbbb@2',
        '--app',
        '999:abc',
        '--account',
        '447700900111:pw:1',
      ],
      f.io,
    );
    expect(server).toBeDefined();
    expect(f.out).toHaveLength(1);
    const ready = JSON.parse(f.out[0]);
    expect(Object.keys(ready.dcs)).toEqual(['1', '2']);
    expect(ready.dcs['2'].port).toBe(server?.dc(2).port);
    expect(ready.rsa.fingerprintHex).toBe(server?.rsa.fingerprintHex);
    expect(ready.rsa.publicKeyPem).toContain('BEGIN RSA PUBLIC KEY');
    expect(server?.account('447700900111')).toMatchObject({ dcId: 1, hasPassword: true });
    expect([...f.handlers.keys()].sort()).toEqual(['SIGINT', 'SIGTERM']);
    f.handlers.get('SIGTERM')?.();
    expect(await f.exited).toBe(0);
    expect(f.err.join('')).toContain('SIGTERM, stopping');
  });

  it('prints help, and refuses bad options with exit code 2', async () => {
    const help = fakeIo();
    expect(await runCli(['--help'], help.io)).toBeUndefined();
    expect(help.out.join('')).toContain('99966XYYYY');
    const bad = fakeIo();
    await runCli(['--dcs', '0'], bad.io);
    expect(bad.exitCode()).toBe(2);
    expect(bad.err.join('')).toContain('--dcs must be 1..10');
    const unknown = fakeIo();
    await runCli(['--nope'], unknown.io);
    expect(unknown.exitCode()).toBe(2);
  });
});
