import { Inflate, gzip as pakoGzip } from 'pako';
import { TlDecodeError, TlLengthError } from '../errors';

/** Default ceiling for `gunzip`: generous for any Telegram answer, small enough to stop a bomb. */
export const DEFAULT_GUNZIP_MAX_BYTES = 64 * 1024 * 1024;

/** gzip-compresses bytes (for `gzip_packed`). */
export function gzip(data: Uint8Array): Uint8Array {
  return pakoGzip(data);
}

class LimitExceeded {
  constructor(readonly produced: number) {}
}

/**
 * Inflates gzip (or zlib) data, stopping with TlLengthError as soon as the output would pass
 * `maxBytes`, so a small compression bomb cannot allocate unbounded memory.
 */
export function gunzip(data: Uint8Array, maxBytes: number = DEFAULT_GUNZIP_MAX_BYTES): Uint8Array {
  const inflate = new Inflate({ chunkSize: 64 * 1024 });
  const chunks: Uint8Array[] = [];
  let produced = 0;
  inflate.onData = (chunk: Uint8Array): void => {
    produced += chunk.length;
    if (produced > maxBytes) throw new LimitExceeded(produced);
    chunks.push(chunk);
  };
  inflate.onEnd = (): void => {};
  try {
    inflate.push(data, true);
  } catch (e) {
    if (e instanceof LimitExceeded) {
      throw new TlLengthError('gzip output', 0, e.produced, maxBytes);
    }
    throw new TlDecodeError(`invalid gzip data (${(e as Error).message})`, 0);
  }
  if (inflate.err !== 0 || !inflate.ended) {
    throw new TlDecodeError(`invalid gzip data (${inflate.msg || 'stream did not end'})`, 0);
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(produced);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
