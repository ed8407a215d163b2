import { Session } from '../session.js';

/** A deterministic 256-byte key for tests; `seed` makes different keys. */
export function sampleAuthKey(seed: number): Uint8Array {
  const key = new Uint8Array(256);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < key.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    key[i] = x & 0xff;
  }
  return key;
}

/**
 * A session that exercises every field: five DCs (IPv4 and IPv6 addresses, a test DC, some
 * without a key), a bot user whose id needs more than 53 bits, update state and channels.
 */
export function sampleSession(seed = 1): Session {
  return new Session({
    homeDcId: 2,
    dcs: [
      { id: 1, ipAddress: '149.154.175.53', port: 443, authKey: sampleAuthKey(seed) },
      {
        id: 2,
        ipAddress: '149.154.167.51',
        ipv6: '2001:67c:4e8:f002::a',
        port: 443,
        authKey: sampleAuthKey(seed + 1),
      },
      { id: 3, ipAddress: '149.154.175.100', port: 443 },
      { id: 4, ipAddress: '149.154.167.91', ipv6: '2001:67c:4e8:f004::a', port: 80 },
      {
        id: 5,
        ipAddress: '91.108.56.130',
        port: 5222,
        isTest: true,
        authKey: sampleAuthKey(seed + 4),
      },
    ],
    user: { id: 9_007_199_254_740_993n + BigInt(seed), isBot: true },
    updateState: { pts: 1000 + seed, qts: -5, date: 1_790_000_000, seq: 77 },
    channelPts: [
      [1_234_567_890_123n, 500],
      [9_223_372_036_854_775_807n, 2_147_483_647],
    ],
  });
}
