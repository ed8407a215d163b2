import type { Account } from '../domain/accounts.js';
import type { LoginTokenRecord } from '../domain/login-tokens.js';
import type { World } from '../domain/world.js';
import { rpc } from '../errors.js';
import type { TlObj } from '../tl/object.js';
import type { MethodContext } from './context.js';
import { currentAccount, nowSeconds, signInAuthKey } from './objects.js';

function tokenOf(request: TlObj): Uint8Array {
  if (!(request.token instanceof Uint8Array)) throw rpc.badRequest('AUTH_TOKEN_INVALID');
  return request.token;
}

/**
 * Where the waiting session stands once its token was accepted: migrate, signed in, or (for an
 * account with two-step verification) 401 SESSION_PASSWORD_NEEDED, after which auth.checkPassword
 * finishes the sign-in on this auth key, as after auth.signIn.
 */
function finishAccepted(ctx: MethodContext, record: LoginTokenRecord, account: Account): TlObj {
  if (account.dcId !== ctx.dcId) {
    return { _: 'auth.loginTokenMigrateTo', dcId: account.dcId, token: record.token };
  }
  ctx.world.loginTokens.delete(record.token);
  if (account.password) {
    ctx.authKey.passwordPendingFor = account.id;
    throw rpc.unauthorized('SESSION_PASSWORD_NEEDED');
  }
  return { _: 'auth.loginTokenSuccess', authorization: signInAuthKey(ctx, account) };
}

export function exportLoginToken(ctx: MethodContext, request: TlObj): TlObj {
  const { world } = ctx;
  world.apps.check(Number(request.apiId), String(request.apiHash ?? ''));
  for (const record of world.loginTokens.values()) {
    if (record.authKeyId !== ctx.authKey.id || record.dcId !== ctx.dcId) continue;
    const account =
      record.acceptedBy === undefined ? undefined : world.accounts.get(record.acceptedBy);
    if (account) return finishAccepted(ctx, record, account);
  }
  const expiresAtMs = world.nowMs() + world.loginTokenTtlMs;
  const token = world.randomBytes(32);
  world.loginTokens.set(token, { token, dcId: ctx.dcId, authKeyId: ctx.authKey.id, expiresAtMs });
  return { _: 'auth.loginToken', expires: Math.floor(expiresAtMs / 1000), token };
}

export function importLoginToken(ctx: MethodContext, request: TlObj): TlObj {
  const record = ctx.world.loginTokens.get(tokenOf(request));
  if (!record) throw rpc.badRequest('AUTH_TOKEN_INVALID');
  const account =
    record.acceptedBy === undefined ? undefined : ctx.world.accounts.get(record.acceptedBy);
  if (!account) {
    if (ctx.world.nowMs() >= record.expiresAtMs) throw rpc.badRequest('AUTH_TOKEN_EXPIRED');
    return {
      _: 'auth.loginToken',
      expires: Math.floor(record.expiresAtMs / 1000),
      token: record.token,
    };
  }
  return finishAccepted(ctx, record, account);
}

/**
 * A signed-in user accepts a QR token (from auth.acceptLoginToken or the management API); the
 * exporting session is told with updateLoginToken.
 */
export function acceptToken(world: World, token: Uint8Array, account: Account): LoginTokenRecord {
  const record = world.loginTokens.get(token);
  if (!record) throw rpc.badRequest('AUTH_TOKEN_INVALID');
  if (world.nowMs() >= record.expiresAtMs) throw rpc.badRequest('AUTH_TOKEN_EXPIRED');
  if (record.acceptedBy !== undefined) throw rpc.badRequest('AUTH_TOKEN_ALREADY_ACCEPTED');
  record.acceptedBy = account.id;
  world.pushUpdate(record.dcId, record.authKeyId, {
    _: 'updateShort',
    update: { _: 'updateLoginToken' },
    date: Math.floor(world.nowMs() / 1000),
  });
  return record;
}

export function acceptLoginToken(ctx: MethodContext, request: TlObj): TlObj {
  const account = currentAccount(ctx);
  acceptToken(ctx.world, tokenOf(request), account);
  const now = nowSeconds(ctx);
  return {
    _: 'authorization',
    hash: ctx.world.randomLong(),
    deviceModel: 'telets test device',
    platform: 'test',
    systemVersion: '1.0',
    apiId: ctx.authKey.apiId ?? 0,
    appName: 'telets',
    appVersion: '1.0',
    dateCreated: now,
    dateActive: now,
    ip: '127.0.0.1',
    country: 'Local',
    region: '',
  };
}
