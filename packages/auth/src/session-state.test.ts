import { describe, expect, it } from 'vitest';
import { getSignedInUser, isAuthorized, isUnauthorizedError, signOut } from './session-state.js';
import { FakeHost, makeUser, rpc } from './testing-internal/fake-host.js';

describe('isAuthorized', () => {
  it('is true when the server returns the signed-in user', async () => {
    const me = makeUser(7n, { self: true });
    const host = new FakeHost().on('users.getUsers', [me]);
    expect(await isAuthorized(host)).toBe(true);
    expect(await getSignedInUser(host)).toBe(me);
    expect(host.calls[0].request).toEqual({ _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] });
  });

  it.each(['AUTH_KEY_UNREGISTERED', 'SESSION_REVOKED', 'SESSION_PASSWORD_NEEDED'])(
    'is false on 401 %s',
    async (name) => {
      const host = new FakeHost().on('users.getUsers', rpc(401, name));
      expect(await isAuthorized(host)).toBe(false);
    },
  );

  it("is false on the client's LoggedOutError wrapping a 401", async () => {
    const loggedOut = new Error('logged out', { cause: rpc(401, 'AUTH_KEY_UNREGISTERED') });
    loggedOut.name = 'LoggedOutError';
    const host = new FakeHost().on('users.getUsers', loggedOut);
    expect(await isAuthorized(host)).toBe(false);
    expect(isUnauthorizedError(loggedOut)).toBe(true);
  });

  it('throws network and other RPC errors instead of answering false', async () => {
    const net = new Error('connect ECONNREFUSED 127.0.0.1:443');
    await expect(isAuthorized(new FakeHost().on('users.getUsers', net))).rejects.toBe(net);
    const internal = rpc(500, 'INTERNAL_SERVER_ERROR');
    await expect(isAuthorized(new FakeHost().on('users.getUsers', internal))).rejects.toBe(
      internal,
    );
    const flood = rpc(420, 'FLOOD_WAIT_3');
    await expect(isAuthorized(new FakeHost().on('users.getUsers', flood))).rejects.toBe(flood);
  });
});

describe('signOut', () => {
  it('logs out on the server, then tells the host', async () => {
    const host = new FakeHost().on('auth.logOut', { _: 'auth.loggedOut' });
    await signOut(host);
    expect(host.callsOf('auth.logOut')).toHaveLength(1);
    expect(host.signedOutCount).toBe(1);
  });

  it('treats an already signed-out session as signed out', async () => {
    const host = new FakeHost().on('auth.logOut', rpc(401, 'AUTH_KEY_UNREGISTERED'));
    await signOut(host);
    expect(host.signedOutCount).toBe(1);
  });

  it('does not tell the host on a network error (the key may still be signed in)', async () => {
    const host = new FakeHost().on('auth.logOut', new Error('timeout'));
    await expect(signOut(host)).rejects.toThrow('timeout');
    expect(host.signedOutCount).toBe(0);
  });
});
