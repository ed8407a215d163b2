import { toAuthError } from './explain.js';
import type { AuthHost, InvokeOptions } from './host.js';
import { completeSignIn, type User } from './user.js';
import { validateApiHash, validateApiId, validateBotToken } from './validation.js';

/**
 * Signs in as a bot (auth.importBotAuthorization, never retried). The client follows
 * USER_MIGRATE_X to the bot's DC. A rejected token is an InvalidBotTokenError.
 */
export async function botSignIn(
  host: AuthHost,
  botToken: string,
  options: InvokeOptions = {},
): Promise<User> {
  const botAuthToken = validateBotToken(botToken);
  const apiId = validateApiId(host.apiId);
  const apiHash = validateApiHash(host.apiHash);
  host.logger?.debug(`auth: signing in bot ${botAuthToken.split(':')[0]}`);
  let authorization: Awaited<ReturnType<typeof importBot>>;
  try {
    authorization = await importBot(host, apiId, apiHash, botAuthToken, options);
  } catch (e) {
    throw toAuthError(e, 'auth.importBotAuthorization');
  }
  return completeSignIn(host, authorization);
}

function importBot(
  host: AuthHost,
  apiId: number,
  apiHash: string,
  botAuthToken: string,
  options: InvokeOptions,
) {
  return host.invoke(
    { _: 'auth.importBotAuthorization', flags: 0, apiId, apiHash, botAuthToken },
    options,
  );
}
