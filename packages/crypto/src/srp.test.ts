import { describe, expect, it } from 'vitest';
import { bigIntToBytes, fromHex, toHex } from './bytes';
import { SrpParamsError } from './errors';
import { TELEGRAM_DH_PRIME } from './handshake';
import { computeSrp, computeSrpUnchecked, srpServerB, srpVerifier, srpVerifyClient } from './srp';
import { providers } from './testing-internal/providers';

const V2 = {
  salt1: fromHex(
    '5f483c38bd0986e7cdc95ae138ef4f49b951c1f81c713fecdef3af692cec4b4716ac9b770a195ebe',
  ),
  salt2: fromHex('b616fc6bbedf511119c5ed34629527f1'),
  p: fromHex(
    'c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c3720fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f642477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b',
  ),
  gB: fromHex(
    '93f70ebd50f6426aca2568769599f91f24d01284cc51a449e62dcc1527dfe50126b2aa44238e4fb2331419ed4aebf1a0ae15e03abd18bfc52ca6baec564c13b5a1d2e357799897757bb736fdc2ceb1b56aacf19ab3548d6d922a522f0b51f40124c3bc9936aff3e1dcfbea39ac9ad2addc6af0ad30783278bbb84cab0ed8464b0ffeb2b0c93a39a5d97dba0105672ca5475373d8d23e54a6ac9bed9519e8bef4f00719f5ad56151be5537648df2f8e3e7265cb57fb94a054ce2a82b8cc664ad060e0d6c6df1879345440eb977fa0f2d36f31a253d8917732f133d40033a34b6152969b600d59cdabfea2ab2393ad659e56d66e13605b1f61e48e3cd65c0f58ac',
  ),
  a: fromHex(
    'bf31574f34fce1e53891c59b7f62468a0ca682da8585df8de0a18873359755fbb1818878a9ee919bb1e94d20c5f0607e02a33176199bf3220256c9ea1a69f395a515d20539d88cda750a5252fb864f573f2b032f3b467d08b34fd9c89d1c5d06278e113e51d4e893c1c027455af4653f096607a4156d94fb8e1dc7cee5bfe32850982f941ae4414e83bf22df56270b43b7ccc44c26d40886464da8e344a8540795b8f69b8f508552a723cd6931e1d69204e8e9dc056f0a2a10a0d7951e355f3edef5a5e18a9091295a51eb9db10b8b0d30489c8d29bc0cd86e97781f5e30c5b6bfe7caf4aae81b282e653ac48aa1a8fde789722bc04f4320cd9f86849fe05ca4',
  ),
  M1: '4d7af412c5a2e7b15467376bd118b853604e687b31f51c4980c4d7c1876613e3',
  A: '0fa12bc655b1187a28296a69ae565d682782e0ceb05a089c0c41c1dce983dc7f4a53434ea78e065d9e1cb60e427b4468a4780609feba2f55654ee2efe0aeb72edafde2652e26ed5b4d4baad9d2a381806af63416bf6263df45a43d85be5401bc223ebfac09421caddd7e260bd6b86542133c048d6cd54b38d8e2ccdf6b550e875b1353a4acfe3292ffb56a0f58b2a39027c9bfdd91fd4c531d23c77d6e8f7d583eaeea316dedded69935296ce7ea34e9be6ef2fbd829eac4c9bd646dc1563e47f77b91431ca002cf79fc149d968272835c15ca1c6b2c5e03712a2e1b5d52f5e4faa1c16cb177fafd96a6aa5b4b3f4c649915644b63855cfb38561ff17fedfb8a',
};

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
