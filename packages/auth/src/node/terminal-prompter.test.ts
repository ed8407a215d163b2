import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LoginCancelledError } from '../errors.js';
import { createTerminalPrompter } from './terminal-prompter.js';

function streams(isTTY: boolean): { input: PassThrough; output: PassThrough; text(): string } {
  const input = new PassThrough();
  const output = new PassThrough();
  if (isTTY) {
    // What readline needs from a terminal: the flag and raw mode.
    Object.assign(input, { isTTY: true, isRaw: false, setRawMode: () => input });
  }
  let written = '';
  output.on('data', (chunk: Buffer) => {
    written += chunk.toString('utf8');
  });
  return { input, output, text: () => written };
}

/** Lets the streams deliver what was written (PassThrough emits on the next ticks). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('createTerminalPrompter on a pipe', () => {
  it('asks, reads a line, and says things', async () => {
    const { input, output, text } = streams(false);
    const prompter = createTerminalPrompter(input, output);
    const answer = prompter.ask('Phone: ');
    input.write('+1 555 010 9999\n');
    expect(await answer).toBe('+1 555 010 9999');
    prompter.say('Code sent.');
    prompter.close?.();
    await settle();
    expect(text()).toBe('Phone: \nCode sent.\n');
  });

  it('keeps answers typed ahead, in order', async () => {
    const { input, output, text } = streams(false);
    const prompter = createTerminalPrompter(input, output);
    input.write('first\nsecond\n');
    await settle();
    expect(await prompter.ask('A: ')).toBe('first');
    expect(await prompter.ask('B: ', { secret: true })).toBe('second');
    prompter.close?.();
    await settle();
    expect(text()).toBe('A: \nB: \n');
  });

  it('never writes a secret answer to the output', async () => {
    const { input, output, text } = streams(false);
    const prompter = createTerminalPrompter(input, output);
    const answer = prompter.ask('Password: ', { secret: true });
    input.write('hunter2\n');
    expect(await answer).toBe('hunter2');
    prompter.close?.();
    await settle();
    expect(text()).toBe('Password: \n');
  });

  it('rejects with LoginCancelledError when the input ends', async () => {
    const { input, output } = streams(false);
    const prompter = createTerminalPrompter(input, output);
    const answer = prompter.ask('Code: ');
    input.end();
    await expect(answer).rejects.toThrow(LoginCancelledError);
    await expect(prompter.ask('Again: ')).rejects.toThrow(LoginCancelledError);
  });

  it('still hands out a last line that arrived before the end', async () => {
    const { input, output } = streams(false);
    const prompter = createTerminalPrompter(input, output);
    input.end('12345\n');
    await settle();
    expect(await prompter.ask('Code: ')).toBe('12345');
    await expect(prompter.ask('Password: ')).rejects.toThrow(LoginCancelledError);
  });
});

describe('createTerminalPrompter on a terminal', () => {
  it('echoes ordinary answers as they are typed', async () => {
    const { input, output, text } = streams(true);
    const prompter = createTerminalPrompter(input, output);
    const answer = prompter.ask('Code: ');
    input.write('12345\r');
    expect(await answer).toBe('12345');
    prompter.close?.();
    await settle();
    expect(text()).toContain('Code: ');
    expect(text()).toContain('12345');
  });

  it('does not echo the password, even when it is edited', async () => {
    const { input, output, text } = streams(true);
    const prompter = createTerminalPrompter(input, output);
    const answer = prompter.ask('Password: ', { secret: true });
    input.write('open sesamX');
    input.write('\x7f'); // backspace makes the line editor redraw the line
    input.write('e\r');
    expect(await answer).toBe('open sesame');
    prompter.say('Signed in.');
    prompter.close?.();
    await settle();
    expect(text()).toContain('Password: ');
    expect(text()).toContain('Signed in.\n');
    expect(text()).not.toMatch(/sesa|open/);
    expect(text()).not.toContain('*');
  });

  it('ends a pending question on Ctrl+C', async () => {
    const { input, output } = streams(true);
    const prompter = createTerminalPrompter(input, output);
    const answer = prompter.ask('Code: ');
    input.write('\x03');
    await expect(answer).rejects.toThrow(LoginCancelledError);
  });
});

describe("'@telets/auth/node' interactiveLogin", () => {
  it('uses an injected prompter and leaves it open for its owner', async () => {
    const { interactiveLogin } = await import('./index.js');
    const { FakeHost, ScriptedPrompter, makeUser } = await import(
      '../testing-internal/fake-host.js'
    );
    const me = makeUser(1n);
    const host = new FakeHost().on('users.getUsers', [me]);
    const prompter = new ScriptedPrompter([]);
    expect(await interactiveLogin(host, undefined, prompter)).toBe(me);
    expect(prompter.isClosed).toBe(false);
    expect(prompter.said).toEqual(['Already signed in as Ada Lovelace.']);
  });
});
