import type { AuthKeyRecord } from '../domain/auth-keys.js';
import type { World } from '../domain/world.js';
import type { TlObj } from '../tl/object.js';

/** What a method handler sees of the world: the DC it runs on and the caller's auth key. */
export interface MethodContext {
  readonly world: World;
  readonly dcId: number;
  readonly authKey: AuthKeyRecord;
  /** The layer the caller speaks (already resolved to one the server has). */
  readonly layer: number;
}

/** A method: a pure async function from request to result, throwing RpcFailure for errors. */
export type MethodHandler = (ctx: MethodContext, request: TlObj) => unknown | Promise<unknown>;

export interface MethodEntry {
  readonly handler: MethodHandler;
  /** Whether the caller must be signed in (401 AUTH_KEY_UNREGISTERED otherwise). */
  readonly needsAuthorization: boolean;
}
