// The whole-layer convenience functions: serialize / deserialize any object, read a function's
// result, type guards and constructor ids.
import { readAnyGuarded, readGzipPacked, writeAny } from './any';
import { TlDecodeError, TlTrailingDataError, TlWriteError } from './errors';
import { tlTables } from './generated/codec';
import type { ResultOf, TlByName, TlFunction, TlName, TlObject } from './generated/types';
import { ID_GZIP_PACKED } from './runtime/ids';
import { TlReaderBase } from './runtime/reader-base';
import { TlWriterBase } from './runtime/writer-base';

// serialize() is synchronous and never re-entered, so one scratch buffer serves every call. Small
// results are then copied into views of a shared slab, because allocating an ArrayBuffer per
// call costs more than encoding a typical request (the same trick as Node's Buffer pool). Slab
// bytes are handed out once and never reused, so results never alias each other.
let scratch: TlWriterBase | undefined;
const SLAB_BYTES = 64 * 1024;
const SLAB_MAX_RESULT = 4096;
let slab: Uint8Array | undefined;
let slabUsed = 0;

function takeFromSlab(src: Uint8Array, n: number): Uint8Array {
  if (slab === undefined || slabUsed + n > SLAB_BYTES) {
    slab = new Uint8Array(SLAB_BYTES);
    slabUsed = 0;
  }
  const out = new Uint8Array(slab.buffer, slabUsed, n);
  out.set(src.subarray(0, n));
  // Keep 8-byte alignment for views callers might make on the result.
  slabUsed += (n + 7) & ~7;
  return out;
}

/**
 * The boxed encoding (constructor id, then fields) of any constructor or function object. Small
 * results may share one underlying ArrayBuffer with other results (use `byteOffset`/`byteLength`
 * with `.buffer`), as Node's Buffers do.
 */
export function serialize(obj: TlObject): Uint8Array {
  scratch ??= new TlWriterBase(4096);
  const w = scratch.reset();
  try {
    writeAny(w, obj);
    const n = w.length;
    return n <= SLAB_MAX_RESULT ? takeFromSlab(w.bytesView(), n) : w.finish();
  } finally {
    // A huge object must not pin a huge scratch buffer forever.
    if (w.length > 1 << 20) scratch = undefined;
  }
}

/**
 * Reads one boxed object that must span all of `data` exactly: trailing bytes are rejected with
 * TlTrailingDataError (use `new TlReader(data).object()` to read a prefix). `gzip_packed` is
 * unpacked transparently.
 */
export function deserialize(data: Uint8Array): TlObject {
  const r = new TlReaderBase(data);
  const obj = readAnyGuarded(r);
  if (r.remaining() !== 0) throw new TlTrailingDataError(r.offset, r.remaining());
  return obj;
}

function readResultFrom(request: TlFunction, r: TlReaderBase): unknown {
  const name = (request as { _?: unknown } | null)?._;
  const { genericFunctionNames, resultReadersByName } = tlTables();
  if (typeof name === 'string' && genericFunctionNames.has(name)) {
    return readResultFrom((request as { query: TlFunction }).query, r);
  }
  const read = typeof name === 'string' ? resultReadersByName.get(name) : undefined;
  if (read === undefined) throw new TlWriteError(`'${String(name)}' is not a TL function`);
  const at = r.offset;
  if (r.remaining() >= 4 && r.uint() === ID_GZIP_PACKED) {
    return readGzipPacked(r, (inner) => readResultFrom(request, inner));
  }
  r.offset = at;
  return read(r);
}

/**
 * Reads the result of `request` (the body of its rpc_result) with the result's static type:
 * `Bool` results are booleans, `Vector<long>` results bigint arrays, generic wrappers such as
 * invokeWithLayer resolve to their query's result; `gzip_packed` is unpacked. With a Uint8Array
 * the result must span it exactly; with a reader, the reader advances past it.
 */
export function readResult<F extends TlFunction>(
  request: F,
  data: Uint8Array | TlReaderBase,
): ResultOf<F> {
  const r = data instanceof TlReaderBase ? data : new TlReaderBase(data);
  const at = r.offset;
  let value: unknown;
  try {
    value = readResultFrom(request, r);
  } catch (e) {
    if (e instanceof RangeError) throw new TlDecodeError('value nested too deeply', at);
    throw e;
  }
  if (!(data instanceof TlReaderBase) && r.remaining() !== 0) {
    throw new TlTrailingDataError(r.offset, r.remaining());
  }
  return value as ResultOf<F>;
}

/** Type guard: whether `x` is a TL object named `name` (`is('auth.sentCode', x)`). */
export function is<N extends TlName>(name: N, x: unknown): x is TlByName[N] {
  return typeof x === 'object' && x !== null && (x as { _?: unknown })._ === name;
}

/** The constructor id (unsigned 32-bit) of a TL object, or of a TL name. */
export function constructorIdOf(obj: TlObject | TlName): number {
  const name = typeof obj === 'string' ? obj : (obj as { _?: unknown } | null)?._;
  const id = typeof name === 'string' ? tlTables().idsByName.get(name) : undefined;
  if (id === undefined) throw new TlWriteError(`unknown TL name '${String(name)}'`);
  return id;
}

/** Whether `name` is a TL function (a request) of the bundled schema. */
export function isFunctionName(name: string): boolean {
  const t = tlTables();
  return t.resultReadersByName.has(name) || t.genericFunctionNames.has(name);
}
