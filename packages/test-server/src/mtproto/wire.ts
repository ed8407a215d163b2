// Little-endian helpers and the constructor ids of the hand-parsed MTProto messages.

export const ID = {
  rpcResult: 0xf35c6d01,
  msgContainer: 0x73f1f8dc,
  msgCopy: 0xe06046b2,
  gzipPacked: 0x3072cfa1,
  invokeWithLayer: 0xda9b0d0d,
} as const;

export function readUint32(data: Uint8Array, offset: number): number {
  return (
    (data[offset] |
      (data[offset + 1] << 8) |
      (data[offset + 2] << 16) |
      (data[offset + 3] << 24)) >>>
    0
  );
}

export function readInt32(data: Uint8Array, offset: number): number {
  return readUint32(data, offset) | 0;
}

export function readInt64(data: Uint8Array, offset: number): bigint {
  const lo = BigInt(readUint32(data, offset));
  const hi = BigInt(readUint32(data, offset + 4));
  return BigInt.asIntN(64, (hi << 32n) | lo);
}

export function writeUint32(data: Uint8Array, offset: number, value: number): void {
  data[offset] = value & 0xff;
  data[offset + 1] = (value >>> 8) & 0xff;
  data[offset + 2] = (value >>> 16) & 0xff;
  data[offset + 3] = (value >>> 24) & 0xff;
}

export function writeInt64(data: Uint8Array, offset: number, value: bigint): void {
  const v = BigInt.asUintN(64, value);
  writeUint32(data, offset, Number(v & 0xffffffffn));
  writeUint32(data, offset + 4, Number(v >> 32n));
}

/** The constructor id at the start of a body, or -1 when it is too short. */
export function peekId(body: Uint8Array): number {
  return body.length < 4 ? -1 : readUint32(body, 0);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
