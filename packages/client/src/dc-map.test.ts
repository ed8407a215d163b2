import { describe, expect, it } from 'vitest';
import { configuredDcs, defaultHomeDcId, learnFromConfig } from './dc-config.js';
import { DcMap, PRODUCTION_DCS, TEST_DCS } from './dc-map.js';
import { UnknownDcError } from './errors.js';

describe('DC addresses', () => {
  it('defaults to production, or the test DCs in test mode', () => {
    expect(configuredDcs({})).toBe(PRODUCTION_DCS);
    expect(configuredDcs({ testMode: true })).toBe(TEST_DCS);
    expect(PRODUCTION_DCS.find((dc) => dc.id === 2)?.ipAddress).toBe('149.154.167.51');
  });

  it('starts new sessions on DC 2 when there is one, else on the lowest id', () => {
    expect(defaultHomeDcId(PRODUCTION_DCS)).toBe(2);
    expect(
      defaultHomeDcId([
        { id: 5, ipAddress: 'a', port: 1 },
        { id: 3, ipAddress: 'b', port: 1 },
      ]),
    ).toBe(3);
  });

  it('configured addresses win over remembered ones; unknown DCs are a typed error', () => {
    const map = new DcMap(
      [{ id: 1, ipAddress: '127.0.0.1', port: 1001 }],
      [
        { id: 1, ipAddress: '10.0.0.1', port: 443 },
        { id: 2, ipAddress: '10.0.0.2', port: 443 },
      ],
    );
    expect(map.get(1).port).toBe(1001);
    expect(map.get(2).ipAddress).toBe('10.0.0.2');
    expect(() => map.get(7)).toThrow(UnknownDcError);
  });

  it('learns plain IPv4 DCs from help.getConfig without overriding known ones', () => {
    const map = new DcMap([{ id: 1, ipAddress: '127.0.0.1', port: 1001 }]);
    learnFromConfig(map, {
      _: 'config',
      dcOptions: [
        { _: 'dcOption', id: 1, ipAddress: '9.9.9.9', port: 1 },
        { _: 'dcOption', id: 2, ipAddress: '127.0.0.1', port: 1002 },
        { _: 'dcOption', id: 3, ipAddress: '::1', port: 1003, ipv6: true },
        { _: 'dcOption', id: 4, ipAddress: '127.0.0.1', port: 1004, mediaOnly: true },
      ],
    } as never);
    expect(map.ids()).toEqual([1, 2]);
    expect(map.get(1).port).toBe(1001);
    expect(map.get(2).port).toBe(1002);
  });
});
