/** How interactiveLogin talks to a person; the terminal one is in '@telets/auth/node'. */
export interface Prompter {
  /** Asks and resolves with the answer; `secret` answers (passwords) must not be echoed. */
  ask(question: string, options?: { secret?: boolean }): Promise<string>;
  /** Tells the person something (how the code was sent, what went wrong, who signed in). */
  say(message: string): void;
  close?(): void;
}
