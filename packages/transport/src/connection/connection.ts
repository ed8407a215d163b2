import type { ConnectionCodec, EncodeOptions, Frame } from '../framing/codec';
import { TransportError } from '../framing/errors';
import { ConnectionClosedError, ConnectTimeoutError } from './errors';

/** Stops a listener registered with `onPacket`, `onQuickAck` or `onClose`. */
export type Unsubscribe = () => void;

/**
 * A packet connection to one server. Packets are whole MTProto transport payloads; framing is
 * the codec's business. `onClose` fires exactly once per established connection: with
 * `undefined` after a local `close()`, otherwise with the reason (ConnectionClosedError for a
 * peer close or socket error, or the codec's TransportError, e.g. TransportCodeError -404).
 */
export interface Connection {
  connect(signal?: AbortSignal): Promise<void>;
  send(packet: Uint8Array, options?: EncodeOptions): void;
  onPacket(listener: (packet: Uint8Array) => void): Unsubscribe;
  onQuickAck(listener: (token: number) => void): Unsubscribe;
  onClose(listener: (reason: Error | undefined) => void): Unsubscribe;
  close(): void;
  readonly isConnected: boolean;
}

/**
 * A byte-level duplex (a TCP socket, a WebSocket, a proxy tunnel). `onData`/`onClose` are
 * registered once by the connection before any data can flow; `onClose` must fire once, with
 * an error when the stream failed.
 */
export interface ByteStream {
  write(bytes: Uint8Array): void;
  close(): void;
  onData(listener: (bytes: Uint8Array) => void): void;
  onClose(listener: (error: Error | undefined) => void): void;
}

/**
 * Opens a byte stream; must reject (and release everything) when `signal` aborts, with
 * `signal.reason`.
 */
export type OpenByteStream = (signal: AbortSignal) => Promise<ByteStream>;

export interface FramedConnectionOptions {
  readonly open: OpenByteStream;
  readonly codec: ConnectionCodec;
  /** Connect timeout; 0 or omitted means none. */
  readonly timeoutMs?: number;
  /** Shown in error messages, e.g. "149.154.167.51:443". */
  readonly address?: string;
  /** Timer injection for tests. */
  readonly setTimeout?: (callback: () => void, ms: number) => unknown;
  readonly clearTimeout?: (handle: unknown) => void;
}

type State = 'idle' | 'connecting' | 'open' | 'closed';

/**
 * Combines a ByteStream with a FrameCodec. Single use: after a close, make a new one (and a
 * new codec) to reconnect. A listener that throws closes the connection with that error as the
 * reason, rather than escaping into the socket's event loop.
 */
export class FramedConnection implements Connection {
  private state: State = 'idle';
  private stream: ByteStream | undefined;
  private readonly packetListeners = new Set<(packet: Uint8Array) => void>();
  private readonly quickAckListeners = new Set<(token: number) => void>();
  private readonly closeListeners = new Set<(reason: Error | undefined) => void>();
  private readonly address: string;
  private connectController: AbortController | undefined;

  constructor(private readonly options: FramedConnectionOptions) {
    this.address = options.address ?? 'server';
  }

  get isConnected(): boolean {
    return this.state === 'open';
  }

  async connect(signal?: AbortSignal): Promise<void> {
    if (this.state !== 'idle') {
      throw new ConnectionClosedError(`connect() was already called (state: ${this.state})`);
    }
    this.state = 'connecting';
    const controller = new AbortController();
    this.connectController = controller;
    const { timeoutMs = 0 } = this.options;
    const setTimer = this.options.setTimeout ?? setTimeout;
    const clearTimer =
      this.options.clearTimeout ??
      ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    const timer =
      timeoutMs > 0
        ? setTimer(
            () => controller.abort(new ConnectTimeoutError(this.address, timeoutMs)),
            timeoutMs,
          )
        : undefined;
    try {
      const stream = await openUnlessAborted(this.options.open, controller.signal);
      this.stream = stream;
      this.state = 'open';
      stream.onData((bytes) => this.receive(bytes));
      stream.onClose((error) => this.finish(this.peerCloseReason(error)));
    } catch (error) {
      this.state = 'closed';
      // Timeouts, closes and the caller's own abort reason pass through; socket failures are
      // wrapped so callers can match every connect failure as a TransportError.
      if (error instanceof TransportError || (signal?.aborted && error === signal.reason)) {
        throw error;
      }
      const detail = error instanceof Error ? error.message : String(error);
      throw new ConnectionClosedError(`connecting to ${this.address} failed: ${detail}`, {
        cause: error,
      });
    } finally {
      this.connectController = undefined;
      if (timer !== undefined) clearTimer(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  send(packet: Uint8Array, options?: EncodeOptions): void {
    if (this.state !== 'open' || !this.stream) {
      throw new ConnectionClosedError(`cannot send: the connection is ${this.state}`);
    }
    this.stream.write(this.options.codec.encode(packet, options));
  }

  onPacket(listener: (packet: Uint8Array) => void): Unsubscribe {
    this.packetListeners.add(listener);
    return () => this.packetListeners.delete(listener);
  }

  onQuickAck(listener: (token: number) => void): Unsubscribe {
    this.quickAckListeners.add(listener);
    return () => this.quickAckListeners.delete(listener);
  }

  onClose(listener: (reason: Error | undefined) => void): Unsubscribe {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): void {
    if (this.state === 'connecting') {
      this.connectController?.abort(
        new ConnectionClosedError('the connection was closed while connecting'),
      );
      return;
    }
    if (this.state === 'idle') {
      this.state = 'closed';
      return;
    }
    this.finish(undefined);
  }

  private peerCloseReason(error: Error | undefined): ConnectionClosedError {
    return error
      ? new ConnectionClosedError(`connection to ${this.address} failed: ${error.message}`, {
          cause: error,
        })
      : new ConnectionClosedError(`${this.address} closed the connection`);
  }

  private receive(bytes: Uint8Array): void {
    if (this.state !== 'open') return;
    let frames: Frame[];
    try {
      frames = this.options.codec.decodeFrames(bytes);
    } catch (error) {
      this.finish(asError(error));
      return;
    }
    for (const frame of frames) {
      if (this.state !== 'open') return;
      try {
        if (frame.type === 'packet') {
          for (const listener of this.packetListeners) listener(frame.payload);
        } else {
          for (const listener of this.quickAckListeners) listener(frame.token);
        }
      } catch (error) {
        this.finish(asError(error));
        return;
      }
    }
  }

  private finish(reason: Error | undefined): void {
    if (this.state !== 'open') return;
    this.state = 'closed';
    const stream = this.stream;
    this.stream = undefined;
    try {
      stream?.close();
    } catch {
      // The stream is being discarded; a failure to close it changes nothing for the caller.
    }
    for (const listener of this.closeListeners) {
      try {
        listener(reason);
      } catch {
        // A throwing close listener must not stop the others nor escape into the event loop.
      }
    }
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new TransportError(String(error));
}

/**
 * Opens the stream, rejecting with `signal.reason` as soon as the signal aborts; a stream that
 * arrives after the abort is closed instead of leaking.
 */
function openUnlessAborted(open: OpenByteStream, signal: AbortSignal): Promise<ByteStream> {
  return new Promise<ByteStream>((resolve, reject) => {
    let isSettled = false;
    const onAbort = (): void => {
      if (isSettled) return;
      isSettled = true;
      reject(signal.reason);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    let opening: Promise<ByteStream>;
    try {
      opening = open(signal);
    } catch (error) {
      opening = Promise.reject(error);
    }
    opening.then(
      (stream) => {
        signal.removeEventListener('abort', onAbort);
        if (isSettled) {
          stream.close();
          return;
        }
        isSettled = true;
        resolve(stream);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        if (isSettled) return;
        isSettled = true;
        reject(error);
      },
    );
  });
}
