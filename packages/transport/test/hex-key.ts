/** Hex of a byte array, for map keys in tests. */
export function bytesToHexKey(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}
