import { rpc } from '../errors.js';
import type { TlObj } from '../tl/object.js';
import type { MethodContext } from './context.js';
import { signInAuthKey } from './objects.js';

export function importBotAuthorization(ctx: MethodContext, request: TlObj): TlObj {
  ctx.world.apps.check(Number(request.apiId), String(request.apiHash ?? ''));
  const bot = ctx.world.accounts.botByToken(String(request.botAuthToken ?? ''));
  if (!bot) throw rpc.badRequest('ACCESS_TOKEN_INVALID');
  if (bot.dcId !== ctx.dcId) throw rpc.seeOther(`USER_MIGRATE_${bot.dcId}`);
  return signInAuthKey(ctx, bot);
}
