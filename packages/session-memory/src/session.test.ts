import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SessionValidationError } from './errors.js';
import { Session } from './session.js';
import { sampleAuthKey, sampleSession } from './testing/sample.js';

const keyHex = Buffer.from(sampleAuthKey(1)).toString('hex').slice(0, 16);

describe('Session', () => {
  it('keeps its own copy of DCs and keys', () => {
    const key = sampleAuthKey(7);
    const dc = { id: 2, ipAddress: '149.154.167.51', port: 443, authKey: key };
    const s = new Session({ homeDcId: 2, dcs: [dc] });
    key.fill(0);
    dc.port = 1;
    expect(s.getAuthKey(2)).toEqual(sampleAuthKey(7));
    expect(s.homeDc?.port).toBe(443);
    expect(s.hasAuthKey(2)).toBe(true);
    expect(s.hasAuthKey(3)).toBe(false);
  });

  it('clone() is deep', () => {
    const a = sampleSession();
    const b = a.clone();
    expect(b.equals(a)).toBe(true);
    b.getAuthKey(1)?.fill(0);
    b.channelPts.set(5n, 5);
    expect(a.getAuthKey(1)).toEqual(sampleAuthKey(1));
    expect(a.channelPts.has(5n)).toBe(false);
    expect(b.equals(a)).toBe(false);
  });

  it('setAuthKey sets, replaces and forgets keys of known DCs only', () => {
    const s = sampleSession();
    s.setAuthKey(3, sampleAuthKey(3));
    expect(s.getAuthKey(3)).toEqual(sampleAuthKey(3));
    s.setAuthKey(3, undefined);
    expect(s.hasAuthKey(3)).toBe(false);
    expect(() => s.setAuthKey(42, sampleAuthKey(1))).toThrow(/no such DC/);
  });

  it('rejects invalid values with messages that never contain key bytes', () => {
    const bad: [() => unknown, RegExp][] = [
      [() => new Session({ homeDcId: 0 }), /home DC id must be an integer from 1 to 65535, got 0/],
      [
        () => new Session({ homeDcId: 2, dcs: [{ id: 2, ipAddress: '', port: 443 }] }),
        /address of DC 2/,
      ],
      [
        () => new Session({ homeDcId: 2, dcs: [{ id: 2, ipAddress: 'x', port: 70000 }] }),
        /port of DC 2 .* got 70000/,
      ],
      [
        () =>
          new Session({
            homeDcId: 2,
            dcs: [{ id: 2, ipAddress: 'x', port: 1, authKey: sampleAuthKey(1).slice(0, 255) }],
          }),
        /auth key for DC 2 must be 256 bytes, got 255/,
      ],
      [
        () => new Session({ homeDcId: 2, updateState: { pts: 1.5, qts: 0, date: 0, seq: 0 } }),
        /pts must be a 32-bit integer/,
      ],
      [() => new Session({ homeDcId: 2, user: { id: 1n << 63n, isBot: false } }), /user id/],
      [() => new Session({ homeDcId: 2, channelPts: [[1n, 2 ** 31]] }), /channel pts/],
    ];
    for (const [fn, message] of bad) {
      let error: unknown;
      try {
        fn();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SessionValidationError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain(keyHex);
    }
  });

  it('validate() catches fields changed directly', () => {
    const s = sampleSession();
    (s.dcs.get(1) as { port: number }).port = 0;
    expect(() => s.validate()).toThrow(/port of DC 1/);
  });

  it('stores keys as plain Uint8Array copies, even when given a Buffer', () => {
    const buffer = Buffer.from(sampleAuthKey(8));
    const s = new Session({
      homeDcId: 1,
      dcs: [{ id: 1, ipAddress: 'x', port: 1, authKey: buffer }],
    });
    const key = s.getAuthKey(1) as Uint8Array;
    expect(Object.getPrototypeOf(key)).toBe(Uint8Array.prototype);
    buffer.fill(0);
    expect(key).toEqual(sampleAuthKey(8));
  });

  it('never shows key bytes when printed, inspected or stringified', () => {
    const s = sampleSession();
    const key = sampleAuthKey(1);
    const views = [inspect(s), inspect({ nested: s }, { depth: 5 }), String(s), JSON.stringify(s)];
    for (const text of views) {
      expect(text).not.toContain(keyHex);
      expect(text).not.toContain(`${key[0]}, ${key[1]}, ${key[2]}`);
    }
    expect(String(s)).toBe(
      'Session(home DC 2; DCs [1+key,2+key,3,4,5t+key]; signed in: bot 9007199254740994)',
    );
    expect(JSON.parse(JSON.stringify(s)).dcs[0].authKey).toBe('[redacted]');
    expect(JSON.parse(JSON.stringify(s)).dcs[2].authKey).toBeNull();
  });
});
