import type { Prompter } from '@telets/auth';

/** Where a command writes and how it asks; tests pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** The prompter for interactive questions; undefined means the terminal. */
  prompter?: Prompter;
  /** True when a person can answer questions on stdin. */
  isInteractive: boolean;
  /** Resolves when the user asks the program to stop (Ctrl-C); long-running commands wait on it. */
  untilStopped(): Promise<string>;
}

export function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    isInteractive: process.stdin.isTTY === true,
    untilStopped: () =>
      new Promise((resolve) => {
        const stop = (signal: string): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve(signal);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      }),
  };
}

/** Answers interactiveLogin's questions by itself, showing each question and answer. */
export function scriptedPrompter(
  answers: { phone: string; code: () => string; password?: string },
  say: (line: string) => void,
): Prompter {
  return {
    async ask(question, options) {
      let answer: string;
      // "Phone number (with country code)" mentions a code too, so the phone is matched first.
      if (/phone|bot token/i.test(question)) answer = answers.phone;
      else if (/password/i.test(question)) answer = answers.password ?? '';
      else answer = answers.code();
      say(`${question}${options?.secret ? '*'.repeat(answer.length) : answer}`);
      return answer;
    },
    say,
  };
}
