import type { Account } from '../domain/accounts.js';
import { rpc } from '../errors.js';
import type { TlObj } from '../tl/object.js';
import type { MethodContext } from './context.js';

/** The `user` constructor as its owner (self) or another user sees it. */
export function userObject(account: Account, isSelf: boolean): TlObj {
  return {
    _: 'user',
    self: isSelf || undefined,
    bot: account.isBot || undefined,
    id: account.id,
    accessHash: account.accessHash,
    firstName: account.firstName,
    lastName: account.lastName || undefined,
    username: account.username,
    phone: isSelf && !account.isBot ? account.phone : undefined,
    // flags.14 carries both `bot` and bot_info_version: a bot must have both.
    botInfoVersion: account.isBot ? 1 : undefined,
    status: account.isBot ? undefined : { _: 'userStatusRecently', byMe: undefined },
  };
}

/** auth.authorization for a freshly signed-in account. */
export function authorizationObject(account: Account): TlObj {
  return { _: 'auth.authorization', user: userObject(account, true) };
}

/** Marks the caller's auth key as signed in to `account`. */
export function signInAuthKey(ctx: MethodContext, account: Account): TlObj {
  ctx.authKey.userId = account.id;
  ctx.authKey.passwordPendingFor = undefined;
  ctx.authKey.revokedWith = undefined;
  return authorizationObject(account);
}

/** The signed-in account of the caller, or the 401 Telegram gives. */
export function currentAccount(ctx: MethodContext): Account {
  const userId = ctx.authKey.userId;
  const account = userId === undefined ? undefined : ctx.world.accounts.get(userId);
  if (!account) throw rpc.unauthorized(ctx.authKey.revokedWith ?? 'AUTH_KEY_UNREGISTERED');
  return account;
}

export function nowSeconds(ctx: MethodContext): number {
  return Math.floor(ctx.world.nowMs() / 1000);
}
