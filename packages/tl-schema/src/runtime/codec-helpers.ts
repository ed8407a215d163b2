// Small helpers the generated readers and writers share. Each is a plain exported function or
// constant so a bundler keeps only what the reached generated code uses.
import { TlUnknownConstructorError, TlWriteError } from '../errors';
import type { TlReaderBase } from './reader-base';
import type { TlWriterBase } from './writer-base';

export function readVector<T>(r: TlReaderBase, read: (r: TlReaderBase) => T, isBare: boolean): T[] {
  const n = isBare ? r.count() : r.vector();
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(read(r));
  return out;
}

export function writeVector<T>(
  w: TlWriterBase,
  values: readonly T[],
  write: (w: TlWriterBase, v: T) => void,
  isBare: boolean,
): void {
  if (!Array.isArray(values)) {
    throw new TlWriteError(`expected an array, got ${values === null ? 'null' : typeof values}`);
  }
  if (isBare) w.int(values.length);
  else w.vector(values.length);
  for (let i = 0; i < values.length; i++) write(w, values[i]);
}

export function unknownConstructor(id: number, offset: number, typeName: string): never {
  throw new TlUnknownConstructorError(id, offset, typeName);
}

export function wrongConstructor(o: unknown, typeName: string): never {
  const name =
    typeof o === 'object' && o !== null && typeof (o as { _?: unknown })._ === 'string'
      ? `'${(o as { _: string })._}'`
      : o === null
        ? 'null'
        : typeof o;
  throw new TlWriteError(`${name} is not a constructor of ${typeName}`);
}

export const readIntElement = (r: TlReaderBase): number => r.int();
export const readLongElement = (r: TlReaderBase): bigint => r.long();
export const readDoubleElement = (r: TlReaderBase): number => r.double();
export const readStringElement = (r: TlReaderBase): string => r.string();
export const readBytesElement = (r: TlReaderBase): Uint8Array => r.bytes();
export const readInt128Element = (r: TlReaderBase): Uint8Array => r.int128();
export const readInt256Element = (r: TlReaderBase): Uint8Array => r.int256();
export const readBoolElement = (r: TlReaderBase): boolean => r.bool();

export const writeIntElement = (w: TlWriterBase, v: number): void => void w.int(v);
export const writeLongElement = (w: TlWriterBase, v: bigint): void => void w.long(v);
export const writeDoubleElement = (w: TlWriterBase, v: number): void => void w.double(v);
export const writeStringElement = (w: TlWriterBase, v: string): void => void w.string(v);
export const writeBytesElement = (w: TlWriterBase, v: Uint8Array): void => void w.bytes(v);
export const writeInt128Element = (w: TlWriterBase, v: Uint8Array): void => void w.int128(v);
export const writeInt256Element = (w: TlWriterBase, v: Uint8Array): void => void w.int256(v);
export const writeBoolElement = (w: TlWriterBase, v: boolean): void => void w.bool(v);
