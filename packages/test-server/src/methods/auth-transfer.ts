import { rpc } from '../errors.js';
import type { TlObj } from '../tl/object.js';
import type { MethodContext } from './context.js';
import { currentAccount, signInAuthKey } from './objects.js';

/** auth.exportAuthorization: one-time bytes to sign the same user in on another DC. */
export function exportAuthorization(ctx: MethodContext, request: TlObj): TlObj {
  const account = currentAccount(ctx);
  const dcId = Number(request.dcId);
  if (!ctx.world.hasDc(dcId) || dcId === ctx.dcId) throw rpc.badRequest('DC_ID_INVALID');
  const bytes = ctx.world.randomBytes(128);
  ctx.world.exportedAuths.set(bytes, {
    userId: account.id,
    dcId,
    expiresAtMs: ctx.world.nowMs() + ctx.world.exportedAuthTtlMs,
  });
  return { _: 'auth.exportedAuthorization', id: account.id, bytes };
}

export function importAuthorization(ctx: MethodContext, request: TlObj): TlObj {
  const bytes = request.bytes;
  if (!(bytes instanceof Uint8Array)) throw rpc.badRequest('AUTH_BYTES_INVALID');
  const exported = ctx.world.exportedAuths.get(bytes);
  const isValid =
    exported !== undefined &&
    exported.userId === request.id &&
    exported.dcId === ctx.dcId &&
    ctx.world.nowMs() < exported.expiresAtMs;
  const account = exported ? ctx.world.accounts.get(exported.userId) : undefined;
  if (!isValid || !account) throw rpc.badRequest('AUTH_BYTES_INVALID');
  ctx.world.exportedAuths.delete(bytes);
  return signInAuthKey(ctx, account);
}
