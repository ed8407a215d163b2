import { describe, expect, it } from 'vitest';
import { AuthKeyRuntime, SALT_PERIOD_SECONDS } from './auth-key-runtime.js';
import { ServerMsgIds, SessionState } from './session.js';

const T0 = 1_700_000_000;
const id = (seconds: number, low = 0) => (BigInt(seconds) << 32n) | BigInt(low * 4);

describe('server msg_ids', () => {
  it('are 1 mod 4 for responses, 3 mod 4 otherwise, strictly increasing even on a frozen clock', () => {
    const ids = new ServerMsgIds(() => T0 * 1000);
    const out = [ids.next(true), ids.next(false), ids.next(true), ids.next(true)];
    expect(out.map((v) => Number(v % 4n))).toEqual([1, 3, 1, 1]);
    for (let i = 1; i < out.length; i++) expect(out[i] > out[i - 1]).toBe(true);
    expect(Number(out[0] >> 32n)).toBe(T0);
  });
});

describe('session state', () => {
  it('numbers content-related messages odd and others even', () => {
    const s = new SessionState(1n, () => T0 * 1000);
    expect([s.nextSeqNo(false), s.nextSeqNo(true), s.nextSeqNo(true), s.nextSeqNo(false)]).toEqual([
      0, 1, 3, 4,
    ]);
  });

  it('reports message states like msgs_state_info', () => {
    const s = new SessionState(1n, () => T0 * 1000);
    s.recordReceived(id(T0, 1), 1);
    s.recordReceived(id(T0, 5), 3);
    s.recordReceived(id(T0, 9), 5);
    s.inFlight.add(id(T0, 5));
    s.cacheResult(id(T0, 9), { method: 'm', body: new Uint8Array(4) });
    expect(s.stateOf(id(T0, 1))).toBe(4);
    expect(s.stateOf(id(T0, 5))).toBe(4 | 32);
    expect(s.stateOf(id(T0, 9))).toBe(4 | 32 | 64);
    expect(s.stateOf(id(T0, 3))).toBe(2);
    expect(s.stateOf(id(T0 + 1))).toBe(3);
    expect(s.stateOf(id(T0 - 1))).toBe(1);
  });

  it('finds seq_nos that contradict msg_id order (32 too low, 33 too high)', () => {
    const s = new SessionState(1n, () => T0 * 1000);
    s.recordReceived(id(T0, 10), 5);
    expect(s.seqNoProblem(id(T0, 20), 3)).toBe(32);
    expect(s.seqNoProblem(id(T0, 5), 7)).toBe(33);
    expect(s.seqNoProblem(id(T0, 20), 7)).toBeUndefined();
  });

  it('keeps a bounded cache of results and of sent messages', () => {
    const s = new SessionState(1n, () => T0 * 1000);
    for (let i = 0; i < 1100; i++)
      s.cacheResult(BigInt(i), { method: 'm', body: new Uint8Array(0) });
    expect(s.cachedResult(0n)).toBeUndefined();
    expect(s.cachedResult(1099n)).toBeDefined();
  });

  it('packs acks first and at most 100 messages per packet', () => {
    const s = new SessionState(1n, () => T0 * 1000);
    s.pendingAcks.push(4n, 8n);
    for (let i = 0; i < 150; i++) s.queue(new Uint8Array(4), true, true);
    const first = s.takeMessages((ids) => Uint8Array.of(ids.length, 0, 0, 0));
    expect(first).toHaveLength(100);
    expect(first[0].body[0]).toBe(2);
    expect(first[0].seqNo % 2).toBe(0);
    expect(first[1].seqNo % 2).toBe(1);
    expect(s.takeMessages(() => new Uint8Array(0))).toHaveLength(51);
    expect(s.hasOutgoing).toBe(false);
  });
});

describe('salts', () => {
  it('accepts the current salt, mints future ones and refuses them before their time', () => {
    const record = { id: 1n, key: new Uint8Array(256), dcId: 1, createdAtMs: 0 };
    let next = 100n;
    const rt = new AuthKeyRuntime(record, 7n, T0, () => next++);
    expect(rt.currentSalt(T0)).toBe(7n);
    expect(rt.acceptsSalt(7n, T0)).toBe(true);
    expect(rt.acceptsSalt(8n, T0)).toBe(false);
    const future = rt.futureSalts(T0, 3);
    expect(future.map((s) => s.salt)).toEqual([7n, 100n, 101n]);
    expect(future[1].validSince).toBe(future[0].validUntil);
    expect(rt.acceptsSalt(100n, T0)).toBe(false);
    const later = T0 + SALT_PERIOD_SECONDS + 1;
    expect(rt.acceptsSalt(100n, later)).toBe(true);
    expect(rt.currentSalt(later)).toBe(100n);
    // The previous salt stays usable for one more period after it expires.
    expect(rt.acceptsSalt(7n, later)).toBe(true);
    expect(rt.acceptsSalt(7n, T0 + 3 * SALT_PERIOD_SECONDS)).toBe(false);
    expect(rt.rotateSalt(later)).toBe(102n);
    expect(rt.acceptsSalt(100n, later)).toBe(false);
  });

  it('keeps sessions by id', () => {
    const record = { id: 1n, key: new Uint8Array(256), dcId: 1, createdAtMs: 0 };
    const rt = new AuthKeyRuntime(record, 7n, T0, () => 0n);
    const a = rt.session(5n, () => 0);
    const b = rt.session(5n, () => 0);
    expect(a.isNew).toBe(true);
    expect(b.isNew).toBe(false);
    expect(b.session).toBe(a.session);
  });
});
