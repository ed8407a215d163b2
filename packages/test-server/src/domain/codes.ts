import { rpc } from '../errors.js';

/** One `phone_code_hash` and the code it stands for. */
export interface PendingCode {
  readonly phone: string;
  readonly hash: string;
  readonly code: string;
  readonly expiresAtMs: number;
  /** Set once the right code was given for a number that must still sign up. */
  isVerified: boolean;
}

/** Login codes by phone_code_hash; codes expire, are single-use, and can be cancelled. */
export class CodeStore {
  private readonly byHash = new Map<string, PendingCode>();
  private readonly lastByPhone = new Map<string, string>();

  constructor(
    private readonly codeTtlMs: number,
    private readonly randomHex: (bytes: number) => string,
  ) {}

  issue(phone: string, code: string, nowMs: number): PendingCode {
    const pending: PendingCode = {
      phone,
      hash: this.randomHex(8),
      code,
      expiresAtMs: nowMs + this.codeTtlMs,
      isVerified: false,
    };
    this.byHash.set(pending.hash, pending);
    this.lastByPhone.set(phone, code);
    return pending;
  }

  /** The code last sent to a phone: what a test reads instead of an SMS. */
  lastCodeFor(phone: string): string | undefined {
    return this.lastByPhone.get(phone);
  }

  /**
   * The live code for (phone, hash), or the error Telegram gives: PHONE_CODE_HASH_EMPTY,
   * PHONE_CODE_EXPIRED (unknown, cancelled, used or timed out hash), PHONE_NUMBER_INVALID
   * (hash issued for another number).
   */
  lookup(phone: string, hash: string, nowMs: number): PendingCode {
    if (hash === '') throw rpc.badRequest('PHONE_CODE_HASH_EMPTY');
    const pending = this.byHash.get(hash);
    if (!pending) throw rpc.badRequest('PHONE_CODE_EXPIRED');
    if (pending.phone !== phone) throw rpc.badRequest('PHONE_NUMBER_INVALID');
    if (nowMs >= pending.expiresAtMs) {
      this.byHash.delete(hash);
      throw rpc.badRequest('PHONE_CODE_EXPIRED');
    }
    return pending;
  }

  /** Checks a code; a wrong one leaves the hash usable, as Telegram does. */
  verify(phone: string, hash: string, code: string | undefined, nowMs: number): PendingCode {
    const pending = this.lookup(phone, hash, nowMs);
    if (code === undefined || code === '') throw rpc.badRequest('PHONE_CODE_EMPTY');
    if (code !== pending.code) throw rpc.badRequest('PHONE_CODE_INVALID');
    return pending;
  }

  consume(hash: string): void {
    this.byHash.delete(hash);
  }
}
