import { InvalidKeyLengthError } from './errors';

/** Concatenates byte arrays into a new one. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Constant-time equality (for comparing hashes / msg_keys). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** XOR of two equal-length arrays. */
export function xorBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] ^ b[i];
  return out;
}

/** Big-endian unsigned bytes to bigint. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += HEX[bytes[i]];
  return hex === '' ? 0n : BigInt(`0x${hex}`);
}

/**
 * bigint to big-endian bytes: minimal encoding when `length` is omitted (0 encodes as one zero
 * byte), otherwise left-padded to exactly `length` bytes.
 */
export function bigIntToBytes(value: bigint, length?: number): Uint8Array {
  if (value < 0n) throw new RangeError('negative numbers have no unsigned encoding');
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const minimal = hex.length / 2;
  const size = length ?? minimal;
  if (minimal > size) throw new RangeError(`number does not fit in ${size} bytes`);
  const out = new Uint8Array(size);
  const start = size - minimal;
  for (let i = 0; i < minimal; i++)
    out[start + i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += HEX[bytes[i]];
  return hex;
}

/** Bytes from hex (whitespace ignored). */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 || /[^0-9a-fA-F]/.test(clean)) throw new RangeError('invalid hex string');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Strips leading zero bytes (keeps at least one byte). */
export function stripLeadingZeros(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

export function assertLength(what: string, bytes: Uint8Array, expected: number): void {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`${what} must be a Uint8Array`);
  if (bytes.length !== expected) throw new InvalidKeyLengthError(what, expected, bytes.length);
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
