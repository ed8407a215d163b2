import { writeAny } from './any';
import type { TlObject } from './generated/types';
import { TlWriterBase } from './runtime/writer-base';

/** Growable writer: the TL primitives of TlWriterBase plus `object()` for any boxed object. */
export class TlWriter extends TlWriterBase {
  /** Writes any constructor or function object, boxed (its id, then its fields). */
  object(o: TlObject): this {
    writeAny(this, o);
    return this;
  }
}
