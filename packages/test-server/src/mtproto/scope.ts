import type { AuthKeyRuntime } from './auth-key-runtime.js';
import type { ProtocolHost } from './protocol-host.js';
import type { SessionState } from './session.js';

/** The context one incoming message is handled in. */
export interface MessageScope {
  readonly host: ProtocolHost;
  readonly dcId: number;
  readonly runtime: AuthKeyRuntime;
  readonly session: SessionState;
  /** The connection the message arrived on answers 406 AUTH_KEY_DUPLICATED to requests. */
  readonly isDuplicateConnection: boolean;
  /** Closes the connection the message arrived on. */
  closeConnection(): void;
  /** Closes after `seconds` unless another ping_delay_disconnect comes first. */
  disconnectAfter(seconds: number): void;
}

export function nowSeconds(scope: MessageScope): number {
  return Math.floor(scope.host.world.nowMs() / 1000);
}
