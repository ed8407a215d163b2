/**
 * The encrypted layer, client role against the server role, in process: every packet really is
 * encrypted, decrypted and checked on both sides.
 */
import { concatBytes, messageAesKeyIv, msgKeyFor } from '@telets/crypto';
import { nodeCrypto } from '@telets/crypto/node';
import { deserialize, serialize } from '@telets/tl-schema';
import { beforeEach, describe, expect, it } from 'vitest';
import { int64ToBytesLE } from '../src/mtproto/bytes';
import { ClientSession, type SessionEvent } from '../src/mtproto/client-session';
import { BadMessageError, RpcError, SecurityError } from '../src/mtproto/errors';
import { ID, peekConstructorId } from '../src/mtproto/message-codec';
import { type ServerIncoming, ServerSession } from '../src/mtproto/server-session';
import { seededRandom } from './helpers';

const crypto = nodeCrypto;
const authKey = seededRandom(1234)(256);
const SALT = 0x1122334455667788n;
const T0 = 1_700_000_000_000;

interface Pair {
  client: ClientSession;
  server: ServerSession;
  clock: { client: number; server: number };
}

function makePair(options: { clientSalt?: bigint; clientSkewMs?: number } = {}): Pair {
  const clock = { client: T0 + (options.clientSkewMs ?? 0), server: T0 };
  const client = new ClientSession({
    crypto,
    authKey,
    serverSalt: options.clientSalt ?? SALT,
    isTimeSynced: options.clientSkewMs === undefined,
    nowMs: () => clock.client,
    random: seededRandom(5),
    sessionId: 0x0102030405060708n,
  });
  const server = new ServerSession({
    crypto,
    authKey,
    serverSalt: SALT,
    nowMs: () => clock.server,
    random: seededRandom(6),
  });
  return { client, server, clock };
}

const getConfig = serialize({ _: 'help.getConfig' });
const getNearestDc = serialize({ _: 'help.getNearestDc' });

function toServer(pair: Pair): ServerIncoming[] {
  const events: ServerIncoming[] = [];
  for (let out = pair.client.nextPacket(); out; out = pair.client.nextPacket()) {
    events.push(...pair.server.receive(out.packet));
  }
  return events;
}

function toClient(pair: Pair): SessionEvent[] {
  const events: SessionEvent[] = [];
  for (let packet = pair.server.nextPacket(); packet; packet = pair.server.nextPacket()) {
    events.push(...pair.client.receive(packet));
  }
  return events;
}

function requests(events: ServerIncoming[]): Extract<ServerIncoming, { type: 'request' }>[] {
  return events.filter(
    (event): event is Extract<ServerIncoming, { type: 'request' }> => event.type === 'request',
  );
}

describe('ClientSession against ServerSession', () => {
  let pair: Pair;
  beforeEach(() => {
    pair = makePair();
  });

  it('sends a request, opens the session and delivers its result', () => {
    pair.client.enqueue({ key: 1, body: getConfig, name: 'help.getConfig' });
    const incoming = toServer(pair);
    expect(incoming[0]).toMatchObject({ type: 'new-session', sessionId: 0x0102030405060708n });
    const [request] = requests(incoming);
    expect(request.body).toEqual(getConfig);
    pair.server.sendResult(request.msgId, { _: 'boolTrue' });
    const events = toClient(pair);
    expect(events).toContainEqual({
      type: 'new-session',
      firstMsgId: request.msgId,
      uniqueId: expect.any(BigInt),
    });
    expect(events).toContainEqual({ type: 'result', key: 1, body: serialize({ _: 'boolTrue' }) });
    expect(pair.client.pendingCount).toBe(0);
    // The client owes acks for the server's content-related messages and sends them.
    expect(pair.client.hasPendingAcks).toBe(true);
    const acks = toServer(pair).filter((event) => event.type === 'ack');
    expect(acks).toHaveLength(1);
  });

  it('packs queued requests into one msg_container within the configured limits', () => {
    for (let key = 1; key <= 3; key++)
      pair.client.enqueue({ key, body: getNearestDc, name: 'help.getNearestDc' });
    const first = pair.client.nextPacket();
    expect(first?.keys).toEqual([1, 2, 3]);
    expect(pair.client.nextPacket()).toBeUndefined();
    const incoming = requests(pair.server.receive(first?.packet as Uint8Array));
    expect(incoming.map((request) => request.body)).toEqual([
      getNearestDc,
      getNearestDc,
      getNearestDc,
    ]);
    // Inner msg_ids increase and seq_nos are the odd content-related sequence.
    expect(incoming.map((request) => request.seqNo)).toEqual([1, 3, 5]);
    for (const request of incoming) pair.server.sendResult(request.msgId, { _: 'boolFalse' });
    const results = toClient(pair).filter((event) => event.type === 'result');
    expect(results.map((event) => (event as { key: number }).key).sort()).toEqual([1, 2, 3]);

    const limited = new ClientSession({
      crypto,
      authKey,
      serverSalt: SALT,
      isTimeSynced: true,
      maxContainerMessages: 2,
    });
    for (let key = 1; key <= 5; key++) limited.enqueue({ key, body: getNearestDc, name: 'n' });
    const sizes: number[][] = [];
    for (let out = limited.nextPacket(); out; out = limited.nextPacket()) sizes.push(out.keys);
    expect(sizes).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('gzips large requests and unpacks gzip_packed results', () => {
    const text = 'a'.repeat(3000);
    const bigRequest = serialize({ _: 'help.getAppConfig', hash: 0 });
    const largeBody = concatBytes(bigRequest, new TextEncoder().encode(text));
    pair.client.enqueue({ key: 7, body: largeBody, name: 'big' });
    const out = pair.client.nextPacket();
    expect(out?.packet.length).toBeLessThan(1000);
    const [request] = requests(pair.server.receive(out?.packet as Uint8Array));
    expect(request.body).toEqual(largeBody);
    const result = serialize({ _: 'help.deepLinkInfoEmpty' });
    const bigResult = concatBytes(result, new TextEncoder().encode(text));
    pair.server.sendResult(request.msgId, bigResult);
    const packet = pair.server.nextPacket() as Uint8Array;
    expect(packet.length).toBeLessThan(1000);
    expect(pair.client.receive(packet)).toContainEqual({ type: 'result', key: 7, body: bigResult });
  });

  it('turns rpc_error into RpcError with name, value and the request name', () => {
    pair.client.enqueue({ key: 3, body: getConfig, name: 'auth.sendCode' });
    const [request] = requests(toServer(pair));
    pair.server.sendError(request.msgId, 420, 'FLOOD_WAIT_31');
    const error = toClient(pair).find((event) => event.type === 'error');
    expect(error).toBeDefined();
    const rpc = (error as unknown as { error: RpcError }).error;
    expect(rpc).toBeInstanceOf(RpcError);
    expect(rpc.code).toBe(420);
    expect(rpc.name).toBe('FLOOD_WAIT');
    expect(rpc.value).toBe(31);
    expect(rpc.request).toBe('auth.sendCode');
    expect(rpc.message).toBe('420 FLOOD_WAIT_31 (caused by auth.sendCode)');
  });

  it('retries with the new salt after bad_server_salt', () => {
    pair = makePair({ clientSalt: 0n });
    pair.client.enqueue({ key: 1, body: getConfig, name: 'help.getConfig' });
    const firstTry = toServer(pair);
    expect(firstTry.some((event) => event.type === 'rejected')).toBe(true);
    expect(requests(firstTry)).toHaveLength(0);
    const events = toClient(pair);
    expect(events).toContainEqual({ type: 'salt', salt: SALT });
    expect(pair.client.serverSalt).toBe(SALT);
    const retried = requests(toServer(pair));
    expect(retried).toHaveLength(1);
    expect(pair.client.msgIdsOf(1)).toHaveLength(2);
  });

  it('resynchronises its clock after bad_msg_notification 17 and resends', () => {
    pair = makePair({ clientSkewMs: 3_600_000 });
    pair.client.enqueue({ key: 1, body: getConfig, name: 'help.getConfig' });
    expect(toServer(pair)).toContainEqual(
      expect.objectContaining({ type: 'rejected', reason: 'too-far-future' }),
    );
    const events = toClient(pair);
    const sync = events.filter((event) => event.type === 'time-sync');
    expect(sync.at(-1)).toEqual({ type: 'time-sync', offsetSeconds: -3600 });
    const [retried] = requests(toServer(pair));
    expect(retried.body).toEqual(getConfig);
    pair.server.sendResult(retried.msgId, { _: 'boolTrue' });
    expect(toClient(pair)).toContainEqual({
      type: 'result',
      key: 1,
      body: serialize({ _: 'boolTrue' }),
    });
  });

  it('ignores a replayed packet: the answer is delivered once', () => {
    pair.client.enqueue({ key: 1, body: getConfig, name: 'help.getConfig' });
    const [request] = requests(toServer(pair));
    pair.server.sendResult(request.msgId, { _: 'boolTrue' });
    const packet = pair.server.nextPacket() as Uint8Array;
    const first = pair.client.receive(packet);
    const replay = pair.client.receive(packet);
    expect(first.filter((event) => event.type === 'result')).toHaveLength(1);
    expect(replay.filter((event) => event.type === 'result')).toHaveLength(0);
    expect(replay.every((event) => event.type === 'ignored' && event.reason === 'duplicate')).toBe(
      true,
    );
  });

  it('ignores server messages far outside the time window once the clock is synced', () => {
    pair.client.enqueue({ key: 1, body: getConfig, name: 'help.getConfig' });
    toServer(pair);
    const tenMinutesAgo = BigInt(Math.floor((T0 - 600_000) / 1000)) << 32n;
    const stale = pair.server.encryptRaw({
      msgId: tenMinutesAgo | 3n,
      seqNo: 1,
      body: serialize({ _: 'updatesTooLong' }),
    });
    const events = pair.client.receive(stale);
    expect(events.some((event) => event.type === 'update')).toBe(false);
    expect(events).toContainEqual(expect.objectContaining({ type: 'ignored', reason: 'too-old' }));
  });

  it('drops packets with a wrong msg_key, auth key, session id or msg_id parity', () => {
    pair.client.enqueue({ key: 1, body: getConfig, name: 'help.getConfig' });
    const [request] = requests(toServer(pair));
    pair.server.sendResult(request.msgId, { _: 'boolTrue' });
    const packet = pair.server.nextPacket() as Uint8Array;

    const flipped = packet.slice();
    flipped[40] ^= 1;
    expect(() => pair.client.receive(flipped)).toThrow(
      expect.objectContaining({ check: 'msg_key' }),
    );
    const foreignKey = packet.slice();
    foreignKey[0] ^= 1;
    expect(() => pair.client.receive(foreignKey)).toThrow(
      expect.objectContaining({ check: 'auth_key_id' }),
    );

    const otherSession = pair.server.encryptRaw({
      msgId: pair.server.msgIds.next('server-other'),
      seqNo: 2,
      body: serialize({ _: 'updatesTooLong' }),
      sessionId: 99n,
    });
    expect(() => pair.client.receive(otherSession)).toThrow(
      expect.objectContaining({ check: 'session_id' }),
    );

    const evenId = pair.server.encryptRaw({
      msgId: (pair.server.msgIds.next() & ~3n) + 4n,
      seqNo: 2,
      body: getConfig,
    });
    expect(() => pair.client.receive(evenId)).toThrow(SecurityError);
    // None of that touched the pending request: the genuine packet still resolves it.
    expect(pair.client.receive(packet)).toContainEqual({
      type: 'result',
      key: 1,
      body: serialize({ _: 'boolTrue' }),
    });
  });

  it('rejects a decrypted message whose length field exceeds the plaintext', () => {
    const plain = concatBytes(
      int64ToBytesLE(SALT),
      int64ToBytesLE(0x0102030405060708n),
      int64ToBytesLE(pair.server.msgIds.next('server-other')),
      Uint8Array.of(2, 0, 0, 0, 0xe8, 0x03, 0, 0), // seq_no 2, length 1000
      new Uint8Array(8 + 12 + 12),
    );
    const msgKey = msgKeyFor(crypto, authKey, plain, true);
    const { key, iv } = messageAesKeyIv(crypto, authKey, msgKey, true);
    const packet = concatBytes(
      pair.client.codec.authKeyId,
      msgKey,
      crypto.aesIgeEncrypt(plain, key, iv),
    );
    expect(() => pair.client.receive(packet)).toThrow(expect.objectContaining({ check: 'length' }));
  });

  it('resends outside a container after bad_msg 64 and fails requests on an unfixable code', () => {
    pair.client.enqueue({ key: 1, body: getConfig, name: 'help.getConfig' });
    pair.client.enqueue({ key: 2, body: getNearestDc, name: 'help.getNearestDc' });
    const out = pair.client.nextPacket() as { packet: Uint8Array; keys: number[]; msgId: bigint };
    pair.server.receive(out.packet);
    expect(out.msgId > pair.client.msgIdsOf(2)[0]).toBe(true); // the container's id is the highest
    pair.server.sendBadMsgNotification(out.msgId, 0, 64);
    toClient(pair);
    const again: number[][] = [];
    for (let next = pair.client.nextPacket(); next; next = pair.client.nextPacket())
      again.push(next.keys);
    expect(again.filter((keys) => keys.length > 0)).toEqual([[1], [2]]);

    const [id2] = pair.client.msgIdsOf(2).slice(-1);
    pair.server.sendBadMsgNotification(id2, 0, 34);
    const failed = toClient(pair).find((event) => event.type === 'error');
    expect((failed as { error: Error }).error).toBeInstanceOf(BadMessageError);
    expect((failed as unknown as { error: BadMessageError }).error.code).toBe(34);
  });

  it('resends under the same msg_id after a reconnect and delivers exactly one answer', () => {
    pair.client.enqueue({ key: 1, body: getConfig, name: 'help.getConfig' });
    const [firstCopy] = requests(toServer(pair));
    pair.client.requeueInFlight();
    const [secondCopy] = requests(toServer(pair));
    expect(secondCopy).toMatchObject({ msgId: firstCopy.msgId, seqNo: firstCopy.seqNo });
    expect(secondCopy.isResend).toBe(true);
    pair.server.sendResult(firstCopy.msgId, { _: 'boolTrue' });
    pair.server.sendResult(secondCopy.msgId, { _: 'boolFalse' });
    const results = toClient(pair).filter((event) => event.type === 'result');
    expect(results).toEqual([{ type: 'result', key: 1, body: serialize({ _: 'boolTrue' }) }]);
  });

  it('a request resent after its answer was lost is answered from the cache, not run again', () => {
    pair.client.enqueue({ key: 1, body: getConfig, name: 'help.getConfig' });
    const [request] = requests(toServer(pair));
    pair.server.sendResult(request.msgId, { _: 'boolTrue' });
    expect(pair.server.nextPacket()).toBeDefined(); // the answer is lost with the connection
    pair.client.requeueInFlight();
    const resent = toServer(pair);
    expect(requests(resent)).toEqual([]);
    expect(resent).toContainEqual({ type: 'replayed', msgId: request.msgId });
    const results = toClient(pair).filter((event) => event.type === 'result');
    expect(results).toEqual([{ type: 'result', key: 1, body: serialize({ _: 'boolTrue' }) }]);
  });

  it('a new session resends under a new msg_id', () => {
    pair.client.enqueue({ key: 1, body: getConfig, name: 'help.getConfig' });
    const [firstCopy] = requests(toServer(pair));
    pair.client.startNewSession();
    const [secondCopy] = requests(toServer(pair));
    expect(secondCopy.msgId).not.toBe(firstCopy.msgId);
    expect(secondCopy.isResend).toBeUndefined();
  });

  it('answers pings with pong, resolves its own pings, and asks again for a lost answer', () => {
    pair.client.enqueue({ key: 9, body: serialize({ _: 'ping', pingId: 77n }), name: 'ping' });
    const events = toServer(pair);
    expect(events).toContainEqual({ type: 'ping', pingId: 77n, disconnectDelaySeconds: undefined });
    const result = toClient(pair).find((event) => event.type === 'result') as { body: Uint8Array };
    expect(deserialize(result.body)).toMatchObject({ _: 'pong', pingId: 77n });

    pair.client.enqueue({ key: 10, body: getConfig, name: 'help.getConfig' });
    const [request] = requests(toServer(pair));
    pair.server.sendUpdate(
      serialize({
        _: 'msg_detailed_info',
        msgId: request.msgId,
        answerMsgId: 0x7000000000000001n,
        bytes: 10,
        status: 0,
      }),
    );
    toClient(pair);
    const asked = requests(toServer(pair)).find(
      (event) => peekConstructorId(event.body) === ID.msgResendReq,
    );
    expect(asked).toBeDefined();
  });

  it("resolves msgs_state_req with msgs_state_info and answers the server's own", () => {
    const stateReq = serialize({ _: 'msgs_state_req', msgIds: [1n] });
    pair.client.enqueue({ key: 11, body: stateReq, name: 'msgs_state_req' });
    const [request] = requests(toServer(pair));
    const info = serialize({
      _: 'msgs_state_info',
      reqMsgId: request.msgId,
      info: Uint8Array.of(4),
    });
    pair.server.sendUpdate(info);
    expect(toClient(pair)).toContainEqual({ type: 'result', key: 11, body: info });

    const known = request.msgId;
    pair.server.sendUpdate(serialize({ _: 'msgs_state_req', msgIds: [known] }));
    toClient(pair);
    const answer = requests(toServer(pair)).find(
      (event) => peekConstructorId(event.body) === ID.msgsStateInfo,
    );
    expect(answer && deserialize(answer.body)).toMatchObject({ _: 'msgs_state_info' });
  });

  it('surfaces updates and requeues requests the server lost with new_session_created', () => {
    pair.client.enqueue({ key: 1, body: getConfig, name: 'help.getConfig' });
    toServer(pair);
    pair.server.sendUpdate({ _: 'updatesTooLong' });
    const events = toClient(pair);
    expect(events).toContainEqual({
      type: 'update',
      msgId: expect.any(BigInt),
      body: serialize({ _: 'updatesTooLong' }),
    });
    // The server "restarts" a second later: a fresh session state announces a new session.
    pair.clock.server += 1000;
    pair.clock.client += 1000;
    const restarted = new ServerSession({
      crypto,
      authKey,
      serverSalt: SALT,
      nowMs: () => pair.clock.server,
    });
    pair.server = restarted;
    pair.client.enqueue({ key: 2, body: getNearestDc, name: 'help.getNearestDc' });
    toServer(pair);
    toClient(pair);
    const resent = requests(toServer(pair));
    expect(resent.map((request) => request.body)).toEqual([getConfig]);
  });
});
