import { normalizePhone, testNumberDc } from '../domain/phone.js';
import { rpc } from '../errors.js';
import type { TlObj } from '../tl/object.js';
import type { MethodContext } from './context.js';
import { currentAccount, signInAuthKey } from './objects.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function phoneOf(request: TlObj): string {
  const phone = normalizePhone(str(request.phoneNumber));
  if (!phone) throw rpc.badRequest('PHONE_NUMBER_INVALID');
  return phone;
}

/** The DC a number lives on, creating test numbers; undefined for a number nobody has. */
function homeDcOf(ctx: MethodContext, phone: string): number | undefined {
  const account = ctx.world.accounts.findOrCreateTestAccount(phone);
  if (account) return account.dcId;
  // A test number naming a DC this server lacks is not a number at all.
  if (testNumberDc(phone) !== undefined) throw rpc.badRequest('PHONE_NUMBER_INVALID');
  return undefined;
}

function sentCode(ctx: MethodContext, phone: string, isRegistered: boolean): TlObj {
  const code = ctx.world.loginCodeFor(phone);
  const pending = ctx.world.codes.issue(phone, code, ctx.world.nowMs());
  return {
    _: 'auth.sentCode',
    type: isRegistered
      ? { _: 'auth.sentCodeTypeApp', length: code.length }
      : { _: 'auth.sentCodeTypeSms', length: code.length },
    phoneCodeHash: pending.hash,
    nextType: { _: 'auth.codeTypeSms' },
    timeout: 60,
  };
}

export function sendCode(ctx: MethodContext, request: TlObj): TlObj {
  const phone = phoneOf(request);
  ctx.world.flood.check('auth.sendCode', phone, ctx.world.nowMs());
  ctx.world.apps.check(Number(request.apiId), str(request.apiHash));
  const homeDc = homeDcOf(ctx, phone);
  if (homeDc !== undefined && homeDc !== ctx.dcId) throw rpc.seeOther(`PHONE_MIGRATE_${homeDc}`);
  return sentCode(ctx, phone, homeDc !== undefined);
}

export function resendCode(ctx: MethodContext, request: TlObj): TlObj {
  const phone = phoneOf(request);
  const hash = str(request.phoneCodeHash);
  ctx.world.codes.lookup(phone, hash, ctx.world.nowMs());
  ctx.world.codes.consume(hash);
  return sentCode(ctx, phone, ctx.world.accounts.byPhoneNumber(phone) !== undefined);
}

export function cancelCode(ctx: MethodContext, request: TlObj): boolean {
  const phone = phoneOf(request);
  const hash = str(request.phoneCodeHash);
  ctx.world.codes.lookup(phone, hash, ctx.world.nowMs());
  ctx.world.codes.consume(hash);
  return true;
}

export function signIn(ctx: MethodContext, request: TlObj): TlObj {
  const phone = phoneOf(request);
  const nowMs = ctx.world.nowMs();
  ctx.world.flood.check('auth.signIn', phone, nowMs);
  const hash = str(request.phoneCodeHash);
  const code = typeof request.phoneCode === 'string' ? request.phoneCode : undefined;
  const pending = ctx.world.codes.verify(phone, hash, code, nowMs);
  const account = ctx.world.accounts.byPhoneNumber(phone);
  if (!account) {
    pending.isVerified = true;
    return { _: 'auth.authorizationSignUpRequired' };
  }
  if (account.dcId !== ctx.dcId) throw rpc.seeOther(`PHONE_MIGRATE_${account.dcId}`);
  ctx.world.codes.consume(hash);
  if (account.password) {
    ctx.authKey.passwordPendingFor = account.id;
    throw rpc.unauthorized('SESSION_PASSWORD_NEEDED');
  }
  return signInAuthKey(ctx, account);
}

export function signUp(ctx: MethodContext, request: TlObj): TlObj {
  const phone = phoneOf(request);
  const hash = str(request.phoneCodeHash);
  const pending = ctx.world.codes.lookup(phone, hash, ctx.world.nowMs());
  if (!pending.isVerified) throw rpc.badRequest('PHONE_CODE_INVALID');
  const firstName = str(request.firstName).trim();
  if (firstName === '' || firstName.length > 64) throw rpc.badRequest('FIRSTNAME_INVALID');
  const lastName = str(request.lastName).trim();
  if (lastName.length > 64) throw rpc.badRequest('LASTNAME_INVALID');
  if (ctx.world.accounts.byPhoneNumber(phone)) throw rpc.badRequest('PHONE_NUMBER_OCCUPIED');
  ctx.world.codes.consume(hash);
  const account = ctx.world.accounts.addUser({ phone, dcId: ctx.dcId, firstName, lastName });
  return signInAuthKey(ctx, account);
}

export function logOut(ctx: MethodContext): TlObj {
  currentAccount(ctx);
  ctx.authKey.userId = undefined;
  ctx.authKey.passwordPendingFor = undefined;
  return { _: 'auth.loggedOut' };
}
