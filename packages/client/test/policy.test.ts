import { FloodWaitError } from '@telets/auth';
import { MemorySession, type Session } from '@telets/session-memory';
import { describe, expect, it } from 'vitest';
import {
  AuthKeyDuplicatedError,
  ClientClosedError,
  type ClientEvents,
  LoggedOutError,
  NEVER_RETRIED,
  NotConnectedError,
} from '../src/index.js';
import { API_HASH, FakeRpcError } from './fake-network.js';
import { until } from './manual-scheduler.js';
import { setup, USER } from './setup.js';

const GET_STATE = { _: 'updates.getState' } as const;
const STATE = { _: 'updates.state', pts: 1, qts: 0, date: 0, seq: 0, unreadCount: 0 };
const SEND_CODE = {
  _: 'auth.sendCode',
  phoneNumber: '9996610001',
  apiId: 12345,
  apiHash: API_HASH,
  settings: { _: 'codeSettings' },
} as const;
const SENT_CODE = {
  _: 'auth.sentCode',
  type: { _: 'auth.sentCodeTypeApp', length: 5 },
  phoneCodeHash: 'h',
};

async function stored(storage: MemorySession): Promise<Session> {
  return (await storage.load()) as Session;
}

describe('home DC migration', () => {
  for (const [error, request, answer] of [
    ['PHONE_MIGRATE_1', SEND_CODE, SENT_CODE],
    [
      'USER_MIGRATE_3',
      {
        _: 'auth.importBotAuthorization',
        flags: 0,
        apiId: 1,
        apiHash: API_HASH,
        botAuthToken: '1:a',
      },
      { _: 'auth.authorization', user: USER },
    ],
    ['NETWORK_MIGRATE_1', GET_STATE, STATE],
  ] as const) {
    it(`${error}: switches the home DC, saves it, and sends the request there`, async () => {
      const target = Number(error.split('_').pop());
      const { client, net, session } = setup();
      net.handler = (dcId, req) => {
        if (dcId === 2) throw new FakeRpcError(303, error, String(req._));
        return answer;
      };
      await client.connect();
      await expect(client.invoke(request as never)).resolves.toEqual(answer);
      expect(net.namesOn(2)).toEqual(['help.getConfig', request._]);
      expect(net.namesOn(target)).toEqual(['help.getConfig', request._]);
      expect(client.homeDcId()).toBe(target);
      const saved = await stored(session as MemorySession);
      expect(saved.homeDcId).toBe(target);
      expect(saved.getAuthKey(target)).toBeDefined();
      await client.disconnect();
    });
  }

  it('gives up after a chain of migrations instead of looping', async () => {
    const { client, net } = setup();
    net.handler = (dcId, req) => {
      throw new FakeRpcError(303, `PHONE_MIGRATE_${(dcId % 3) + 1}`, String(req._));
    };
    await client.connect();
    await expect(client.invoke(SEND_CODE)).rejects.toMatchObject({ code: 303 });
    expect(net.count('auth.sendCode')).toBe(4);
    await client.disconnect();
  });

  it('FILE_MIGRATE does not move the home DC', async () => {
    const { client, net } = setup();
    net.handler = (_dc, req) => {
      throw new FakeRpcError(303, 'FILE_MIGRATE_1', String(req._));
    };
    await client.connect();
    await expect(client.invoke(GET_STATE)).rejects.toMatchObject({ name: 'FILE_MIGRATE' });
    expect(client.homeDcId()).toBe(2);
    await client.disconnect();
  });
});

describe('flood policy', () => {
  it('sleeps through a FLOOD_WAIT under the threshold, with a log line, then sends again', async () => {
    const { client, net, scheduler, lines } = setup({ floodSleepThresholdSeconds: 10 });
    let failures = 1;
    net.handler = (_dc, req) => {
      if (failures-- > 0) throw new FakeRpcError(420, 'FLOOD_WAIT_7', String(req._));
      return STATE;
    };
    await client.connect();
    const result = client.invoke(GET_STATE);
    await until(() => scheduler.timers.size === 1);
    expect(scheduler.delays()).toEqual([7000]);
    expect(lines.some((l) => /FLOOD_WAIT of 7 s on updates\.getState/.test(l))).toBe(true);
    expect(net.count('updates.getState')).toBe(1);
    scheduler.fireAll();
    await expect(result).resolves.toEqual(STATE);
    expect(net.count('updates.getState')).toBe(2);
    await client.disconnect();
  });

  it('throws FloodWaitError with the seconds above the threshold, without sending again', async () => {
    const { client, net, scheduler } = setup({ floodSleepThresholdSeconds: 10 });
    net.handler = (_dc, req) => {
      throw new FakeRpcError(420, 'FLOOD_WAIT_11', String(req._));
    };
    await client.connect();
    const error = await client.invoke(GET_STATE).catch((e) => e);
    expect(error).toBeInstanceOf(FloodWaitError);
    expect(error.seconds).toBe(11);
    expect(scheduler.timers.size).toBe(0);
    expect(net.count('updates.getState')).toBe(1);
    await client.disconnect();
  });

  it('never retries the sign-in requests, even for a one-second wait', async () => {
    expect([...NEVER_RETRIED]).toEqual(
      expect.arrayContaining([
        'auth.sendCode',
        'auth.signIn',
        'auth.checkPassword',
        'auth.importBotAuthorization',
      ]),
    );
    const { client, net, scheduler } = setup({ floodSleepThresholdSeconds: 60 });
    net.handler = (_dc, req) => {
      throw new FakeRpcError(420, 'FLOOD_WAIT_1', String(req._));
    };
    await client.connect();
    const error = await client.invoke(SEND_CODE).catch((e) => e);
    expect(error).toBeInstanceOf(FloodWaitError);
    expect(error.seconds).toBe(1);
    expect(error.request).toBe('auth.sendCode');
    expect(net.count('auth.sendCode')).toBe(1);
    expect(scheduler.timers.size).toBe(0);
    await client.disconnect();
  });

  it('a flood sleep can be aborted by the caller', async () => {
    const { client, net, scheduler } = setup();
    net.handler = (_dc, req) => {
      throw new FakeRpcError(420, 'FLOOD_WAIT_5', String(req._));
    };
    await client.connect();
    const controller = new AbortController();
    const result = client.invoke(GET_STATE, { signal: controller.signal });
    await until(() => scheduler.timers.size === 1);
    controller.abort(new Error('user gave up'));
    await expect(result).rejects.toThrow('user gave up');
    expect(scheduler.timers.size).toBe(0);
    expect(net.count('updates.getState')).toBe(1);
    await client.disconnect();
  });

  it('a flood sleep ends with ClientClosedError on disconnect', async () => {
    const { client, net, scheduler } = setup();
    net.handler = (_dc, req) => {
      throw new FakeRpcError(420, 'FLOOD_WAIT_5', String(req._));
    };
    await client.connect();
    const result = client.invoke(GET_STATE);
    await until(() => scheduler.timers.size === 1);
    await client.disconnect();
    await expect(result).rejects.toBeInstanceOf(ClientClosedError);
    expect(scheduler.timers.size).toBe(0);
  });
});

describe('signed out by the server', () => {
  async function signedIn() {
    const ctx = setup();
    ctx.net.handler = () => STATE;
    await ctx.client.connect();
    await ctx.client.onSignedIn(USER as never);
    return ctx;
  }

  for (const reason of ['AUTH_KEY_UNREGISTERED', 'SESSION_REVOKED', 'USER_DEACTIVATED']) {
    it(`${reason}: LoggedOutError, a loggedOut event, the session marked signed out`, async () => {
      const { client, net, session } = await signedIn();
      expect((await stored(session as MemorySession)).user?.id).toBe(777n);
      const events: ClientEvents['loggedOut'][] = [];
      client.on('loggedOut', (e) => events.push(e));
      net.handler = (_dc, req) => {
        throw new FakeRpcError(401, reason, String(req._));
      };
      const error = await client.invoke(GET_STATE).catch((e) => e);
      expect(error).toBeInstanceOf(LoggedOutError);
      expect(error.reason).toBe(reason);
      expect(events).toEqual([error]);
      expect((await stored(session as MemorySession)).user).toBeUndefined();
      // No reconnect loop: the link stays as it was and nothing else was sent.
      expect(net.opened).toEqual([2]);
      expect(net.count('updates.getState')).toBe(1);
      expect(client.isConnected).toBe(true);
      await client.disconnect();
    });
  }

  it('a 401 before sign-in is passed through as the RPC error (isAuthorized reads it)', async () => {
    const { client, net } = setup();
    net.handler = (_dc, req) => {
      throw new FakeRpcError(401, 'AUTH_KEY_UNREGISTERED', String(req._));
    };
    await client.connect();
    await expect(client.invoke(GET_STATE)).rejects.toBeInstanceOf(FakeRpcError);
    await client.disconnect();
  });

  it('SESSION_PASSWORD_NEEDED is a sign-in step, not a logout', async () => {
    const { client, net } = await signedIn();
    net.handler = (_dc, req) => {
      throw new FakeRpcError(401, 'SESSION_PASSWORD_NEEDED', String(req._));
    };
    await expect(client.invoke(GET_STATE)).rejects.toBeInstanceOf(FakeRpcError);
    await client.disconnect();
  });
});

describe('AUTH_KEY_DUPLICATED', () => {
  it('stops with a typed error, closes the links, forgets the dead key and never reconnects', async () => {
    const { client, net, session } = setup();
    net.handler = (_dc, req) => {
      throw new FakeRpcError(406, 'AUTH_KEY_DUPLICATED', String(req._));
    };
    await client.connect();
    const error = await client.invoke(GET_STATE).catch((e) => e);
    expect(error).toBeInstanceOf(AuthKeyDuplicatedError);
    expect(error.message).not.toMatch(/[0-9a-f]{32}/);
    expect(client.isConnected).toBe(false);
    expect(net.closed).toEqual([2]);
    expect(net.opened).toEqual([2]);
    expect((await stored(session as MemorySession)).getAuthKey(2)).toBeUndefined();
    await expect(client.invoke(GET_STATE)).rejects.toBeInstanceOf(NotConnectedError);
  });
});

describe('disconnect', () => {
  it('rejects pending requests with ClientClosedError and closes every link', async () => {
    const { client, net } = setup();
    net.handler = () => new Promise(() => undefined);
    await client.connect();
    const pending = [client.invoke(GET_STATE), client.invoke(GET_STATE, { dcId: 3 })];
    await until(() => net.count('updates.getState') === 2);
    await client.disconnect();
    for (const p of pending) await expect(p).rejects.toBeInstanceOf(ClientClosedError);
    expect(net.closed.sort()).toEqual([2, 3]);
  });

  it('a disconnect while connecting ends the connect with ClientClosedError', async () => {
    let sawAbort = false;
    let isOpening = false;
    const { client } = setup({
      connector: (params) =>
        new Promise((_resolve, reject) => {
          isOpening = true;
          params.signal.addEventListener('abort', () => {
            sawAbort = true;
            reject(params.signal.reason);
          });
        }),
    });
    const connecting = client.connect();
    await until(() => isOpening);
    await client.disconnect();
    await expect(connecting).rejects.toBeInstanceOf(ClientClosedError);
    expect(sawAbort).toBe(true);
    expect(client.isConnected).toBe(false);
  });
});

describe('other DCs', () => {
  it('imports the authorisation before the first request on another DC, once', async () => {
    const { client, net } = setup();
    net.handler = (_dc, req) => {
      if (req._ === 'auth.exportAuthorization') {
        return { _: 'auth.exportedAuthorization', id: 99n, bytes: new Uint8Array([1, 2]) };
      }
      if (req._ === 'auth.importAuthorization') return { _: 'auth.authorization', user: USER };
      return STATE;
    };
    await client.connect();
    await client.onSignedIn(USER as never);
    await client.invoke(GET_STATE, { dcId: 3 });
    await client.invoke(GET_STATE, { dcId: 3 });
    expect(net.namesOn(2)).toEqual(['help.getConfig', 'auth.exportAuthorization']);
    expect(net.namesOn(3)).toEqual([
      'help.getConfig',
      'auth.importAuthorization',
      'updates.getState',
      'updates.getState',
    ]);
    expect(net.calls.find((c) => c.name === 'auth.exportAuthorization')?.request).toMatchObject({
      dcId: 3,
    });
    await client.disconnect();
  });
});

describe('logging', () => {
  it('never writes the api hash, even at debug level', async () => {
    const { client, net, lines } = setup();
    net.handler = () => SENT_CODE;
    await client.connect();
    await client.invoke(SEND_CODE);
    client.logger.debug(`a careless line with ${API_HASH} in it`);
    await client.disconnect();
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.join('\n')).not.toContain(API_HASH);
    expect(lines.join('\n')).toContain('[redacted]');
  });

  it('printing the client does not show the api hash', async () => {
    const { inspect } = await import('node:util');
    const { client } = setup();
    expect(inspect(client, { depth: 5 })).not.toContain(API_HASH);
    expect(
      JSON.stringify(Object.entries(client), (_k, v) => (typeof v === 'bigint' ? 0 : v)),
    ).not.toContain(API_HASH);
  });
});

describe('a replaced home key', () => {
  it('means the old authorisation is gone: the session is saved as signed out', async () => {
    const storage = new MemorySession();
    const { client } = setup({}, storage);
    await client.connect();
    await client.onSignedIn(USER as never);
    await client.disconnect();
    // The server forgot the key (transport -404): the Sender makes a new one and reports it.
    const { client: again } = setup(
      {
        connector: async (params) => {
          await params.onAuthKey(new Uint8Array(256).fill(42));
          return {
            invoke: async () => ({ _: 'config', dcOptions: [] }),
            close: async () => undefined,
          };
        },
      },
      storage,
    );
    await again.connect();
    const saved = await stored(storage);
    expect(saved.getAuthKey(2)).toEqual(new Uint8Array(256).fill(42));
    expect(saved.user).toBeUndefined();
    await again.disconnect();
  });
});
