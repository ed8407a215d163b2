/**
 * How the client reads RPC errors. Matched structurally (code + name + optional value) so that
 * errors from any Sender implementation, including test doubles, are understood the same way.
 */
export interface RpcErrorLike {
  code: number;
  /** The error's name without its numeric suffix: 'FLOOD_WAIT' for FLOOD_WAIT_31. */
  name: string;
  /** The numeric suffix: 31 for FLOOD_WAIT_31. */
  value?: number;
}

export function asRpcError(error: unknown): RpcErrorLike | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; name?: unknown; value?: unknown; errorMessage?: unknown };
  if (typeof e.code !== 'number' || typeof e.name !== 'string') return undefined;
  // Transport errors carry negative codes (-404) and are not RPC errors.
  if (e.code < 300) return undefined;
  let name = e.name;
  let value = typeof e.value === 'number' ? e.value : undefined;
  if (value === undefined) {
    const m = /^(.*?)_(\d+)$/.exec(typeof e.errorMessage === 'string' ? e.errorMessage : name);
    if (m) {
      name = m[1];
      value = Number(m[2]);
    }
  }
  return { code: e.code, name, value };
}

export type RpcVerdict =
  | { kind: 'migrate'; dcId: number }
  | { kind: 'flood'; seconds: number }
  | { kind: 'loggedOut'; reason: string }
  | { kind: 'duplicated' }
  | { kind: 'other' };

// Only these move the account's home; FILE_MIGRATE and STATS_MIGRATE concern a single request.
const HOME_MIGRATIONS = new Set(['PHONE_MIGRATE', 'USER_MIGRATE', 'NETWORK_MIGRATE']);
const FLOODS = new Set(['FLOOD_WAIT', 'FLOOD_PREMIUM_WAIT', 'FLOOD_TEST_PHONE_WAIT']);
// 401s that mean "this key no longer belongs to a signed-in account". SESSION_PASSWORD_NEEDED is
// also a 401 but is a step of sign-in, so it is deliberately absent.
const LOGGED_OUT = new Set([
  'AUTH_KEY_UNREGISTERED',
  'AUTH_KEY_INVALID',
  'AUTH_KEY_PERM_EMPTY',
  'SESSION_REVOKED',
  'SESSION_EXPIRED',
  'USER_DEACTIVATED',
  'USER_DEACTIVATED_BAN',
]);

export function classifyRpcError(error: RpcErrorLike): RpcVerdict {
  if (error.code === 303 && HOME_MIGRATIONS.has(error.name) && error.value !== undefined) {
    return { kind: 'migrate', dcId: error.value };
  }
  if (FLOODS.has(error.name)) {
    return { kind: 'flood', seconds: error.value ?? 0 };
  }
  if (error.code === 401 && LOGGED_OUT.has(error.name)) {
    return { kind: 'loggedOut', reason: error.name };
  }
  if (error.name === 'AUTH_KEY_DUPLICATED') return { kind: 'duplicated' };
  return { kind: 'other' };
}

/**
 * Requests the client never repeats on its own, even after a short FLOOD_WAIT: repeating them
 * sends another code, burns an attempt or trips Telegram's anti-abuse limits.
 */
export const NEVER_RETRIED: ReadonlySet<string> = new Set([
  'auth.sendCode',
  'auth.resendCode',
  'auth.signIn',
  'auth.signUp',
  'auth.checkPassword',
  'auth.importBotAuthorization',
]);
