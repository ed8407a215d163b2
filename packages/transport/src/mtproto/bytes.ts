/**
 * Byte helpers of the MTProto layer that @telets/crypto does not have (little-endian int64 and
 * fixed-width big-endian numbers); the general ones come from @telets/crypto.
 */

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
