import type { ResultOf, TlByName } from '@telets/tl-schema';
import { SignUpRequiredError, UnexpectedAnswerError } from './errors.js';
import { explainRpcName } from './explain.js';
import type { AuthHost } from './host.js';

/** A Telegram user as the API describes it (the generated `user` constructor). */
export type User = TlByName['user'];

/** What auth.signIn, auth.checkPassword and auth.importBotAuthorization answer. */
export type Authorization = ResultOf<TlByName['auth.signIn']>;

/** Hands a successful authorization to the host (which saves the session) and returns the user. */
export async function completeSignIn(host: AuthHost, authorization: Authorization): Promise<User> {
  if (authorization._ === 'auth.authorizationSignUpRequired') {
    throw new SignUpRequiredError(
      explainRpcName('PHONE_NUMBER_UNOCCUPIED') ?? 'This phone number has no account yet.',
    );
  }
  const user = authorization.user;
  if (user._ !== 'user') {
    throw new UnexpectedAnswerError('Telegram signed in but returned no user (userEmpty).');
  }
  await host.onSignedIn(user);
  host.logger?.info(`auth: signed in as user ${user.id}${user.bot ? ' (bot)' : ''}`);
  return user;
}

/** A short description for people: "Ada Lovelace (@ada)". */
export function describeUser(user: User): string {
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ') || `user ${user.id}`;
  return user.username ? `${name} (@${user.username})` : name;
}
