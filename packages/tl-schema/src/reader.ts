import { readAnyGuarded } from './any';
import type { TlObject } from './generated/types';
import { TlReaderBase } from './runtime/reader-base';

/**
 * Bounds-checked reader over a Uint8Array: the TL primitives of TlReaderBase plus `object()`,
 * which reads a boxed value of any constructor or function of api.tl or mtproto.tl.
 */
export class TlReader extends TlReaderBase {
  /** A boxed object of any known constructor or function (`gzip_packed` is unpacked). */
  object(): TlObject {
    return readAnyGuarded(this);
  }
}
