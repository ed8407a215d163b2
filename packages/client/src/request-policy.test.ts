import { FloodWaitError } from '@telets/auth';
import { RpcError } from '@telets/transport';
import { describe, expect, it } from 'vitest';
import { decideAfterFailure, type FailureContext, MAX_MIGRATIONS } from './request-policy.js';

const base: FailureContext = {
  request: 'updates.getState',
  isHomeDc: true,
  isExplicitDc: false,
  isSignedIn: true,
  migrations: 0,
  floodSleepThresholdSeconds: 60,
};
const rpc = (code: number, message: string, request = base.request) =>
  new RpcError(code, message, request);

describe('decideAfterFailure', () => {
  it('passes on anything that is not an RPC error', () => {
    const error = new Error('socket hang up');
    expect(decideAfterFailure(error, base)).toEqual({ action: 'throw', error });
  });

  it('follows home migrations, but not for a caller-chosen DC nor past the limit', () => {
    expect(decideAfterFailure(rpc(303, 'PHONE_MIGRATE_4'), base)).toEqual({
      action: 'migrate',
      dcId: 4,
      rpcName: 'PHONE_MIGRATE',
    });
    expect(
      decideAfterFailure(rpc(303, 'USER_MIGRATE_4'), { ...base, isExplicitDc: true }).action,
    ).toBe('throw');
    expect(
      decideAfterFailure(rpc(303, 'NETWORK_MIGRATE_4'), { ...base, migrations: MAX_MIGRATIONS })
        .action,
    ).toBe('throw');
  });

  it('sleeps through a short FLOOD_WAIT, throws FloodWaitError for a long one', () => {
    expect(decideAfterFailure(rpc(420, 'FLOOD_WAIT_60'), base)).toEqual({
      action: 'sleep',
      seconds: 60,
      rpcName: 'FLOOD_WAIT',
    });
    const long = decideAfterFailure(rpc(420, 'FLOOD_WAIT_61'), base);
    expect(long.action).toBe('throw');
    const error = (long as { error: FloodWaitError }).error;
    expect(error).toBeInstanceOf(FloodWaitError);
    expect(error.seconds).toBe(61);
  });

  for (const request of [
    'auth.sendCode',
    'auth.signIn',
    'auth.checkPassword',
    'auth.importBotAuthorization',
  ]) {
    it(`never sleeps and retries ${request}`, () => {
      const decision = decideAfterFailure(rpc(420, 'FLOOD_WAIT_1', request), { ...base, request });
      expect(decision.action).toBe('throw');
      expect((decision as { error: FloodWaitError }).error.seconds).toBe(1);
    });
  }

  it('a 401 is a logout only on the home DC of a signed-in session', () => {
    const error = rpc(401, 'AUTH_KEY_UNREGISTERED');
    expect(decideAfterFailure(error, base)).toEqual({
      action: 'loggedOut',
      reason: 'AUTH_KEY_UNREGISTERED',
    });
    expect(decideAfterFailure(error, { ...base, isSignedIn: false })).toEqual({
      action: 'throw',
      error,
    });
    expect(decideAfterFailure(error, { ...base, isHomeDc: false })).toEqual({
      action: 'throw',
      error,
    });
  });

  it('AUTH_KEY_DUPLICATED stops the client', () => {
    expect(decideAfterFailure(rpc(406, 'AUTH_KEY_DUPLICATED'), base)).toEqual({
      action: 'duplicated',
    });
  });
});
