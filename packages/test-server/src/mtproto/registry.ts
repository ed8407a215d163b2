import type { World } from '../domain/world.js';
import { AuthKeyRuntime } from './auth-key-runtime.js';
import type { SessionState } from './session.js';

/** Where a session's queued messages go: the connection that last spoke in it. */
export interface SessionOutlet {
  readonly isOpen: boolean;
  close(): void;
  flush(runtime: AuthKeyRuntime, session: SessionState): void;
}

/**
 * Protocol state of every auth key on every DC (salts, sessions, which connection each session
 * is bound to). Owned by the server so a DC restart or a reconnect loses nothing.
 */
export class RuntimeRegistry {
  private readonly runtimes = new Map<string, AuthKeyRuntime>();
  private readonly outlets = new Map<SessionState, SessionOutlet>();

  constructor(private readonly world: World) {}

  private static key(dcId: number, authKeyId: bigint): string {
    return `${dcId}:${authKeyId}`;
  }

  create(dcId: number, authKeyId: bigint, firstSalt: bigint): AuthKeyRuntime {
    const record = this.world.authKeys(dcId).get(authKeyId);
    if (!record) throw new Error('the auth key must be registered first');
    const runtime = new AuthKeyRuntime(
      record,
      firstSalt,
      Math.floor(this.world.nowMs() / 1000),
      () => this.world.randomLong(),
    );
    this.runtimes.set(RuntimeRegistry.key(dcId, authKeyId), runtime);
    return runtime;
  }

  /** The runtime of a key the DC still knows (a key deleted from the world is gone: -404). */
  get(dcId: number, authKeyId: bigint): AuthKeyRuntime | undefined {
    const runtime = this.runtimes.get(RuntimeRegistry.key(dcId, authKeyId));
    if (!runtime) return undefined;
    if (this.world.authKeys(dcId).get(authKeyId) !== runtime.record) {
      this.runtimes.delete(RuntimeRegistry.key(dcId, authKeyId));
      return undefined;
    }
    return runtime;
  }

  bind(session: SessionState, outlet: SessionOutlet): void {
    this.outlets.set(session, outlet);
  }

  outletOf(session: SessionState): SessionOutlet | undefined {
    const outlet = this.outlets.get(session);
    return outlet?.isOpen ? outlet : undefined;
  }

  private readonly scheduled = new Set<SessionState>();

  /**
   * Sends what a session has queued, if a live connection is bound to it, on the next turn of
   * the event loop: answers finished in the same turn (and the acks) then share one packet.
   */
  flush(runtime: AuthKeyRuntime, session: SessionState): void {
    if (this.scheduled.has(session)) return;
    this.scheduled.add(session);
    setImmediate(() => {
      this.scheduled.delete(session);
      const outlet = this.outletOf(session);
      try {
        outlet?.flush(runtime, session);
      } catch {
        // A failed write only costs that connection; the client reconnects and resends.
        outlet?.close();
      }
    });
  }
}
