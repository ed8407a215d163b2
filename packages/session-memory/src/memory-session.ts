import { SessionClosedError } from './errors.js';
import type { Session } from './session.js';
import { deserializeSession, serializeSession } from './session-codec.js';
import type { SessionStorage } from './storage.js';
import { decodeStringSession, encodeStringSession } from './string-session.js';

/**
 * Keeps the session in memory only (it is gone when the process ends). Useful for tests, for
 * short-lived scripts, and with a string session: `new MemorySession(process.env.TG_SESSION)`.
 */
export class MemorySession implements SessionStorage {
  // Kept as the serialised bytes so that what is saved is a snapshot, exactly like a real store.
  private stored: Uint8Array | undefined;
  private initialString: string | undefined;
  private isClosed = false;

  /** Starts from a Session, a telets string session (decoded on first load), or nothing. */
  constructor(initial?: Session | string) {
    if (typeof initial === 'string') this.initialString = initial;
    else if (initial !== undefined) this.stored = serializeSession(initial);
  }

  private checkOpen(): void {
    if (this.isClosed) throw new SessionClosedError('MemorySession');
  }

  async load(): Promise<Session | undefined> {
    this.checkOpen();
    if (this.initialString !== undefined) {
      const session = decodeStringSession(this.initialString);
      this.stored = serializeSession(session);
      this.initialString = undefined;
      return session;
    }
    return this.stored ? deserializeSession(this.stored) : undefined;
  }

  async save(session: Session): Promise<void> {
    this.checkOpen();
    this.stored = serializeSession(session);
    this.initialString = undefined;
  }

  async delete(): Promise<void> {
    this.checkOpen();
    this.stored?.fill(0);
    this.stored = undefined;
    this.initialString = undefined;
  }

  async close(): Promise<void> {
    this.isClosed = true;
  }

  /** The stored session as a telets string session, or undefined when nothing is stored. */
  toStringSession(): string | undefined {
    this.checkOpen();
    if (this.initialString !== undefined) return this.initialString;
    return this.stored ? encodeStringSession(deserializeSession(this.stored)) : undefined;
  }
}
