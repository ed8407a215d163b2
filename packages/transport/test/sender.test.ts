import { nodeCrypto } from '@telets/crypto/node';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConnectionStalledError,
  RequestAbortedError,
  RequestTimeoutError,
  RpcError,
  SenderClosedError,
} from '../src/mtproto/errors';
import { Sender } from '../src/sender/sender';
import type { SenderEvents, SenderOptions } from '../src/sender/sender-options';
import { FakeDc } from './fake-dc';
import { ManualScheduler, seededRandom, settle, testRsaKey } from './helpers';

const SALT = 0x0badc0ffee0ddf00n;
const crypto = nodeCrypto;

interface Rig {
  dc: FakeDc;
  sender: Sender;
  scheduler: ManualScheduler;
  events: { name: keyof SenderEvents; payload: unknown; at: number }[];
}

const senders: Sender[] = [];
afterEach(async () => {
  for (const sender of senders.splice(0)) await sender.close();
});

function rig(options: Partial<SenderOptions> & { withKey?: boolean } = {}): Rig {
  const scheduler = new ManualScheduler();
  const dc = new FakeDc(crypto, scheduler);
  const key = testRsaKey();
  let authKey: Uint8Array | undefined;
  if (options.withKey !== false) {
    authKey = seededRandom(42)(256);
    dc.acceptKey(authKey, SALT);
  }
  const sender = new Sender({
    crypto,
    createConnection: dc.createConnection,
    dcId: 2,
    authKey,
    serverSalt: authKey ? SALT : undefined,
    rsaKeys: [{ n: key.n, e: key.e, fingerprint: key.fingerprint }],
    scheduler,
    random: seededRandom(9),
    ...options,
  });
  senders.push(sender);
  const events: Rig['events'] = [];
  for (const name of [
    'connecting',
    'connected',
    'disconnected',
    'authKey',
    'update',
    'newSession',
    'closed',
  ] as const) {
    sender.on(name, (payload) => events.push({ name, payload, at: scheduler.now() }));
  }
  return { dc, sender, scheduler, events };
}

/** Lets the in-memory network and the Sender run without moving the clock much. */
async function pump(r: Rig, ms = 1): Promise<void> {
  await r.scheduler.advance(ms);
  await settle();
}

describe('Sender', () => {
  it('runs the handshake without a key, reports the key once, then answers typed requests', async () => {
    const saved: Uint8Array[] = [];
    const r = rig({ withKey: false, onAuthKey: (result) => void saved.push(result.authKey) });
    const connected = r.sender.connect();
    await pump(r);
    await connected;
    expect(r.sender.state).toBe('connected');
    expect(saved).toHaveLength(1);
    expect(r.events.filter((event) => event.name === 'authKey')).toHaveLength(1);
    expect(r.sender.authKey).toEqual(saved[0]);

    const answer = r.sender.invoke({ _: 'help.getNearestDc' });
    await pump(r);
    const dc = await answer;
    expect(dc.country).toBe('NL');
    expect(dc.thisDc).toBe(2);
  });

  it('rejects an RPC error as RpcError with the parsed name and value', async () => {
    const r = rig();
    const sent = r.sender.invoke({
      _: 'auth.sendCode',
      phoneNumber: '+10000000000',
      apiId: 1,
      apiHash: 'x',
      settings: { _: 'codeSettings' },
    });
    await pump(r);
    await expect(sent).rejects.toMatchObject({ name: 'FLOOD_WAIT', value: 31, code: 420 });
    await expect(sent).rejects.toBeInstanceOf(RpcError);
  });

  it('resends after a drop mid-request and delivers exactly one answer', async () => {
    const r = rig();
    let isFirst = true;
    r.dc.hook = (request) => {
      if (request.object._ !== 'help.getNearestDc' || !isFirst) return 'answer';
      isFirst = false;
      // The request reached the server, then the connection died before the answer.
      queueMicrotask(() => request.connection.drop());
      return 'ignore';
    };
    const settled: unknown[] = [];
    const answer = r.sender.invoke({ _: 'help.getNearestDc' });
    answer.then(
      (value) => settled.push(value),
      (error) => settled.push(error),
    );
    await pump(r);
    expect(r.events.some((event) => event.name === 'disconnected')).toBe(true);
    await pump(r, 2000); // the backoff delay, then the reconnect
    await answer;
    const received = r.dc.requestsNamed('help.getNearestDc');
    expect(received).toHaveLength(2);
    // The server also answers the first copy late: it must not reach the caller again.
    const session = [...r.dc.sessions.values()][0];
    session.sendResult(received[0].msgId, {
      _: 'nearestDc',
      country: 'XX',
      thisDc: 9,
      nearestDc: 9,
    });
    r.dc.flush(session);
    await pump(r);
    expect(settled).toHaveLength(1);
    expect(settled[0]).toMatchObject({ country: 'NL' });
    expect(r.sender.pendingCount).toBe(0);
  });

  it('times out and aborts only the request concerned', async () => {
    const r = rig();
    r.dc.hook = (request) => (request.object._ === 'help.getNearestDc' ? 'ignore' : 'answer');
    const controller = new AbortController();
    const slow = r.sender.invoke({ _: 'help.getNearestDc' }, { timeoutMs: 1500 });
    const aborted = r.sender.invoke({ _: 'help.getNearestDc' }, { signal: controller.signal });
    const other = r.sender.invoke({
      _: 'auth.sendCode',
      phoneNumber: '1',
      apiId: 1,
      apiHash: 'x',
      settings: { _: 'codeSettings' },
    });
    slow.catch(() => {});
    aborted.catch(() => {});
    other.catch(() => {});
    await pump(r);
    controller.abort(new Error('user gave up'));
    await expect(aborted).rejects.toBeInstanceOf(RequestAbortedError);
    await expect(aborted).rejects.toMatchObject({
      cause: expect.objectContaining({ message: 'user gave up' }),
    });
    await expect(other).rejects.toBeInstanceOf(RpcError);
    r.dc.hook = () => 'answer';
    await pump(r, 1600);
    await expect(slow).rejects.toBeInstanceOf(RequestTimeoutError);
    expect(r.sender.state).toBe('connected');
    const later = r.sender.invoke({ _: 'help.getNearestDc' });
    await pump(r);
    await expect(later).resolves.toMatchObject({ country: 'NL' });
  });

  it('notices a stalled server within stallTimeoutMs, reconnects and resends', async () => {
    const r = rig({ stallTimeoutMs: 10_000 });
    await Promise.all([r.sender.connect(), pump(r)]);
    r.dc.isSilent = true;
    const answer = r.sender.invoke({ _: 'help.getNearestDc' });
    answer.catch(() => {});
    await pump(r, 9_000);
    expect(r.events.some((event) => event.name === 'disconnected')).toBe(false);
    const probes = r.dc.packetsFromClient;
    expect(probes).toBeGreaterThanOrEqual(2); // the request, then a probe ping at half time
    await pump(r, 1_100);
    const drop = r.events.find((event) => event.name === 'disconnected');
    if (!drop) throw new Error('the stalled connection was not noticed');
    expect((drop.payload as SenderEvents['disconnected']).reason).toBeInstanceOf(
      ConnectionStalledError,
    );
    expect(drop.at - 1_700_000_000_001).toBeLessThanOrEqual(10_000);
    r.dc.isSilent = false;
    await pump(r, 2_000);
    await expect(answer).resolves.toMatchObject({ country: 'NL' });
  });

  it('reconnects with bounded, growing, jittered delays and reports each state', async () => {
    const r = rig({
      reconnect: { initialDelayMs: 100, maxDelayMs: 800, jitter: 0.2, maxAttempts: 10 },
    });
    r.dc.refuseConnections = 6;
    const connected = r.sender.connect();
    await pump(r, 10_000);
    await connected;
    const delays = r.events
      .filter((event) => event.name === 'disconnected')
      .map((event) => (event.payload as SenderEvents['disconnected']).retryInMs as number);
    expect(delays).toHaveLength(6);
    const bases = [100, 200, 400, 800, 800, 800];
    delays.forEach((delay, i) => {
      expect(delay).toBeGreaterThanOrEqual(bases[i] * 0.8);
      expect(delay).toBeLessThanOrEqual(Math.min(800, bases[i] * 1.2));
    });
    expect(r.events.filter((event) => event.name === 'connecting')).toHaveLength(7);
    expect(r.events.at(-1)?.name).toBe('connected');
  });

  it('gives up after maxAttempts and rejects everything with SenderClosedError', async () => {
    const r = rig({ reconnect: { initialDelayMs: 10, maxDelayMs: 10, maxAttempts: 2 } });
    r.dc.refuseConnections = 100;
    const connected = r.sender.connect();
    const request = r.sender.invoke({ _: 'help.getNearestDc' });
    connected.catch(() => {});
    request.catch(() => {});
    await pump(r, 1_000);
    await expect(connected).rejects.toBeInstanceOf(SenderClosedError);
    await expect(request).rejects.toBeInstanceOf(SenderClosedError);
    expect(r.sender.state).toBe('closed');
    expect(r.dc.connectAttempts).toBe(3);
  });

  it('close() during the handshake rejects connect and pending requests with SenderClosedError', async () => {
    const r = rig({ withKey: false });
    r.dc.isHandshakeSilent = true;
    const connected = r.sender.connect();
    const request = r.sender.invoke({ _: 'help.getNearestDc' });
    connected.catch(() => {});
    request.catch(() => {});
    await pump(r);
    expect(r.sender.state).toBe('handshaking');
    await r.sender.close();
    await expect(connected).rejects.toBeInstanceOf(SenderClosedError);
    await expect(request).rejects.toBeInstanceOf(SenderClosedError);
    await expect(r.sender.invoke({ _: 'help.getNearestDc' })).rejects.toBeInstanceOf(
      SenderClosedError,
    );
    expect(r.dc.current?.isOpen).toBe(false);
    await pump(r, 60_000);
    expect(r.scheduler.pendingTimers).toBe(0);
  });

  it('makes a new auth key after transport error -404 and still answers', async () => {
    const r = rig();
    await Promise.all([r.sender.connect(), pump(r)]);
    const oldKey = r.sender.authKey;
    r.dc.forgetKeys();
    const answer = r.sender.invoke({ _: 'help.getNearestDc' });
    await pump(r, 2_000);
    await expect(answer).resolves.toMatchObject({ country: 'NL' });
    expect(r.sender.authKey).not.toEqual(oldKey);
    expect(r.events.filter((event) => event.name === 'authKey')).toHaveLength(1);
  });

  it('emits updates and keeps an idle connection alive with ping_delay_disconnect', async () => {
    const r = rig({ pingIntervalMs: 30_000 });
    await Promise.all([r.sender.connect(), pump(r)]);
    const session = [...r.dc.sessions.values()][0];
    const warmUp = r.sender.invoke({ _: 'help.getNearestDc' });
    await pump(r);
    await warmUp;
    session.sendUpdate({ _: 'updatesTooLong' });
    r.dc.flush(session);
    await pump(r);
    const update = r.events.find((event) => event.name === 'update');
    expect(update?.payload).toMatchObject({ object: { _: 'updatesTooLong' } });
    const before = r.dc.packetsFromClient;
    await pump(r, 31_000);
    expect(r.dc.packetsFromClient).toBeGreaterThan(before);
    expect(r.sender.state).toBe('connected');
    expect(r.events.some((event) => event.name === 'disconnected')).toBe(false);
  });

  it('acknowledges several server messages with one batched msgs_ack', async () => {
    const r = rig({ ackDelayMs: 100 });
    await Promise.all([r.sender.connect(), pump(r)]);
    const warmUp = r.sender.invoke({ _: 'help.getNearestDc' });
    await pump(r);
    await warmUp;
    await pump(r, 200);
    const session = [...r.dc.sessions.values()][0];
    const before = r.dc.acks.length;
    for (let i = 0; i < 3; i++) {
      session.sendUpdate({ _: 'updatesTooLong' });
      r.dc.flush(session);
      await pump(r, 10);
    }
    expect(r.dc.acks.length).toBe(before);
    await pump(r, 100);
    expect(r.dc.acks.slice(before)).toHaveLength(1);
    expect(r.dc.acks.at(-1)).toHaveLength(3);
  });

  it('notices a server that stops answering during the handshake', async () => {
    const r = rig({ withKey: false, stallTimeoutMs: 10_000 });
    r.dc.isHandshakeSilent = true;
    const connected = r.sender.connect();
    connected.catch(() => {});
    await pump(r, 9_900);
    expect(r.events.some((event) => event.name === 'disconnected')).toBe(false);
    await pump(r, 200);
    const drop = r.events.find((event) => event.name === 'disconnected');
    expect(drop?.payload).toMatchObject({ reason: expect.any(ConnectionStalledError) });
    r.dc.isHandshakeSilent = false;
    await pump(r, 2_000);
    await connected;
    expect(r.sender.state).toBe('connected');
  });
});
