import { type CryptoProvider, decryptMessage, encryptMessage } from '@telets/crypto';
import { readInt32, readInt64, writeInt64, writeUint32 } from './wire.js';

/** One decrypted MTProto 2.0 message. */
export interface Envelope {
  salt: bigint;
  sessionId: bigint;
  msgId: bigint;
  seqNo: number;
  body: Uint8Array;
}

/** A decrypted client packet: the envelope and the padded plaintext it came from. */
export interface OpenedPacket extends Envelope {
  padded: Uint8Array;
}

const HEADER_BYTES = 32;

/** Why a client packet was refused before its content was looked at. */
export class EnvelopeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EnvelopeError';
  }
}

/** Decrypts a client packet (x = 0) and checks its length and padding bounds. */
export function openClientPacket(
  c: CryptoProvider,
  authKey: Uint8Array,
  packet: Uint8Array,
): OpenedPacket {
  // Padded intermediate may append up to 15 random bytes after the ciphertext.
  const usable = 24 + ((packet.length - 24) & ~15);
  let plain: Uint8Array;
  try {
    plain = decryptMessage(c, authKey, packet.subarray(0, Math.max(usable, 0)), false);
  } catch (error) {
    throw new EnvelopeError('the packet does not decrypt under its auth key', { cause: error });
  }
  if (plain.length < HEADER_BYTES)
    throw new EnvelopeError('the message is shorter than its header');
  const length = readInt32(plain, 28);
  const padding = plain.length - HEADER_BYTES - length;
  if (length < 0 || length % 4 !== 0 || padding < 12 || padding > 1024) {
    throw new EnvelopeError(`message_data_length ${length} does not fit the plaintext`);
  }
  return {
    salt: readInt64(plain, 0),
    sessionId: readInt64(plain, 8),
    msgId: readInt64(plain, 16),
    seqNo: readInt32(plain, 24),
    body: plain.subarray(HEADER_BYTES, HEADER_BYTES + length),
    padded: plain,
  };
}

/**
 * The quick-ack token of a client message (MTProto 2.0): the first 32 bits of
 * SHA256(auth_key[88..120] ‖ padded plaintext), i.e. of msg_key_large, with the top bit set.
 */
export function quickAckToken(c: CryptoProvider, authKey: Uint8Array, padded: Uint8Array): number {
  const input = new Uint8Array(32 + padded.length);
  input.set(authKey.subarray(88, 120), 0);
  input.set(padded, 32);
  const large = c.sha256(input);
  return (large[0] | (large[1] << 8) | (large[2] << 16) | (large[3] << 24) | 0x80000000) >>> 0;
}

/** Encrypts a server message (x = 8). */
export function sealServerPacket(
  c: CryptoProvider,
  authKey: Uint8Array,
  envelope: Envelope,
  random?: (n: number) => Uint8Array,
): Uint8Array {
  const plain = new Uint8Array(HEADER_BYTES + envelope.body.length);
  writeInt64(plain, 0, envelope.salt);
  writeInt64(plain, 8, envelope.sessionId);
  writeInt64(plain, 16, envelope.msgId);
  writeUint32(plain, 24, envelope.seqNo);
  writeUint32(plain, 28, envelope.body.length);
  plain.set(envelope.body, HEADER_BYTES);
  return encryptMessage(c, authKey, plain, true, random);
}
