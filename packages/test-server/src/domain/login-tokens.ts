/** A QR-login token exported by one (not yet signed-in) auth key. */
export interface LoginTokenRecord {
  readonly token: Uint8Array;
  readonly dcId: number;
  readonly authKeyId: bigint;
  readonly expiresAtMs: number;
  /** Set when a signed-in session accepted the token (auth.acceptLoginToken). */
  acceptedBy?: bigint;
}

/** One-time bytes that let a user sign in on another DC (auth.exportAuthorization). */
export interface ExportedAuthorization {
  readonly userId: bigint;
  readonly dcId: number;
  readonly expiresAtMs: number;
}

const hex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** Single-use tokens keyed by their bytes. */
export class TokenStore<T> {
  private readonly items = new Map<string, T>();

  set(token: Uint8Array, value: T): void {
    this.items.set(hex(token), value);
  }

  get(token: Uint8Array): T | undefined {
    return this.items.get(hex(token));
  }

  delete(token: Uint8Array): void {
    this.items.delete(hex(token));
  }

  values(): IterableIterator<T> {
    return this.items.values();
  }
}
