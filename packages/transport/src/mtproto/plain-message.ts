/**
 * Unencrypted messages (used only by the auth-key exchange): auth_key_id = 0 (8 bytes),
 * msg_id (8), message_data_length (4), message_data.
 */
import { readInt64LE, writeInt64LE } from './bytes.js';
import { SecurityError } from './errors.js';

export const PLAIN_HEADER_BYTES = 20;

export function encodePlainMessage(msgId: bigint, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(PLAIN_HEADER_BYTES + body.length);
  writeInt64LE(out, 8, msgId);
  new DataView(out.buffer).setInt32(16, body.length, true);
  out.set(body, PLAIN_HEADER_BYTES);
  return out;
}

/** True when the packet starts with a zero auth_key_id (a plain message). */
export function isPlainPacket(packet: Uint8Array): boolean {
  if (packet.length < 8) return false;
  for (let i = 0; i < 8; i++) if (packet[i] !== 0) return false;
  return true;
}

export function decodePlainMessage(packet: Uint8Array): { msgId: bigint; body: Uint8Array } {
  if (packet.length < PLAIN_HEADER_BYTES || !isPlainPacket(packet)) {
    throw new SecurityError('plain', 'not a plain message');
  }
  const length = new DataView(packet.buffer, packet.byteOffset, packet.byteLength).getInt32(
    16,
    true,
  );
  // The padded intermediate transport may append 0-15 random bytes after the message.
  const slack = packet.length - PLAIN_HEADER_BYTES - length;
  if (length < 0 || slack < 0 || slack > 15) {
    throw new SecurityError('plain', `declared length ${length} does not match the packet`);
  }
  return {
    msgId: readInt64LE(packet, 8),
    body: packet.subarray(PLAIN_HEADER_BYTES, PLAIN_HEADER_BYTES + length),
  };
}
