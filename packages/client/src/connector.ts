import type { DcAddress } from '@telets/session-memory';
import type { TlFunction } from '@telets/tl-schema';

export interface InvokeOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/**
 * One live link to one data centre: the client's view of a transport `Sender`. Untyped on
 * purpose: the Client's own `invoke` gives callers the typed result, and comparing two generic
 * `invoke` signatures makes the compiler expand the result type of every method of the layer.
 */
export interface DcConnection {
  invoke(request: TlFunction, options?: InvokeOptions): Promise<unknown>;
  /** Ends the link: every timer and socket, and every pending request is rejected. */
  close(): Promise<void>;
}

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface DcConnectParams {
  dc: DcAddress;
  /** The key to use; when absent, the connector runs the handshake and reports the new key. */
  authKey?: Uint8Array;
  /** Aborted when the client disconnects while the link is still opening. */
  signal: AbortSignal;
  /** Must be awaited by the connector before it resolves: the client saves the key here. */
  onAuthKey(authKey: Uint8Array): Promise<void>;
  onUpdate(update: unknown): void;
  onStateChange(state: ConnectionState, reason?: unknown): void;
}

/**
 * How the client opens a link to a DC. The default uses @telets/transport over TCP; tests and
 * unusual environments inject their own.
 */
export type DcConnector = (params: DcConnectParams) => Promise<DcConnection>;
