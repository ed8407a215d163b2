import { InvalidApiHashError, InvalidApiIdError } from '@telets/auth';
import { MemorySession, Session, SessionFormatError } from '@telets/session-memory';
import { LAYER } from '@telets/tl-schema';
import { describe, expect, it } from 'vitest';
import {
  Client,
  type ClientOptions,
  InvalidOptionError,
  InvalidSessionArgumentError,
  NotConnectedError,
  type SessionInput,
} from '../src/index.js';
import { API_HASH, API_ID, DCS, FakeNetwork } from './fake-network.js';
import { setup } from './setup.js';

const GET_STATE = { _: 'updates.getState' } as const;

describe('input checks (before any network call)', () => {
  const net = new FakeNetwork();
  const make =
    (session: unknown, apiId: unknown, apiHash: unknown, options: unknown = {}) =>
    () =>
      new Client(session as SessionInput, apiId as number, apiHash as string, {
        connector: net.connector,
        ...(options as ClientOptions),
      });

  it('rejects an api id that is not a positive integer', () => {
    for (const bad of ['12345', 0, -1, 1.5, Number.NaN, undefined]) {
      expect(make(new MemorySession(), bad, API_HASH)).toThrow(InvalidApiIdError);
    }
  });

  it('rejects an api hash that is not 32 hex characters, and recognises a bot token there', () => {
    expect(make(new MemorySession(), API_ID, 'abc')).toThrow(InvalidApiHashError);
    let error: unknown;
    try {
      make(new MemorySession(), API_ID, '54321:hJrIQtVBab0M2Yqg4HL1K-EubfY_v2fEVR')();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidApiHashError);
    expect((error as InvalidApiHashError).looksLikeBotToken).toBe(true);
    expect((error as Error).message).toMatch(/bot token/i);
  });

  it('rejects a session argument of the wrong kind', () => {
    for (const bad of [42, null, '', '   ', {}, { load() {} }]) {
      expect(make(bad, API_ID, API_HASH)).toThrow(InvalidSessionArgumentError);
    }
  });

  it('rejects a malformed string session with the session format error', () => {
    expect(make('telets1.AAAAAAAAAAAAAAAAAAAAAAAA', API_ID, API_HASH)).toThrow(SessionFormatError);
  });

  it('rejects options it cannot use, naming the option', () => {
    const cases: [string, ClientOptions][] = [
      ['floodSleepThresholdSeconds', { floodSleepThresholdSeconds: -1 }],
      ['requestTimeoutMs', { requestTimeoutMs: Number.NaN }],
      ['dcs', { dcs: [] }],
      ['dcs', { dcs: [{ id: 1, ipAddress: '127.0.0.1', port: 70000 }] }],
      ['transport', { transport: 'carrier-pigeon' as never }],
      ['logLevel', { logLevel: 'loud' as never }],
      ['defaultDcId', { defaultDcId: 0 }],
    ];
    for (const [name, options] of cases) {
      expect(make(new MemorySession(), API_ID, API_HASH, options)).toThrow(InvalidOptionError);
      expect(make(new MemorySession(), API_ID, API_HASH, options)).toThrow(new RegExp(name));
    }
  });

  it('did not open any connection for any of these', () => {
    expect(net.opened).toEqual([]);
  });
});

describe('connect', () => {
  it('opens the default home DC, saves the new auth key before resolving, and announces the layer', async () => {
    const { client, net, session } = setup();
    const result = await client.connect();
    expect(result).toBe(client);
    expect(net.opened).toEqual([2]);
    expect(net.keysMade).toEqual([2]);
    const saved = (await (session as MemorySession).load()) as Session;
    expect(saved.homeDcId).toBe(2);
    expect(saved.getAuthKey(2)).toEqual(new Uint8Array(256).fill(2));
    expect(saved.getDc(2)?.port).toBe(10002);
    expect(net.calls[0]).toMatchObject({ dcId: 2, name: 'help.getConfig', wasWrapped: true });
    await client.disconnect();
  });

  it('sends initConnection inside invokeWithLayer(LAYER) with the api id and app info', async () => {
    const net = new FakeNetwork();
    let first: Record<string, unknown> | undefined;
    const connector: typeof net.connector = async (params) => {
      const conn = await net.connector(params);
      return {
        invoke: (req, o) => {
          first ??= req as unknown as Record<string, unknown>;
          return conn.invoke(req, o);
        },
        close: () => conn.close(),
      };
    };
    const client = new Client(new MemorySession(), API_ID, API_HASH, {
      dcs: DCS,
      connector,
      deviceModel: 'Test Device',
      langCode: 'de',
    });
    await client.connect();
    expect(first).toMatchObject({
      _: 'invokeWithLayer',
      layer: LAYER,
      query: { _: 'initConnection', apiId: API_ID, deviceModel: 'Test Device', langCode: 'de' },
    });
    expect(LAYER).toBe(228);
    await client.disconnect();
  });

  it('reuses the saved home DC and key without a new handshake', async () => {
    const storage = new MemorySession();
    const first = setup({}, storage);
    await first.client.connect();
    await first.client.disconnect();
    const second = setup({}, storage);
    await second.client.connect();
    expect(second.net.keysMade).toEqual([]);
    expect(second.net.opened).toEqual([2]);
    await second.client.disconnect();
  });

  it('starts on defaultDcId when given', async () => {
    const { client, net } = setup({ defaultDcId: 3 });
    await client.connect();
    expect(client.homeDcId()).toBe(3);
    expect(net.opened).toEqual([3]);
    await client.disconnect();
  });

  it('refuses requests before connect and after disconnect', async () => {
    const { client } = setup();
    await expect(client.invoke(GET_STATE)).rejects.toBeInstanceOf(NotConnectedError);
    await client.connect();
    await client.disconnect();
    await expect(client.invoke(GET_STATE)).rejects.toBeInstanceOf(NotConnectedError);
  });

  it('does not close a storage it was given, but closes one it created', async () => {
    const storage = new MemorySession();
    const { client } = setup({}, storage);
    await client.connect();
    await client.disconnect();
    await expect(storage.load()).resolves.toBeInstanceOf(Session);
  });

  it('accepts a string session and exports one back', async () => {
    const origin = new Session({
      homeDcId: 1,
      dcs: [{ ...DCS[0], authKey: new Uint8Array(256).fill(9) }],
      user: { id: 5n, isBot: false },
    });
    const { encodeStringSession } = await import('@telets/session-memory');
    const { client, net } = setup({}, encodeStringSession(origin));
    await client.connect();
    expect(net.opened).toEqual([1]);
    expect(net.keysMade).toEqual([]);
    expect(client.exportSession()).toBe(encodeStringSession(origin));
    await client.disconnect();
  });
});

describe('scoped use', () => {
  it('disconnects at the end of the block, even when the block throws', async () => {
    const { client, net } = setup();
    await expect(
      (async () => {
        await using scoped = await client.connect();
        expect(scoped.isConnected).toBe(true);
        throw new Error('boom');
      })(),
    ).rejects.toThrow('boom');
    expect(client.isConnected).toBe(false);
    expect(net.closed).toEqual([2]);
  });
});

describe('events', () => {
  it('reports link state changes and passes raw updates to every listener', async () => {
    const { client } = setup({
      connector: async (params) => {
        await params.onAuthKey(new Uint8Array(256).fill(1));
        params.onStateChange('connected');
        queueMicrotask(() => params.onUpdate({ _: 'updateLoginToken' }));
        return {
          invoke: async () => ({ _: 'config', dcOptions: [] }),
          close: async () => params.onStateChange('disconnected', undefined),
        };
      },
    });
    const states: string[] = [];
    const updates: unknown[] = [];
    client.on('connectionState', (e) => states.push(`${e.dcId}:${e.state}`));
    const off = client.onUpdate((u) => updates.push(u));
    client.on('update', () => {
      throw new Error('a throwing listener must not break the client');
    });
    await client.connect();
    await new Promise((resolve) => setImmediate(resolve));
    off();
    await client.disconnect();
    expect(states).toEqual(['2:connected', '2:disconnected']);
    expect(updates).toEqual([{ _: 'updateLoginToken' }]);
  });
});
