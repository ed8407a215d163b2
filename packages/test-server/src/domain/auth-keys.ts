/** Sign-in state that Telegram ties to one permanent auth key on one DC. */
export interface AuthKeyRecord {
  /** auth_key_id: the low 64 bits of SHA-1(auth_key), read little-endian as on the wire. */
  readonly id: bigint;
  readonly key: Uint8Array;
  readonly dcId: number;
  readonly createdAtMs: number;
  /** The signed-in user, once authorised. */
  userId?: bigint;
  /** After SESSION_PASSWORD_NEEDED: whose password auth.checkPassword must prove. */
  passwordPendingFor?: bigint;
  /** The layer announced with invokeWithLayer (the server's own until then). */
  layer?: number;
  /** api_id from initConnection. */
  apiId?: number;
  /** Set when the session was revoked: calls then get 401 with this message. */
  revokedWith?: 'AUTH_KEY_UNREGISTERED' | 'SESSION_REVOKED';
}

/** The auth keys one DC knows, by auth_key_id. */
export class AuthKeyStore {
  private readonly keys = new Map<bigint, AuthKeyRecord>();

  constructor(readonly dcId: number) {}

  add(record: AuthKeyRecord): void {
    this.keys.set(record.id, record);
  }

  get(id: bigint): AuthKeyRecord | undefined {
    return this.keys.get(id);
  }

  delete(id: bigint): boolean {
    return this.keys.delete(id);
  }

  get size(): number {
    return this.keys.size;
  }

  all(): IterableIterator<AuthKeyRecord> {
    return this.keys.values();
  }

  /** The keys on which a user is signed in. */
  ofUser(userId: bigint): AuthKeyRecord[] {
    return [...this.keys.values()].filter((k) => k.userId === userId);
  }
}
