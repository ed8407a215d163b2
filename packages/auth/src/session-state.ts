import type { AuthHost, InvokeOptions } from './host.js';
import { rpcErrorOf } from './rpc-error.js';
import type { User } from './user.js';

/**
 * True when the error means "this auth key is not signed in": any 401 (AUTH_KEY_UNREGISTERED,
 * SESSION_PASSWORD_NEEDED, SESSION_REVOKED, ...), also when wrapped by the client's LoggedOutError.
 */
export function isUnauthorizedError(e: unknown): boolean {
  if (rpcErrorOf(e)?.code === 401) return true;
  return e instanceof Error && e.name === 'LoggedOutError';
}

/**
 * The signed-in user, or undefined when the server answers 401. Network and other errors are
 * thrown: "could not ask" is never turned into "not signed in".
 */
export async function getSignedInUser(
  host: AuthHost,
  options?: InvokeOptions,
): Promise<User | undefined> {
  try {
    const users = await host.invoke({ _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] }, options);
    const self = users[0];
    return self?._ === 'user' ? self : undefined;
  } catch (e) {
    if (isUnauthorizedError(e)) return undefined;
    throw e;
  }
}

/** Asks the server whether this session is signed in; false only on a 401 answer. */
export async function isAuthorized(host: AuthHost, options?: InvokeOptions): Promise<boolean> {
  return (await getSignedInUser(host, options)) !== undefined;
}

/**
 * Signs the session out on the server (auth.logOut) and tells the host. A session the server
 * already considers signed out counts as success; network errors are thrown and the host is not
 * told, because the key may still be authorised.
 */
export async function signOut(host: AuthHost, options?: InvokeOptions): Promise<void> {
  try {
    await host.invoke({ _: 'auth.logOut' }, options);
  } catch (e) {
    if (!isUnauthorizedError(e)) throw e;
    host.logger?.debug('auth: the session was already signed out');
  }
  await host.onSignedOut();
  host.logger?.info('auth: signed out');
}
