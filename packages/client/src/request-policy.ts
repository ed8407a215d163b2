import { FloodWaitError } from '@telets/auth';
import { asRpcError, classifyRpcError, NEVER_RETRIED } from './rpc-errors.js';

/** Migrations chain at most this far: a server sending us round in circles is a server bug. */
export const MAX_MIGRATIONS = 3;

export interface FailureContext {
  /** The `_` of the request that failed. */
  request: string;
  /** The request went to the home DC (not to a DC the caller chose). */
  isHomeDc: boolean;
  /** The caller chose the DC, so a migration must not move the home DC. */
  isExplicitDc: boolean;
  isSignedIn: boolean;
  /** Migrations already followed for this request. */
  migrations: number;
  floodSleepThresholdSeconds: number;
}

export type Decision =
  | { action: 'migrate'; dcId: number; rpcName: string }
  | { action: 'sleep'; seconds: number; rpcName: string }
  | { action: 'loggedOut'; reason: string }
  | { action: 'duplicated' }
  | { action: 'throw'; error: unknown };

/** What the client does after a request failed: the whole retry policy, free of I/O. */
export function decideAfterFailure(error: unknown, context: FailureContext): Decision {
  const rpc = asRpcError(error);
  if (!rpc) return { action: 'throw', error };
  const verdict = classifyRpcError(rpc);
  switch (verdict.kind) {
    case 'migrate':
      if (context.isExplicitDc || context.migrations >= MAX_MIGRATIONS) {
        return { action: 'throw', error };
      }
      return { action: 'migrate', dcId: verdict.dcId, rpcName: rpc.name };
    case 'flood':
      if (
        NEVER_RETRIED.has(context.request) ||
        verdict.seconds > context.floodSleepThresholdSeconds
      ) {
        return {
          action: 'throw',
          error: new FloodWaitError(verdict.seconds, { request: context.request, cause: error }),
        };
      }
      return { action: 'sleep', seconds: verdict.seconds, rpcName: rpc.name };
    case 'loggedOut':
      // Before sign-in a 401 is an answer (isAuthorized reads it), not a logout.
      if (context.isHomeDc && context.isSignedIn)
        return { action: 'loggedOut', reason: verdict.reason };
      return { action: 'throw', error };
    case 'duplicated':
      return { action: 'duplicated' };
    default:
      return { action: 'throw', error };
  }
}
