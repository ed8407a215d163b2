import { TransportError } from '../framing/errors';

/** The connection was not established within `timeoutMs`. */
export class ConnectTimeoutError extends TransportError {
  override name = 'ConnectTimeoutError';
  readonly timeoutMs: number;

  constructor(address: string, timeoutMs: number) {
    super(`connecting to ${address} timed out after ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/** The connection is closed (or never opened); `cause` holds the underlying failure, if any. */
export class ConnectionClosedError extends TransportError {
  override name = 'ConnectionClosedError';
}
