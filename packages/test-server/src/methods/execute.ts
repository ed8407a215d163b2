import { RpcFailure, rpc } from '../errors.js';
import type { TlObj } from '../tl/object.js';
import type { MethodContext } from './context.js';
import { METHODS } from './registry.js';

/** Wrappers whose result is the result of their `query`. */
const WRAPPERS = new Set([
  'invokeWithLayer',
  'initConnection',
  'invokeWithoutUpdates',
  'invokeAfterMsg',
  'invokeAfterMsgs',
  'invokeWithTakeout',
  'invokeWithMessagesRange',
]);

/** Methods whose handlers apply their flood limit per phone number themselves. */
const PER_PHONE_FLOOD = new Set(['auth.sendCode', 'auth.signIn', 'auth.checkPassword']);

/** The innermost method of a request: the name counters and logs use and whose result type applies. */
export function innermostMethod(request: TlObj): TlObj {
  let current = request;
  while (WRAPPERS.has(current._) && typeof current.query === 'object' && current.query !== null) {
    current = current.query as TlObj;
  }
  return current;
}

export type Outcome =
  | { readonly method: string; readonly isOk: true; readonly value: unknown }
  | { readonly method: string; readonly isOk: false; readonly error: RpcFailure };

/**
 * Runs one request: unwraps invokeWithLayer/initConnection (checking api_id), enforces sign-in,
 * and calls the handler. Never throws: failures come back as RpcFailure outcomes.
 */
export async function executeRequest(ctx: MethodContext, request: TlObj): Promise<Outcome> {
  const method = innermostMethod(request)._;
  try {
    let current = request;
    while (WRAPPERS.has(current._)) {
      if (current._ === 'initConnection') {
        const apiId = Number(current.apiId);
        ctx.world.apps.checkId(apiId);
        ctx.authKey.apiId = apiId;
      }
      current = current.query as TlObj;
    }
    const entry = METHODS.get(current._);
    if (!entry) throw rpc.badRequest('INPUT_METHOD_INVALID');
    if (entry.needsAuthorization && ctx.authKey.userId === undefined) {
      throw rpc.unauthorized(ctx.authKey.revokedWith ?? 'AUTH_KEY_UNREGISTERED');
    }
    if (!PER_PHONE_FLOOD.has(current._)) {
      // Other methods are limited per caller: the signed-in user, else the auth key.
      const caller =
        ctx.authKey.userId === undefined ? `key ${ctx.authKey.id}` : `user ${ctx.authKey.userId}`;
      ctx.world.flood.check(current._, caller, ctx.world.nowMs());
    }
    const value = await entry.handler(ctx, current);
    return { method, isOk: true, value };
  } catch (error) {
    if (error instanceof RpcFailure) return { method, isOk: false, error };
    // A handler bug: report it as Telegram reports internal failures, without details.
    return { method, isOk: false, error: new RpcFailure(500, 'INTERNAL_SERVER_ERROR') };
  }
}
