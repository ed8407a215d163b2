/** Shared test fixtures: a real 2048-bit test RSA key, a manual clock, deterministic randomness. */
import { generateKeyPairSync } from 'node:crypto';
import { rsaFingerprint } from '@telets/crypto';
import { nodeCrypto } from '@telets/crypto/node';
import type { RsaPrivateKey } from '../src/mtproto/handshake-server';
import type { Scheduler } from '../src/sender/scheduler';

let cachedKey: RsaPrivateKey | undefined;

/** A fresh 2048-bit RSA key (generated once per test file), exported as n, e, d. */
export function testRsaKey(): RsaPrivateKey {
  if (cachedKey) return cachedKey;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
  const jwk = privateKey.export({ format: 'jwk' });
  const decode = (value: string | undefined): Uint8Array =>
    new Uint8Array(Buffer.from(value ?? '', 'base64url'));
  const n = decode(jwk.n);
  const e = decode(jwk.e);
  cachedKey = { n, e, d: decode(jwk.d), fingerprint: rsaFingerprint(nodeCrypto, n, e) };
  return cachedKey;
}

/** Deterministic pseudo-random bytes (xorshift) so failures reproduce. */
export function seededRandom(seed = 1): (n: number) => Uint8Array {
  let state = seed >>> 0 || 1;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      out[i] = state & 0xff;
    }
    return out;
  };
}

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/** A manual clock: timers fire only when the test advances time. */
export class ManualScheduler implements Scheduler {
  private timers: Timer[] = [];
  private nextId = 1;
  current: number;

  constructor(startMs = 1_700_000_000_000) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Advances time by `ms`, firing due timers in order and letting promises settle between. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await settle();
      const due = this.timers
        .filter((timer) => timer.at <= target)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.current = Math.max(this.current, due.at);
      due.callback();
    }
    this.current = target;
    await settle();
  }
}

/** Lets queued microtasks and promise chains run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
