import { describe, expect, it } from 'vitest';
import { TestServerConfigError } from './errors.js';
import { FaultPlan } from './faults.js';

describe('fault plan', () => {
  it('fires each rule the number of times asked, filtered by DC and method', () => {
    const f = new FaultPlan();
    f.badServerSalt({ dcId: 2, method: 'auth.signIn', count: 2 });
    expect(f.takeBadSalt(1, 'auth.signIn')).toBe(false);
    expect(f.takeBadSalt(2, 'auth.sendCode')).toBe(false);
    expect(f.takeBadSalt(2, 'auth.signIn')).toBe(true);
    expect(f.takeBadSalt(2, 'auth.signIn')).toBe(true);
    expect(f.takeBadSalt(2, 'auth.signIn')).toBe(false);
  });

  it('hands connection rules to the next accepted connections only', () => {
    const f = new FaultPlan();
    f.dropConnection({ dcId: 1, afterMessages: 3, connections: 2 });
    expect(f.claimConnectionFaults(2)).toBeUndefined();
    expect(f.claimConnectionFaults(1)).toEqual({
      afterMessages: 3,
      afterBytes: undefined,
      atHandshakeStep: undefined,
    });
    expect(f.claimConnectionFaults(1)).toBeDefined();
    expect(f.claimConnectionFaults(1)).toBeUndefined();
  });

  it('releases stalled answers, and clear() releases and forgets everything', () => {
    const f = new FaultPlan();
    const released: number[] = [];
    f.onRelease(() => released.push(1));
    f.releaseStalled();
    f.releaseStalled();
    expect(released).toEqual([1]);
    f.onRelease(() => released.push(2));
    f.transportError({ code: -429 });
    f.delayAnswers({ delayMs: 5 });
    f.clear();
    expect(released).toEqual([1, 2]);
    expect(f.takeTransportError(1)).toBeUndefined();
    expect(f.takeDelayMs(1, 'x')).toBeUndefined();
  });

  it('returns the parameters of what fires', () => {
    const f = new FaultPlan();
    f.transportError({ dcId: 3, code: -404 });
    f.delayAnswers({ method: 'help.getConfig', delayMs: 250 });
    expect(f.takeTransportError(3)).toBe(-404);
    expect(f.takeDelayMs(1, 'help.getConfig')).toBe(250);
  });

  it('arms flood waits per method and DC, N times, with whole seconds only', () => {
    const f = new FaultPlan();
    f.floodWait({ method: 'help.getConfig', seconds: 2, count: 2 });
    f.floodWait({ dcId: 3, seconds: 7 });
    expect(f.takeFloodWaitSeconds(1, 'help.getNearestDc')).toBeUndefined();
    expect(f.takeFloodWaitSeconds(1, 'help.getConfig')).toBe(2);
    expect(f.takeFloodWaitSeconds(2, 'help.getConfig')).toBe(2);
    expect(f.takeFloodWaitSeconds(2, 'help.getConfig')).toBeUndefined();
    expect(f.takeFloodWaitSeconds(3, 'anything')).toBe(7);
    expect(f.takeFloodWaitSeconds(3, 'anything')).toBeUndefined();
    expect(() => f.floodWait({ seconds: 1.5 })).toThrow(TestServerConfigError);
    expect(() => f.floodWait({ seconds: -1 })).toThrow(TestServerConfigError);
    f.floodWait({ seconds: 1 });
    f.clear();
    expect(f.takeFloodWaitSeconds(1, 'x')).toBeUndefined();
  });
});
