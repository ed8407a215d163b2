import type { Account } from '../domain/accounts.js';
import { rpc } from '../errors.js';
import type { TlObj } from '../tl/object.js';
import type { MethodContext } from './context.js';
import { currentAccount, nowSeconds, userObject } from './objects.js';

/** The account an InputUser names, as seen by `self`. */
function resolveInputUser(ctx: MethodContext, self: Account, input: unknown): Account | undefined {
  const obj = input as TlObj | undefined;
  if (obj?._ === 'inputUserSelf') return self;
  if (obj?._ === 'inputUser') {
    const account = ctx.world.accounts.get(obj.userId as bigint);
    if (account && (account.id === self.id || account.accessHash === obj.accessHash))
      return account;
  }
  return undefined;
}

export function getUsers(ctx: MethodContext, request: TlObj): TlObj[] {
  const self = currentAccount(ctx);
  const ids = Array.isArray(request.id) ? request.id : [];
  const out: TlObj[] = [];
  for (const input of ids) {
    const account = resolveInputUser(ctx, self, input);
    if (account) out.push(userObject(account, account.id === self.id));
    else if ((input as TlObj)?._ === 'inputUser')
      out.push({ _: 'userEmpty', id: (input as TlObj).userId });
  }
  return out;
}

export function getFullUser(ctx: MethodContext, request: TlObj): TlObj {
  const self = currentAccount(ctx);
  const account = resolveInputUser(ctx, self, request.id);
  if (!account) throw rpc.badRequest('USER_ID_INVALID');
  return {
    _: 'users.userFull',
    fullUser: {
      _: 'userFull',
      id: account.id,
      settings: { _: 'peerSettings' },
      notifySettings: { _: 'peerNotifySettings' },
      commonChatsCount: 0,
    },
    chats: [],
    users: [userObject(account, account.id === self.id)],
  };
}

export function getState(ctx: MethodContext): TlObj {
  currentAccount(ctx);
  return { _: 'updates.state', pts: 1, qts: 0, date: nowSeconds(ctx), seq: 1, unreadCount: 0 };
}
