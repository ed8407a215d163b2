import type { PasswordRecord } from './accounts.js';

/**
 * The server half of Telegram's 2FA SRP (passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000-
 * SHA256ModPow). Implemented with @telets/crypto's server-side helpers (see srp-crypto.ts); an
 * interface here so the domain stays testable with any implementation.
 */
export interface SrpServerMath {
  /** v = g^x mod p for a password and its salts (runs PBKDF2: async). */
  verifier(
    password: string,
    salt1: Uint8Array,
    salt2: Uint8Array,
    g: number,
    p: Uint8Array,
  ): Promise<Uint8Array>;
  /** B = (k·v + g^b) mod p, 256 bytes. */
  publicB(record: PasswordRecord, b: Uint8Array): Uint8Array;
  /** Whether the client's M1 proves it knows the password behind `record`. */
  isProofValid(
    record: PasswordRecord,
    b: Uint8Array,
    B: Uint8Array,
    A: Uint8Array,
    M1: Uint8Array,
  ): boolean;
}

/** One account.getPassword answer awaiting auth.checkPassword. */
export interface SrpSession {
  readonly srpId: bigint;
  readonly userId: bigint;
  readonly b: Uint8Array;
  readonly B: Uint8Array;
  readonly expiresAtMs: number;
  /** The record B was computed for: a password change invalidates the session. */
  readonly record: PasswordRecord;
}

/** srp_id → session, expiring after `ttlMs` (then SRP_ID_INVALID, as Telegram answers). */
export class SrpSessions {
  private readonly sessions = new Map<bigint, SrpSession>();

  constructor(readonly ttlMs: number) {}

  add(session: SrpSession): void {
    this.sessions.set(session.srpId, session);
  }

  /** The live session, or undefined when unknown or expired. */
  get(srpId: bigint, nowMs: number): SrpSession | undefined {
    const session = this.sessions.get(srpId);
    if (!session) return undefined;
    if (nowMs >= session.expiresAtMs) {
      this.sessions.delete(srpId);
      return undefined;
    }
    return session;
  }

  delete(srpId: bigint): void {
    this.sessions.delete(srpId);
  }
}
