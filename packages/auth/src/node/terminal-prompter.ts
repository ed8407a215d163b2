import { createInterface } from 'node:readline';
import { type Readable, Writable } from 'node:stream';
import { LoginCancelledError } from '../errors.js';
import type { Prompter } from '../prompter.js';

interface PendingAsk {
  resolve(answer: string): void;
  reject(e: Error): void;
  isSecret: boolean;
}

/**
 * A Prompter over a terminal (stdin/stdout by default) or any pair of streams. Secret answers are
 * not echoed: on a TTY the line editor's output is muted while the password is typed; on a pipe
 * nothing is echoed in the first place. Answers typed ahead of a question are kept, in order.
 * Closing the input (Ctrl+D) or Ctrl+C rejects the pending question with LoginCancelledError.
 */
export function createTerminalPrompter(
  input: Readable = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Prompter {
  let isMuted = false;
  const echo = new Writable({
    decodeStrings: false,
    write(chunk, encoding, callback): void {
      if (!isMuted) output.write(chunk, encoding);
      callback();
    },
  });
  const isTerminal = (input as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input, output: echo, terminal: isTerminal });
  const typedAhead: string[] = [];
  const waiting: PendingAsk[] = [];
  let isClosed = false;

  // Idle between questions: a prompter nobody closed does not keep the process alive, and the
  // terminal leaves raw mode so Ctrl+C interrupts the process while it waits for the network.
  const handle = input as {
    ref?: () => void;
    unref?: () => void;
    setRawMode?: (isRaw: boolean) => void;
  };
  const idle = (): void => {
    rl.pause();
    if (isTerminal) handle.setRawMode?.(false);
    handle.unref?.();
  };
  const wake = (): void => {
    handle.ref?.();
    if (isTerminal) handle.setRawMode?.(true);
  };
  idle();

  rl.on('line', (line) => {
    const next = waiting.shift();
    if (!next) {
      typedAhead.push(line);
      return;
    }
    finishAnswer(next);
    if (waiting.length === 0) idle();
    next.resolve(line);
  });
  rl.on('SIGINT', () => rl.close());
  rl.on('close', () => {
    isClosed = true;
    for (const pending of waiting.splice(0)) {
      isMuted = false;
      pending.reject(new LoginCancelledError('The input was closed before an answer was given.'));
    }
  });

  function finishAnswer(pending: { isSecret: boolean }): void {
    isMuted = false;
    // A pipe echoes nothing, and the muted line editor swallowed the newline the person typed.
    if (!isTerminal || pending.isSecret) output.write('\n');
  }

  return {
    ask(question, options = {}): Promise<string> {
      const isSecret = options.secret === true;
      if (isClosed && typedAhead.length === 0) {
        return Promise.reject(
          new LoginCancelledError('The input was closed before an answer was given.'),
        );
      }
      const ready = typedAhead.shift();
      if (ready !== undefined) {
        output.write(question);
        finishAnswer({ isSecret });
        return Promise.resolve(ready);
      }
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject, isSecret });
        // Through the line editor, so redrawing the line (backspace) keeps the question.
        wake();
        rl.setPrompt(question);
        rl.prompt();
        if (isSecret) isMuted = true;
      });
    },
    say(message): void {
      output.write(`${message}\n`);
    },
    close(): void {
      rl.close();
    },
  };
}
