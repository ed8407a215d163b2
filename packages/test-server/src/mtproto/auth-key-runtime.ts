import type { AuthKeyRecord } from '../domain/auth-keys.js';
import { SessionState } from './session.js';

export interface ServerSalt {
  readonly salt: bigint;
  readonly validSince: number;
  readonly validUntil: number;
}

/** Salts rotate every 30 minutes, as Telegram's do. */
export const SALT_PERIOD_SECONDS = 1800;

/**
 * What the protocol layer keeps per auth key beside its sign-in state: salts and sessions.
 * Lives in the server, not in a connection or a DC listener, so it survives both.
 */
export class AuthKeyRuntime {
  readonly sessions = new Map<bigint, SessionState>();
  private salts: ServerSalt[];

  constructor(
    readonly record: AuthKeyRecord,
    firstSalt: bigint,
    nowSeconds: number,
    private readonly randomSalt: () => bigint,
  ) {
    this.salts = [{ salt: firstSalt, validSince: 0, validUntil: nowSeconds + SALT_PERIOD_SECONDS }];
  }

  session(sessionId: bigint, nowMs: () => number): { session: SessionState; isNew: boolean } {
    let session = this.sessions.get(sessionId);
    if (session) return { session, isNew: false };
    session = new SessionState(sessionId, nowMs);
    this.sessions.set(sessionId, session);
    return { session, isNew: true };
  }

  /** The salt valid now, minting the next period's when the last one ran out. */
  currentSalt(nowSeconds: number): bigint {
    this.ensureSalts(nowSeconds, 1);
    for (const s of this.salts)
      if (s.validSince <= nowSeconds && nowSeconds < s.validUntil) return s.salt;
    return this.salts[this.salts.length - 1].salt;
  }

  /** A salt is accepted while valid, and for one more period (clients lag behind rotations). */
  acceptsSalt(salt: bigint, nowSeconds: number): boolean {
    return this.salts.some(
      (s) =>
        s.salt === salt &&
        s.validSince <= nowSeconds &&
        nowSeconds < s.validUntil + SALT_PERIOD_SECONDS,
    );
  }

  /** Up to `count` salts starting with the current one (get_future_salts). */
  futureSalts(nowSeconds: number, count: number): ServerSalt[] {
    const n = Math.max(1, Math.min(count, 64));
    this.ensureSalts(nowSeconds, n);
    return this.salts.filter((s) => s.validUntil > nowSeconds).slice(0, n);
  }

  /** Fault injection: a fresh salt becomes current, so the client's is now "bad". */
  rotateSalt(nowSeconds: number): bigint {
    const salt = this.randomSalt();
    this.salts = [{ salt, validSince: 0, validUntil: nowSeconds + SALT_PERIOD_SECONDS }];
    return salt;
  }

  private ensureSalts(nowSeconds: number, count: number): void {
    this.salts = this.salts.filter((s) => s.validUntil + SALT_PERIOD_SECONDS > nowSeconds);
    const live = (): ServerSalt[] => this.salts.filter((s) => s.validUntil > nowSeconds);
    while (live().length < count) {
      const last = this.salts[this.salts.length - 1];
      const start = Math.max(last ? last.validUntil : nowSeconds, nowSeconds);
      this.salts.push({
        salt: this.randomSalt(),
        validSince: start,
        validUntil: start + SALT_PERIOD_SECONDS,
      });
    }
  }
}
