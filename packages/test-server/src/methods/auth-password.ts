import type { Account } from '../domain/accounts.js';
import { TELEGRAM_DH_G } from '../domain/world.js';
import { rpc } from '../errors.js';
import type { TlObj } from '../tl/object.js';
import type { MethodContext } from './context.js';
import { signInAuthKey } from './objects.js';

const SRP_ALGO = 'passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow';

/** The account whose password the caller may ask about: pending 2FA, or the signed-in user. */
function passwordAccount(ctx: MethodContext): Account {
  const userId = ctx.authKey.passwordPendingFor ?? ctx.authKey.userId;
  const account = userId === undefined ? undefined : ctx.world.accounts.get(userId);
  if (!account) throw rpc.unauthorized(ctx.authKey.revokedWith ?? 'AUTH_KEY_UNREGISTERED');
  return account;
}

export function getPassword(ctx: MethodContext): TlObj {
  const account = passwordAccount(ctx);
  const { world } = ctx;
  const newAlgo = {
    _: SRP_ALGO,
    salt1: world.randomBytes(8),
    salt2: world.randomBytes(16),
    g: TELEGRAM_DH_G,
    p: world.dhPrime,
  };
  const common = {
    _: 'account.password',
    newAlgo,
    newSecureAlgo: { _: 'securePasswordKdfAlgoSHA512', salt: world.randomBytes(8) },
    secureRandom: world.randomBytes(32),
  };
  const record = account.password;
  if (!record) return common;
  const b = world.randomBytes(256);
  const B = world.srp.publicB(record, b);
  const srpId = world.randomLong();
  world.srpSessions.add({
    srpId,
    userId: account.id,
    b,
    B,
    record,
    expiresAtMs: world.nowMs() + world.srpSessions.ttlMs,
  });
  return {
    ...common,
    hasPassword: true,
    currentAlgo: {
      _: SRP_ALGO,
      salt1: record.salt1,
      salt2: record.salt2,
      g: record.g,
      p: record.p,
    },
    srpB: B,
    srpId,
    hint: record.hint || undefined,
  };
}

export function checkPassword(ctx: MethodContext, request: TlObj): TlObj {
  const account = passwordAccount(ctx);
  const { world } = ctx;
  world.flood.check('auth.checkPassword', account.phone ?? String(account.id), world.nowMs());
  const input = request.password as TlObj | undefined;
  if (input?._ !== 'inputCheckPasswordSRP') throw rpc.badRequest('PASSWORD_HASH_INVALID');
  const srpId = input.srpId as bigint;
  const session = world.srpSessions.get(srpId, world.nowMs());
  if (!session || session.userId !== account.id || session.record !== account.password) {
    throw rpc.badRequest('SRP_ID_INVALID');
  }
  const A = input.A as Uint8Array;
  const M1 = input.M1 as Uint8Array;
  if (!(A instanceof Uint8Array) || !(M1 instanceof Uint8Array)) {
    throw rpc.badRequest('PASSWORD_HASH_INVALID');
  }
  if (!world.srp.isProofValid(session.record, session.b, session.B, A, M1)) {
    throw rpc.badRequest('PASSWORD_HASH_INVALID');
  }
  world.srpSessions.delete(srpId);
  return signInAuthKey(ctx, account);
}
