/**
 * MTProto 2.0 message envelope for either role: builds and encrypts
 * `salt, session_id, msg_id, seq_no, message_data_length, message_data, padding`, and decrypts
 * with the checks of core.telegram.org/mtproto/security_guidelines that need no session state
 * (auth_key_id, msg_key, length and padding bounds, msg_id parity). The session id, the time
 * window and duplicates are checked by the session that owns the codec.
 */
import {
  authKeyId,
  bytesEqual,
  type CryptoProvider,
  messageAesKeyIv,
  messagePaddingLength,
  msgKeyFor,
} from '@telets/crypto';
import { readInt64LE, writeInt64LE } from './bytes.js';
import { SecurityError } from './errors.js';

export type Role = 'client' | 'server';

export interface Envelope {
  salt: bigint;
  sessionId: bigint;
  msgId: bigint;
  seqNo: number;
  body: Uint8Array;
}

export interface EncryptedCodecOptions {
  crypto: CryptoProvider;
  authKey: Uint8Array;
  role: Role;
  /** Source of padding bytes; defaults to crypto.randomBytes. */
  random?: (n: number) => Uint8Array;
}

/** salt(8) + session_id(8) + msg_id(8) + seq_no(4) + length(4). */
export const ENVELOPE_HEADER_BYTES = 32;
const PACKET_HEADER_BYTES = 24;
const MIN_PADDING = 12;
const MAX_PADDING = 1024;

export class EncryptedCodec {
  readonly role: Role;
  /** auth_key_id in wire order (8 bytes). */
  readonly authKeyId: Uint8Array;
  private readonly crypto: CryptoProvider;
  private readonly authKey: Uint8Array;
  private readonly random: (n: number) => Uint8Array;

  constructor(options: EncryptedCodecOptions) {
    if (options.authKey.length !== 256) throw new RangeError('auth key must be 256 bytes');
    this.crypto = options.crypto;
    this.authKey = options.authKey;
    this.role = options.role;
    this.random = options.random ?? ((n) => options.crypto.randomBytes(n));
    this.authKeyId = authKeyId(options.crypto, options.authKey);
  }

  encrypt(envelope: Envelope): Uint8Array {
    const plain = new Uint8Array(ENVELOPE_HEADER_BYTES + envelope.body.length);
    const view = new DataView(plain.buffer);
    writeInt64LE(plain, 0, envelope.salt);
    writeInt64LE(plain, 8, envelope.sessionId);
    writeInt64LE(plain, 16, envelope.msgId);
    view.setInt32(24, envelope.seqNo, true);
    view.setInt32(28, envelope.body.length, true);
    plain.set(envelope.body, ENVELOPE_HEADER_BYTES);
    // Same as @telets/crypto's encryptMessage, written out so the auth_key_id (a SHA-1 of the
    // key) is computed once per codec instead of once per message.
    const paddingLength = messagePaddingLength(plain.length);
    const padded = new Uint8Array(plain.length + paddingLength);
    padded.set(plain);
    padded.set(this.random(paddingLength), plain.length);
    const isFromServer = this.role === 'server';
    const msgKey = msgKeyFor(this.crypto, this.authKey, padded, isFromServer);
    const { key, iv } = messageAesKeyIv(this.crypto, this.authKey, msgKey, isFromServer);
    const encrypted = this.crypto.aesIgeEncrypt(padded, key, iv);
    const packet = new Uint8Array(PACKET_HEADER_BYTES + encrypted.length);
    packet.set(this.authKeyId, 0);
    packet.set(msgKey, 8);
    packet.set(encrypted, PACKET_HEADER_BYTES);
    return packet;
  }

  /** Decrypts and checks a packet from the other side; throws SecurityError on any failure. */
  decrypt(packet: Uint8Array): Envelope {
    if (packet.length < PACKET_HEADER_BYTES + 48) {
      throw new SecurityError('length', `encrypted packet of ${packet.length} bytes is too short`);
    }
    if (!bytesEqual(packet.subarray(0, 8), this.authKeyId)) {
      throw new SecurityError('auth_key_id', 'the packet is for another auth key');
    }
    // The padded intermediate transport may append 0-15 random bytes: keep whole AES blocks.
    const usable = PACKET_HEADER_BYTES + ((packet.length - PACKET_HEADER_BYTES) & ~15);
    const isFromServer = this.role === 'client';
    const msgKey = packet.subarray(8, PACKET_HEADER_BYTES);
    const { key, iv } = messageAesKeyIv(this.crypto, this.authKey, msgKey, isFromServer);
    const plain = this.crypto.aesIgeDecrypt(packet.subarray(PACKET_HEADER_BYTES, usable), key, iv);
    // security_guidelines: msg_key is verified before anything in the plaintext is looked at.
    if (!bytesEqual(msgKeyFor(this.crypto, this.authKey, plain, isFromServer), msgKey)) {
      throw new SecurityError('msg_key', 'the message does not decrypt under this auth key');
    }
    const view = new DataView(plain.buffer, plain.byteOffset, plain.byteLength);
    const length = view.getInt32(28, true);
    const padding = plain.length - ENVELOPE_HEADER_BYTES - length;
    if (length < 0 || length % 4 !== 0 || padding < MIN_PADDING || padding > MAX_PADDING) {
      throw new SecurityError('length', `message length ${length} does not fit the plaintext`);
    }
    const msgId = readInt64LE(plain, 16);
    const expectsOdd = this.role === 'client';
    if (expectsOdd ? (msgId & 1n) !== 1n : (msgId & 3n) !== 0n) {
      throw new SecurityError('msg_id', 'msg_id has the wrong parity for its sender');
    }
    return {
      salt: readInt64LE(plain, 0),
      sessionId: readInt64LE(plain, 8),
      msgId,
      seqNo: view.getInt32(24, true),
      body: plain.subarray(ENVELOPE_HEADER_BYTES, ENVELOPE_HEADER_BYTES + length),
    };
  }
}
