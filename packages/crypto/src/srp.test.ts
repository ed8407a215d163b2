import { describe, expect, it } from 'vitest';
import { bigIntToBytes, toHex } from './bytes';
import { SrpParamsError } from './errors';
import { TELEGRAM_DH_PRIME } from './handshake';
import { computeSrp, computeSrpUnchecked, srpServerB, srpVerifier, srpVerifyClient } from './srp';
import { providers } from './testing-internal/providers';
import { SRP_2048_VECTOR } from './testing-internal/srp-2048-vector';

const V2 = SRP_2048_VECTOR;

describe.each(providers)('2FA SRP: $name provider', (c) => {
  it('reproduces grammers check_calculations_1 (tiny group, unchecked)', async () => {
    const params = {
      g: 3,
      p: bigIntToBytes(47n, 256),
      salt1: Uint8Array.of(1),
      salt2: Uint8Array.of(2),
      srpB: Uint8Array.of(5),
      srpId: 1n,
    };
    const answer = await computeSrpUnchecked(c, params, Uint8Array.of(7), Uint8Array.of(6));
    expect(Array.from(answer.M1)).toEqual([
      157, 131, 196, 103, 0, 184, 116, 232, 7, 196, 85, 231, 17, 36, 30, 222, 158, 234, 98, 88, 59,
      56, 71, 215, 183, 123, 122, 50, 19, 32, 54, 206,
    ]);
    expect(toHex(answer.A)).toBe(toHex(bigIntToBytes(24n, 256)));
  });

  it('reproduces grammers check_calculations_2 (Telegram\'s group, password "234567")', async () => {
    const params = { g: 3, p: V2.p, salt1: V2.salt1, salt2: V2.salt2, srpB: V2.gB, srpId: 42n };
    const answer = await computeSrp(c, params, '234567', () => V2.a);
    expect(answer.srpId).toBe(42n);
    expect(toHex(answer.M1)).toBe(V2.M1);
    expect(toHex(answer.A)).toBe(V2.A);
  });

  it('is verified by the server side, and a wrong password is not', async () => {
    const group = {
      g: 3,
      p: TELEGRAM_DH_PRIME,
      salt1: c.randomBytes(40),
      salt2: c.randomBytes(16),
    };
    const verifier = await srpVerifier(c, group, 'correct horse');
    const b = c.randomBytes(256);
    const srpB = srpServerB(c, group, verifier, b);
    const params = { ...group, srpB, srpId: 7n };
    const good = await computeSrp(c, params, 'correct horse');
    const key = srpVerifyClient(c, group, verifier, b, good);
    expect(key).toHaveLength(32);
    const bad = await computeSrp(c, params, 'wrong horse');
    expect(srpVerifyClient(c, group, verifier, b, bad)).toBeUndefined();
  });

  it('rejects bad groups and srp_B with SrpParamsError', async () => {
    const base = { g: 3, p: V2.p, salt1: V2.salt1, salt2: V2.salt2, srpB: V2.gB, srpId: 1n };
    await expect(computeSrp(c, { ...base, g: 2 }, 'x')).rejects.toThrow(SrpParamsError);
    await expect(computeSrp(c, { ...base, srpB: Uint8Array.of(1) }, 'x')).rejects.toThrow(
      SrpParamsError,
    );
    await expect(computeSrp(c, { ...base, p: bigIntToBytes(47n, 256) }, 'x')).rejects.toThrow(
      /2048-bit/,
    );
  });
});
