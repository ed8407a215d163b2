import type { AuthHost } from '../host.js';
import {
  type InteractiveLoginOptions,
  interactiveLogin as interactiveLoginWith,
} from '../interactive-login.js';
import type { Prompter } from '../prompter.js';
import type { User } from '../user.js';
import { createTerminalPrompter } from './terminal-prompter.js';

export { createTerminalPrompter } from './terminal-prompter.js';

/**
 * interactiveLogin with the terminal as the default prompter (closed afterwards when it was
 * created here).
 */
export async function interactiveLogin(
  host: AuthHost,
  phoneOrBotToken?: string,
  prompter?: Prompter,
  options?: InteractiveLoginOptions,
): Promise<User> {
  const own = prompter ? undefined : createTerminalPrompter();
  try {
    return await interactiveLoginWith(
      host,
      phoneOrBotToken,
      prompter ?? (own as Prompter),
      options,
    );
  } finally {
    own?.close?.();
  }
}
