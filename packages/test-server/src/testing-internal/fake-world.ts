// Test-only helpers (excluded from the build): a World with a manual clock, counting randomness
// and a transparent stand-in for the SRP maths, so handler tests need no sockets or PBKDF2.
import { createHash, randomBytes } from 'node:crypto';
import type { AuthKeyRecord } from '../domain/auth-keys.js';
import type { SrpServerMath } from '../domain/passwords.js';
import { World, type WorldOptions } from '../domain/world.js';
import type { MethodContext } from '../methods/context.js';

const sha = (...parts: Uint8Array[]): Uint8Array => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

/** Not SRP: M1 must equal sha256(verifier ‖ B ‖ A). Enough to test the handler's bookkeeping. */
export const fakeSrp: SrpServerMath = {
  async verifier(password, salt1, salt2) {
    return sha(salt1, new TextEncoder().encode(password), salt2);
  },
  publicB(record, b) {
    return sha(record.verifier, b);
  },
  isProofValid(record, _b, B, A, M1) {
    return Buffer.from(sha(record.verifier, B, A)).equals(Buffer.from(M1));
  },
};

export function fakeProof(verifier: Uint8Array, B: Uint8Array, A: Uint8Array): Uint8Array {
  return sha(verifier, B, A);
}

export interface FakeWorld {
  world: World;
  clock: { ms: number };
  ctx(dcId: number, authKey?: AuthKeyRecord): MethodContext;
  newAuthKey(dcId: number): AuthKeyRecord;
}

export function fakeWorld(options: Partial<WorldOptions> = {}): FakeWorld {
  const clock = { ms: 1_700_000_000_000 };
  const world = new World({
    dcIds: [1, 2, 3],
    nowMs: () => clock.ms,
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    srp: fakeSrp,
    ...options,
  });
  let nextKey = 1n;
  const newAuthKey = (dcId: number): AuthKeyRecord => {
    const record: AuthKeyRecord = {
      id: nextKey++,
      key: new Uint8Array(256),
      dcId,
      createdAtMs: clock.ms,
    };
    world.authKeys(dcId).add(record);
    return record;
  };
  return {
    world,
    clock,
    newAuthKey,
    ctx: (dcId, authKey) => ({ world, dcId, authKey: authKey ?? newAuthKey(dcId), layer: 228 }),
  };
}
