// The reader/writer primitives the schema codec needs. @telets/tl-schema's TlReader/TlWriter
// satisfy these structurally; the codec takes factories so it is independent of their classes.

export interface TlWriterLike {
  int(v: number): unknown;
  uint(v: number): unknown;
  long(v: bigint): unknown;
  double(v: number): unknown;
  int128(v: Uint8Array): unknown;
  int256(v: Uint8Array): unknown;
  bytes(v: Uint8Array): unknown;
  string(v: string): unknown;
  raw(v: Uint8Array): unknown;
  finish(): Uint8Array;
}

export interface TlReaderLike {
  offset: number;
  int(): number;
  uint(): number;
  long(): bigint;
  double(): number;
  int128(): Uint8Array;
  int256(): Uint8Array;
  bytes(): Uint8Array;
  string(): string;
  raw(n: number): Uint8Array;
  remaining(): number;
}

export interface BinaryFactory {
  reader(data: Uint8Array, offset?: number): TlReaderLike;
  writer(): TlWriterLike;
}
