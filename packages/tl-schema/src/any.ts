// Whole-layer dispatch: reading any boxed object by its id and writing any object by its `_`.
// Importing this pulls in every generated reader/writer, which is why the per-type readers and
// writers do not depend on it (only the generic `!X` queries do).
import {
  TlDecodeError,
  TlTrailingDataError,
  TlUnknownConstructorError,
  TlWriteError,
} from './errors';
import { tlTables } from './generated/codec';
import type { TlFunction, TlObject } from './generated/types';
import { gunzip } from './runtime/gzip';
import { ID_GZIP_PACKED, ID_VECTOR } from './runtime/ids';
import { TlReaderBase } from './runtime/reader-base';
import type { TlWriterBase } from './runtime/writer-base';

/** Reads the packed body of a `gzip_packed` whose id was already consumed. */
export function readGzipPacked<T>(r: TlReaderBase, read: (inner: TlReaderBase) => T): T {
  const inner = new TlReaderBase(gunzip(r.bytes()));
  const value = read(inner);
  if (inner.remaining() !== 0) throw new TlTrailingDataError(inner.offset, inner.remaining());
  return value;
}

/** Reads one boxed object of any constructor or function; `gzip_packed` is unpacked. */
export function readAny(r: TlReaderBase): TlObject {
  const at = r.offset;
  const id = r.uint();
  const read = tlTables().readersById.get(id);
  if (read !== undefined) return read(r);
  if (id === ID_GZIP_PACKED) return readGzipPacked(r, readAny);
  if (id === ID_VECTOR) {
    throw new TlDecodeError('a boxed vector cannot be read without its element type', at);
  }
  throw new TlUnknownConstructorError(id, at);
}

/** readAny, rethrowing a stack overflow on absurdly nested input as a TlDecodeError. */
export function readAnyGuarded(r: TlReaderBase): TlObject {
  const at = r.offset;
  try {
    return readAny(r);
  } catch (e) {
    if (e instanceof RangeError) throw new TlDecodeError('value nested too deeply', at);
    throw e;
  }
}

/** The `!X` query of a generic function: any boxed function object. */
export function readAnyFunction(r: TlReaderBase): TlFunction {
  const at = r.offset;
  const o = readAny(r);
  const t = tlTables();
  if (!t.resultReadersByName.has(o._) && !t.genericFunctionNames.has(o._)) {
    throw new TlDecodeError(`expected a function (request), got constructor '${o._}'`, at);
  }
  return o as TlFunction;
}

/** Writes any constructor or function object, boxed. */
export function writeAny(w: TlWriterBase, o: TlObject): void {
  const name = typeof o === 'object' && o !== null ? (o as { _?: unknown })._ : undefined;
  const t = tlTables();
  const write = typeof name === 'string' ? t.bodyWritersByName.get(name) : undefined;
  if (write === undefined) {
    throw new TlWriteError(
      typeof name === 'string'
        ? `unknown TL name '${name}'`
        : 'expected a TL object with a `_` name',
    );
  }
  w.uint(t.idsByName.get(name as string) as number);
  write(w, o);
}
