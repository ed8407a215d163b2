import { RpcError, type Sender, TransportCodeError } from '@telets/transport';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type HandshakeStep, startTestServer, type TestServer } from '../src/index.js';
import type { TlObj } from '../src/tl/object.js';
import {
  call,
  connectClient,
  eventually,
  TEST_API_HASH,
  TEST_API_ID,
  withLayer,
} from './client.js';
import { RawClient } from './raw-client.js';

let server: TestServer;
const senders: Sender[] = [];
const raws: RawClient[] = [];

function client(dcId = 1): Sender {
  const sender = connectClient(server, dcId, {
    sender: { reconnect: { initialDelayMs: 10, maxDelayMs: 50 }, stallTimeoutMs: 2000 },
  });
  senders.push(sender);
  return sender;
}

async function raw(dcId = 1): Promise<RawClient> {
  const c = await RawClient.open(server, dcId);
  raws.push(c);
  await c.handshake(server);
  return c;
}

const nearestDc = withLayer({ _: 'help.getNearestDc' }) as TlObj;

beforeAll(async () => {
  server = await startTestServer({ dcCount: 2, rejectDuplicateAuthKeys: true });
});

afterEach(() => server.faults.clear());

afterAll(async () => {
  await Promise.all(senders.map((s) => s.close()));
  for (const r of raws) r.close();
  await server.close();
});

describe('fault injection', () => {
  for (const step of ['req_pq', 'req_DH_params', 'set_client_DH_params'] as HandshakeStep[]) {
    it(`drops a connection at ${step}; the client reconnects and completes`, async () => {
      server.faults.dropConnection({ dcId: 1, atHandshakeStep: step });
      const c = client();
      let drops = 0;
      c.on('disconnected', () => drops++);
      expect((await call(c, withLayer({ _: 'help.getNearestDc' }))).thisDc).toBe(1);
      expect(drops).toBeGreaterThanOrEqual(1);
    });
  }

  it('drops a connection after N packets or bytes', async () => {
    const first = await RawClient.open(server, 1);
    raws.push(first);
    server.faults.dropConnection({ dcId: 1, afterMessages: 2 });
    const c = await RawClient.open(server, 1);
    raws.push(c);
    await expect(c.handshake(server)).rejects.toThrow(/closed/);
    server.faults.dropConnection({ dcId: 1, afterBytes: 10 });
    const d = await RawClient.open(server, 1);
    raws.push(d);
    await expect(d.handshake(server)).rejects.toThrow(/closed/);
    // Rules are claimed at accept: the connection opened before them is untouched.
    await first.handshake(server);
    expect(first.isOpen).toBe(true);
  });

  it('stalls an answer until released, and delays another', async () => {
    const c = client();
    await call(c, withLayer({ _: 'help.getNearestDc' }));
    server.faults.stallAnswers({ method: 'help.getConfig' });
    let isAnswered = false;
    const pending = call(c, { _: 'help.getConfig' }).then((r) => {
      isAnswered = true;
      return r;
    });
    await eventually(() => server.counters.get('help.getConfig').executed === 1);
    expect(server.counters.get('help.getConfig').executed).toBe(1);
    expect(isAnswered).toBe(false);
    server.faults.releaseStalled();
    expect((await pending).thisDc).toBe(1);
    server.faults.delayAnswers({ method: 'help.getNearestDc', delayMs: 50 });
    expect((await call(c, { _: 'help.getNearestDc' })).thisDc).toBe(1);
  });

  it('answers with bad_server_salt on demand; the client retries and gets one answer', async () => {
    const c = client();
    await call(c, withLayer({ _: 'help.getNearestDc' }));
    const before = server.counters.get('help.getNearestDc').executed;
    server.faults.badServerSalt({ method: 'help.getNearestDc' });
    expect((await call(c, { _: 'help.getNearestDc' })).thisDc).toBe(1);
    expect(server.counters.get('help.getNearestDc').executed - before).toBe(1);
  });

  it('sends a packet with a wrong msg_key, which the client cannot decrypt', async () => {
    const c = await raw();
    server.faults.wrongMsgKey({ dcId: 1 });
    c.sendApi(nearestDc);
    await expect(c.nextMessages()).rejects.toThrow(/decrypt|msg_key/i);
    const id = c.sendApi(nearestDc);
    expect((await c.result(id)).result).toMatchObject({ _: 'nearestDc' });
  });

  it('duplicates a packet', async () => {
    const c = await raw();
    server.faults.duplicatePackets({ dcId: 1 });
    c.sendApi(nearestDc);
    const first = await c.nextPacket();
    const second = await c.nextPacket();
    expect(second).toEqual(first);
  });

  for (const code of [-404, -429]) {
    it(`sends transport error ${code}`, async () => {
      const c = await raw();
      server.faults.transportError({ dcId: 1, code });
      c.sendApi(nearestDc);
      const reason = await c.closeReason;
      expect(reason).toBeInstanceOf(TransportCodeError);
      expect((reason as TransportCodeError).code).toBe(code);
    });
  }

  it('survives a drop before the answer: the real client gets exactly one answer', async () => {
    const c = client(2);
    await call(c, withLayer({ _: 'help.getNearestDc' }));
    const before = server.counters.get('auth.sendCode');
    server.faults.dropBeforeAnswer({ method: 'auth.sendCode' });
    const sent = await call(c, {
      _: 'auth.sendCode',
      phoneNumber: '9996620300',
      apiId: TEST_API_ID,
      apiHash: TEST_API_HASH,
      settings: { _: 'codeSettings' },
    });
    expect(sent._).toBe('auth.sentCode');
    const after = server.counters.get('auth.sendCode');
    // Two receipts. transport's Sender resends under a NEW msg_id (executed again); a client that
    // resends under the same msg_id is answered from the cache instead (protocol.test.ts).
    expect(after.received - before.received).toBe(2);
    expect(after.executed + after.replayed - before.executed - before.replayed).toBe(2);
  });

  it('restarts a DC without losing its state', async () => {
    const c = client(2);
    const sent = await call(
      c,
      withLayer({
        _: 'auth.sendCode',
        phoneNumber: '9996620301',
        apiId: TEST_API_ID,
        apiHash: TEST_API_HASH,
        settings: { _: 'codeSettings' },
      }),
    );
    await call(c, {
      _: 'auth.signIn',
      phoneNumber: '9996620301',
      phoneCodeHash: sent.phoneCodeHash,
      phoneCode: '22222',
    });
    const keys = server.authKeyCount(2);
    const port = server.dc(2).port;
    await server.restartDc(2);
    expect(server.dc(2).port).toBe(port);
    const state = await call(c, { _: 'updates.getState' });
    expect(state._).toBe('updates.state');
    expect(server.authKeyCount(2)).toBe(keys);
  });

  it('answers AUTH_KEY_DUPLICATED when one key is used from two connections at once', async () => {
    const a = await raw(2);
    const id = a.sendApi(nearestDc);
    await a.result(id);
    const b = await RawClient.open(server, 2);
    raws.push(b);
    await b.handshake(server, { authKey: a.authKey as Uint8Array, salt: a.salt });
    b.sessionId = 77n;
    const dup = b.sendApi(nearestDc);
    const answer = await b.result(dup);
    expect(answer.result).toMatchObject({ _: 'rpc_error', errorCode: 406 });
    const message = (answer.result as TlObj).errorMessage as Uint8Array;
    expect(new TextDecoder().decode(message)).toBe('AUTH_KEY_DUPLICATED');
  });

  it('keeps RpcError semantics for flood waits', async () => {
    const c = client(2);
    server.setFloodLimit('auth.sendCode', { maxRequests: 1, windowMs: 30_000 });
    try {
      const req = withLayer({
        _: 'auth.sendCode',
        phoneNumber: '9996620302',
        apiId: TEST_API_ID,
        apiHash: TEST_API_HASH,
        settings: { _: 'codeSettings' },
      });
      await call(c, req);
      const error = await call(c, req).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RpcError);
      expect((error as RpcError).name).toBe('FLOOD_WAIT');
      expect((error as RpcError).value).toBe(30);
    } finally {
      server.setFloodLimit('auth.sendCode', undefined);
    }
  });

  it('injects FLOOD_WAIT_X on any method: refused, not executed, then served again', async () => {
    const c = client(2);
    await call(c, withLayer({ _: 'help.getNearestDc' }));
    server.counters.reset();
    server.faults.floodWait({ dcId: 2, method: 'help.getConfig', seconds: 2 });
    const error = await call(c, { _: 'help.getConfig' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).code).toBe(420);
    expect((error as RpcError).name).toBe('FLOOD_WAIT');
    expect((error as RpcError).value).toBe(2);
    expect(server.counters.get('help.getConfig')).toEqual({
      received: 1,
      executed: 0,
      replayed: 0,
      failed: 1,
    });
    expect((await call(c, { _: 'help.getConfig' }))._).toBe('config');
    expect(server.counters.get('help.getConfig')).toMatchObject({ received: 2, executed: 1 });
  });

  it('applies setFloodLimit to any method, per caller, without executing refusals', async () => {
    const c = client(2);
    await call(c, withLayer({ _: 'help.getNearestDc' }));
    server.counters.reset();
    server.setFloodLimit('help.getNearestDc', { maxRequests: 1, windowMs: 60_000 });
    try {
      await call(c, { _: 'help.getNearestDc' });
      const error = await call(c, { _: 'help.getNearestDc' }).catch((e: unknown) => e);
      expect((error as RpcError).name).toBe('FLOOD_WAIT');
      expect((error as RpcError).value).toBe(60);
      expect(server.counters.get('help.getNearestDc')).toMatchObject({
        received: 2,
        executed: 1,
        failed: 1,
      });
    } finally {
      server.setFloodLimit('help.getNearestDc', undefined);
    }
  });
});
