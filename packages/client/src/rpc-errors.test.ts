import { RpcError } from '@telets/transport';
import { describe, expect, it } from 'vitest';
import { asRpcError, classifyRpcError } from './rpc-errors.js';

const verdictOf = (code: number, message: string) =>
  classifyRpcError(
    asRpcError(new RpcError(code, message, 'x')) as NonNullable<ReturnType<typeof asRpcError>>,
  );

describe('reading RPC errors', () => {
  it('reads the transport RpcError: name and value', () => {
    expect(asRpcError(new RpcError(420, 'FLOOD_WAIT_31', 'auth.sendCode'))).toEqual({
      code: 420,
      name: 'FLOOD_WAIT',
      value: 31,
    });
  });

  it('ignores transport errors and things that are not errors', () => {
    expect(asRpcError({ code: -404, name: 'TransportCodeError' })).toBeUndefined();
    expect(asRpcError(new Error('x'))).toBeUndefined();
    expect(asRpcError(undefined)).toBeUndefined();
    expect(asRpcError('FLOOD_WAIT_3')).toBeUndefined();
  });

  it('splits the value off a raw errorMessage when the error has no value field', () => {
    expect(asRpcError({ code: 303, name: 'RpcError', errorMessage: 'PHONE_MIGRATE_4' })).toEqual({
      code: 303,
      name: 'PHONE_MIGRATE',
      value: 4,
    });
  });

  it('classifies the errors the client acts on', () => {
    expect(verdictOf(303, 'PHONE_MIGRATE_1')).toEqual({ kind: 'migrate', dcId: 1 });
    expect(verdictOf(303, 'USER_MIGRATE_5')).toEqual({ kind: 'migrate', dcId: 5 });
    expect(verdictOf(303, 'NETWORK_MIGRATE_3')).toEqual({ kind: 'migrate', dcId: 3 });
    expect(verdictOf(303, 'FILE_MIGRATE_2')).toEqual({ kind: 'other' });
    expect(verdictOf(420, 'FLOOD_WAIT_7')).toEqual({ kind: 'flood', seconds: 7 });
    expect(verdictOf(420, 'FLOOD_PREMIUM_WAIT_9')).toEqual({ kind: 'flood', seconds: 9 });
    expect(verdictOf(401, 'SESSION_REVOKED')).toEqual({
      kind: 'loggedOut',
      reason: 'SESSION_REVOKED',
    });
    expect(verdictOf(401, 'SESSION_PASSWORD_NEEDED')).toEqual({ kind: 'other' });
    expect(verdictOf(406, 'AUTH_KEY_DUPLICATED')).toEqual({ kind: 'duplicated' });
    expect(verdictOf(400, 'PHONE_CODE_INVALID')).toEqual({ kind: 'other' });
  });
});
