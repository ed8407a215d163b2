/**
 * The server salt in use, plus future salts from get_future_salts: the current salt switches to
 * the one whose validity window contains the server's time.
 */
export interface FutureSalt {
  validSince: number;
  validUntil: number;
  salt: bigint;
}

export class SaltStore {
  current: bigint;
  private future: FutureSalt[] = [];

  constructor(initial: bigint) {
    this.current = BigInt.asIntN(64, initial);
  }

  /** A salt the server told us to use now (bad_server_salt, new_session_created). */
  set(salt: bigint): void {
    this.current = salt;
    this.future = [];
  }

  setFuture(salts: readonly FutureSalt[]): void {
    this.future = [...salts];
  }

  /** Switches to the future salt valid at `serverNowSeconds`, dropping expired ones. */
  pick(serverNowSeconds: number): bigint {
    if (this.future.length === 0) return this.current;
    const valid = this.future.find(
      (salt) => salt.validSince <= serverNowSeconds && serverNowSeconds < salt.validUntil,
    );
    if (valid) this.current = valid.salt;
    this.future = this.future.filter((salt) => salt.validUntil > serverNowSeconds);
    return this.current;
  }
}
