import { decryptMessage } from '@telets/crypto';
import { nodeCrypto } from '@telets/crypto/node';
import { TransportCodeError } from '@telets/transport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.js';
import { apiCodec } from '../src/tl/layers.node.js';
import type { TlObj } from '../src/tl/object.js';
import { withLayer } from './client.js';
import { RawClient } from './raw-client.js';

let server: TestServer;
const raws: RawClient[] = [];

async function raw(dcId = 2, reuse?: RawClient): Promise<RawClient> {
  const c = await RawClient.open(server, dcId);
  raws.push(c);
  if (reuse?.authKey) {
    await c.handshake(server, { authKey: reuse.authKey, salt: reuse.salt });
    c.sessionId = reuse.sessionId;
  } else await c.handshake(server);
  return c;
}

const nearestDc = withLayer({ _: 'help.getNearestDc' }) as TlObj;
const seconds = (s: number) => BigInt(s) << 32n;

beforeAll(async () => {
  server = await startTestServer({ dcCount: 2 });
});

afterAll(async () => {
  for (const c of raws) c.close();
  await server.close();
});

describe('encrypted sessions', () => {
  it('announces the new session, acks the request and answers it', async () => {
    const c = await raw();
    const msgId = c.sendApi(nearestDc);
    const { match, seen } = await c.waitFor((m) => m.object?._ === 'rpc_result');
    const created = seen.findIndex((m) => m.object?._ === 'new_session_created');
    expect(seen[created].object).toMatchObject({ firstMsgId: msgId, serverSalt: c.salt });
    expect(seen[created].msgId < match.msgId).toBe(true);
    expect(
      seen.some((m) => m.object?._ === 'msgs_ack' && (m.object.msgIds as bigint[]).includes(msgId)),
    ).toBe(true);
    expect(match.object).toMatchObject({ reqMsgId: msgId, result: { _: 'nearestDc', thisDc: 2 } });
    for (const m of seen) {
      expect(m.msgId % 4n === 1n || m.msgId % 4n === 3n).toBe(true);
    }
    expect(match.msgId % 4n).toBe(1n);
    expect(match.seqNo % 2).toBe(1);
  });

  it('answers pings with pongs and hands out future salts', async () => {
    const c = await raw();
    const pingMsg = c.sendService({ _: 'ping', pingId: 77n });
    const pong = await c.waitFor((m) => m.object?._ === 'pong');
    expect(pong.match.object).toMatchObject({ msgId: pingMsg, pingId: 77n });
    const req = c.sendService({ _: 'get_future_salts', num: 3 });
    const { match } = await c.waitFor((m) => m.object?._ === 'future_salts');
    const salts = match.object?.salts as TlObj[];
    expect(match.object?.reqMsgId).toBe(req);
    expect(salts).toHaveLength(3);
    expect(salts[0].salt).toBe(c.salt);
    expect((salts[1].validSince as number) >= (salts[0].validUntil as number) - 1).toBe(true);
    // A future salt is refused until its period starts; the current one keeps working.
    const early = c.sendApi(nearestDc, 228, { salt: salts[1].salt as bigint });
    const refused = await c.waitFor((m) => m.object?._ === 'bad_server_salt');
    expect(refused.match.object).toMatchObject({ badMsgId: early, newServerSalt: salts[0].salt });
    const id = c.sendApi(nearestDc);
    expect((await c.result(id)).result).toMatchObject({ _: 'nearestDc' });
  });

  it('refuses a wrong salt with bad_server_salt and does not execute the request', async () => {
    const c = await raw();
    const before = server.counters.get('help.getNearestDc').executed;
    const id = c.sendApi(nearestDc, 228, { salt: 42n });
    const { match } = await c.waitFor((m) => m.object?._ === 'bad_server_salt');
    expect(match.object).toMatchObject({ badMsgId: id, errorCode: 48, newServerSalt: c.salt });
    expect(server.counters.get('help.getNearestDc').executed).toBe(before);
  });

  it('reports bad msg_ids and seq_nos with bad_msg_notification', async () => {
    const c = await raw();
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[Parameters<RawClient['send']>[1], number]> = [
      [{ msgId: seconds(now) + 6n }, 18],
      [{ msgId: seconds(now - 400) }, 16],
      [{ msgId: seconds(now + 60) }, 17],
      [{ seqNo: 2 }, 35],
    ];
    for (const [options, code] of cases) {
      const id = c.send(apiCodec(228).encode(nearestDc), options);
      const { match } = await c.waitFor((m) => m.object?._ === 'bad_msg_notification');
      expect(match.object).toMatchObject({ badMsgId: id, errorCode: code });
    }
  });

  it('unpacks containers and gzip_packed requests', async () => {
    const c = await raw();
    const a = c.msgIds.next('client');
    const b = c.msgIds.next('client');
    const container = c.msgIds.next('client');
    const body = apiCodec(228).encode(nearestDc);
    const { gzip } = await import('@telets/tl-schema');
    const packed = new Uint8Array(8 + 4 + gzip(body).length + 4);
    const { TlWriter } = await import('@telets/tl-schema');
    const gz = new TlWriter().uint(0x3072cfa1).bytes(gzip(body)).finish();
    void packed;
    const { encodeContainer } = await import('@telets/transport');
    c.send(
      encodeContainer([
        { msgId: a, seqNo: c.nextSeqNo(true), body },
        { msgId: b, seqNo: c.nextSeqNo(true), body: gz },
      ]),
      { msgId: container, seqNo: c.nextSeqNo(false) },
    );
    const results = new Set<bigint>();
    while (results.size < 2) {
      for (const m of await c.nextMessages()) {
        if (m.object?._ === 'rpc_result') results.add(m.object.reqMsgId as bigint);
      }
    }
    expect([...results].sort()).toEqual([a, b].sort());
  });

  it('answers a resend after a reconnect from its cache, never executing twice', async () => {
    server.faults.dropBeforeAnswer({ method: 'auth.sendCode' });
    const c = await raw();
    const before = server.counters.get('auth.sendCode');
    const request = withLayer({
      _: 'auth.sendCode',
      phoneNumber: '9996620111',
      apiId: 12345,
      apiHash: '0123456789abcdef0123456789abcdef',
      settings: { _: 'codeSettings' },
    }) as TlObj;
    const seqNo = c.nextSeqNo(true);
    const msgId = c.sendApi(request, 228, { seqNo });
    expect(await c.closeReason).toBeDefined();
    const again = await raw(2, c);
    again.sendApi(request, 228, { msgId, seqNo });
    const answer = await again.result(msgId);
    expect((answer.result as TlObj)._).toBe('auth.sentCode');
    const after = server.counters.get('auth.sendCode');
    expect(after.executed - before.executed).toBe(1);
    expect(after.replayed - before.replayed).toBe(1);
    expect(after.received - before.received).toBe(2);
  });

  it('tells the state of messages (msgs_state_req) and resends on msg_resend_req', async () => {
    const c = await raw();
    const id = c.sendApi(nearestDc);
    const answer = await c.waitFor((m) => m.object?._ === 'rpc_result');
    const unknownHigh = c.msgIds.next('client') + seconds(10);
    const req = c.sendService({ _: 'msgs_state_req', msgIds: [id, unknownHigh] });
    const { match } = await c.waitFor((m) => m.object?._ === 'msgs_state_info');
    expect(match.object?.reqMsgId).toBe(req);
    expect(Array.from((match.object as TlObj).info as Uint8Array)).toEqual([4 | 32 | 64, 3]);
    c.sendService({ _: 'msg_resend_req', msgIds: [answer.match.msgId] });
    const resent = await c.waitFor((m) => m.object?._ === 'rpc_result');
    expect(resent.match.body).toEqual(answer.match.body);
  });

  it('destroys other sessions on request', async () => {
    const c = await raw();
    c.sendApi(nearestDc, 228, { sessionId: 999n });
    await c.waitFor((m) => m.object?._ === 'rpc_result');
    const id = c.sendService({ _: 'destroy_session', sessionId: 999n });
    const { match } = await c.waitFor(
      (m) => m.object?._ === 'rpc_result' && m.object.reqMsgId === id,
    );
    expect(match.object?.result).toMatchObject({ _: 'destroy_session_ok', sessionId: 999n });
  });

  it('answers quick-ack requests with the token of msg_key_large', async () => {
    const c = await raw();
    const id = c.sendApi(nearestDc, 228, { isQuickAckRequested: true });
    await c.result(id);
    const padded = decryptMessage(
      nodeCrypto,
      c.authKey as Uint8Array,
      c.lastSent as Uint8Array,
      false,
    );
    const large = nodeCrypto.sha256(
      Uint8Array.of(...(c.authKey as Uint8Array).subarray(88, 120), ...padded),
    );
    const expected =
      (new DataView(large.buffer, large.byteOffset).getUint32(0, true) | 0x80000000) >>> 0;
    expect(c.quickAcks).toEqual([expected]);
  });

  it('answers -404 to an auth key it does not know', async () => {
    const c = await raw();
    expect(server.forgetAuthKeys(2)).toBeGreaterThan(0);
    c.sendApi(nearestDc);
    const reason = await c.closeReason;
    expect(reason).toBeInstanceOf(TransportCodeError);
    expect((reason as TransportCodeError).code).toBe(-404);
  });

  it('serves layer 198 clients in layer 198', async () => {
    const c = await raw(1);
    const codec198 = apiCodec(198);
    const wrap = (query: TlObj) => ({ ...(withLayer(query) as TlObj), layer: 198 });
    const sentId = c.send(
      codec198.encode(
        wrap({
          _: 'auth.sendCode',
          phoneNumber: '9996610200',
          apiId: 12345,
          apiHash: '0123456789abcdef0123456789abcdef',
          settings: { _: 'codeSettings' },
        }),
      ),
    );
    const sent = (await c.result(sentId, 198)).result as TlObj;
    const signInId = c.send(
      codec198.encode({
        _: 'auth.signIn',
        phoneNumber: '9996610200',
        phoneCodeHash: sent.phoneCodeHash,
        phoneCode: '11111',
      }),
    );
    const answer = await c.result(signInId, 198);
    const raw198 = answer.raw as Uint8Array;
    // auth.authorization, then the user in layer 198's constructor 0x4b46c37e.
    const view = new DataView(raw198.buffer, raw198.byteOffset);
    expect(view.getUint32(0, true)).toBe(0x2ea2c0d4);
    expect(view.getUint32(8, true)).toBe(0x4b46c37e);
    expect((answer.result as TlObj).user).toMatchObject({ phone: '9996610200' });
  });
});
