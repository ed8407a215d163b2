import { connect as netConnect, type Socket } from 'node:net';
import type { ConnectionCodec } from '../framing/codec';
import { type ByteStream, FramedConnection, type OpenByteStream } from './connection';

/** Wraps a connected node:net socket as a ByteStream. */
export function socketByteStream(socket: Socket): ByteStream {
  let closeListener: ((error: Error | undefined) => void) | undefined;
  let failure: Error | undefined;
  let isClosed = false;
  const emitClose = (): void => {
    if (isClosed) return;
    isClosed = true;
    closeListener?.(failure);
  };
  // An 'error' listener is always attached so no socket error is ever uncaught.
  socket.on('error', (error) => {
    failure ??= error;
  });
  socket.on('close', emitClose);
  return {
    write(bytes) {
      if (!socket.destroyed) socket.write(bytes);
    },
    close() {
      isClosed = true;
      socket.destroy();
    },
    onData(listener) {
      socket.on('data', listener);
    },
    onClose(listener) {
      closeListener = listener;
      if (socket.destroyed) emitClose();
    },
  };
}

/** A node:net opener for FramedConnection (TCP_NODELAY on, aborted with the signal). */
export function openTcpStream(host: string, port: number): OpenByteStream {
  return (signal) =>
    new Promise<ByteStream>((resolve, reject) => {
      const socket = netConnect({ host, port, noDelay: true });
      const onAbort = (): void => {
        socket.destroy();
        reject(signal.reason);
      };
      const onError = (error: Error): void => {
        signal.removeEventListener('abort', onAbort);
        socket.destroy();
        reject(error);
      };
      socket.once('error', onError);
      socket.once('connect', () => {
        signal.removeEventListener('abort', onAbort);
        socket.off('error', onError);
        resolve(socketByteStream(socket));
      });
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
}

export interface TcpConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly codec: ConnectionCodec;
  /** Connect timeout in milliseconds; 0 or omitted means none. */
  readonly timeoutMs?: number;
}

/** A TCP FramedConnection that is not connected yet (call `connect()`). */
export function createTcpConnection(options: TcpConnectionOptions): FramedConnection {
  return new FramedConnection({
    open: openTcpStream(options.host, options.port),
    codec: options.codec,
    timeoutMs: options.timeoutMs,
    address: `${options.host}:${options.port}`,
  });
}

/**
 * Opens a TCP FramedConnection; rejects with ConnectTimeoutError, the signal's reason, or a
 * ConnectionClosedError whose `cause` is the socket error.
 */
export async function connectTcp(
  options: TcpConnectionOptions & { signal?: AbortSignal },
): Promise<FramedConnection> {
  const connection = createTcpConnection(options);
  await connection.connect(options.signal);
  return connection;
}
