/** Small byte helpers shared by the MTProto layer (Uint8Array only, no Buffer). */

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Constant-time for equal lengths, so comparing hashes leaks nothing through timing. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export function readInt64LE(data: Uint8Array, offset: number): bigint {
  return new DataView(data.buffer, data.byteOffset, data.byteLength).getBigInt64(offset, true);
}

export function writeInt64LE(target: Uint8Array, offset: number, value: bigint): void {
  new DataView(target.buffer, target.byteOffset, target.byteLength).setBigInt64(
    offset,
    BigInt.asIntN(64, value),
    true,
  );
}

export function int64ToBytesLE(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  writeInt64LE(out, 0, value);
  return out;
}

/** Big-endian unsigned bytes to bigint (for p, q, pq). */
export function bytesToBigIntBE(data: Uint8Array): bigint {
  let value = 0n;
  for (const byte of data) value = (value << 8n) | BigInt(byte);
  return value;
}

/** Minimal big-endian encoding of a non-negative bigint (0 encodes as one zero byte). */
export function bigIntToBytesBE(value: bigint): Uint8Array {
  if (value < 0n) throw new RangeError('negative value');
  const hex = value.toString(16);
  const padded = hex.length % 2 === 0 ? hex : `0${hex}`;
  const out = new Uint8Array(padded.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(padded.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Left-pads (or strips leading zeros of) a big-endian number to exactly `length` bytes. */
export function toFixedBE(data: Uint8Array, length: number): Uint8Array {
  let start = 0;
  while (start < data.length - length && data[start] === 0) start++;
  const trimmed = data.subarray(start);
  if (trimmed.length > length) throw new RangeError(`number does not fit in ${length} bytes`);
  const out = new Uint8Array(length);
  out.set(trimmed, length - trimmed.length);
  return out;
}
