import { assertLength, bytesEqual, concatBytes } from './bytes';
import { AuthKeyIdMismatchError, InvalidDataLengthError, MsgKeyMismatchError } from './errors';
import type { CryptoProvider, RandomSource } from './provider';

function checkAuthKey(authKey: Uint8Array): void {
  assertLength('auth key', authKey, 256);
}

/** auth_key_id: the low 64 bits of SHA-1(auth_key), i.e. its last 8 bytes, in wire order. */
export function authKeyId(c: CryptoProvider, authKey: Uint8Array): Uint8Array {
  checkAuthKey(authKey);
  return c.sha1(authKey).slice(12, 20);
}

/** auth_key_aux_hash: the high 64 bits of SHA-1(auth_key) (its first 8 bytes). */
export function authKeyAuxHash(c: CryptoProvider, authKey: Uint8Array): Uint8Array {
  checkAuthKey(authKey);
  return c.sha1(authKey).slice(0, 8);
}

/** MTProto 2.0 msg_key: bytes 8..24 of SHA-256(auth_key[88+x : 120+x] + padded plaintext). */
export function msgKeyFor(
  c: CryptoProvider,
  authKey: Uint8Array,
  paddedPlaintext: Uint8Array,
  fromServer: boolean,
): Uint8Array {
  checkAuthKey(authKey);
  const x = fromServer ? 8 : 0;
  return c.sha256(concatBytes(authKey.subarray(88 + x, 120 + x), paddedPlaintext)).slice(8, 24);
}

/** MTProto 2.0 AES key and iv for a message (x = 0 client to server, x = 8 server to client). */
export function messageAesKeyIv(
  c: CryptoProvider,
  authKey: Uint8Array,
  msgKey: Uint8Array,
  fromServer: boolean,
): { key: Uint8Array; iv: Uint8Array } {
  checkAuthKey(authKey);
  assertLength('msg_key', msgKey, 16);
  const x = fromServer ? 8 : 0;
  const a = c.sha256(concatBytes(msgKey, authKey.subarray(x, x + 36)));
  const b = c.sha256(concatBytes(authKey.subarray(40 + x, 76 + x), msgKey));
  const key = concatBytes(a.subarray(0, 8), b.subarray(8, 24), a.subarray(24, 32));
  const iv = concatBytes(b.subarray(0, 8), a.subarray(8, 24), b.subarray(24, 32));
  return { key, iv };
}

/** Padding length: 12..27 bytes so that the total is a multiple of 16. */
export function messagePaddingLength(plaintextLength: number): number {
  const pad = 16 - (plaintextLength % 16);
  return pad < 12 ? pad + 16 : pad;
}

/**
 * Encrypts an MTProto 2.0 message: returns auth_key_id(8) + msg_key(16) + ciphertext, the
 * plaintext followed by 12–27 random padding bytes (from `random`, default c.randomBytes).
 */
export function encryptMessage(
  c: CryptoProvider,
  authKey: Uint8Array,
  plaintext: Uint8Array,
  fromServer: boolean,
  random: RandomSource = c.randomBytes,
): Uint8Array {
  checkAuthKey(authKey);
  const padding = random(messagePaddingLength(plaintext.length));
  const padded = concatBytes(plaintext, padding);
  const msgKey = msgKeyFor(c, authKey, padded, fromServer);
  const { key, iv } = messageAesKeyIv(c, authKey, msgKey, fromServer);
  return concatBytes(authKeyId(c, authKey), msgKey, c.aesIgeEncrypt(padded, key, iv));
}

/**
 * Decrypts an MTProto 2.0 packet (auth_key_id + msg_key + ciphertext) sent in the direction
 * `fromServer`, after checking auth_key_id, the ciphertext length and msg_key. Returns the padded
 * plaintext (the caller reads message_data_length from it).
 */
export function decryptMessage(
  c: CryptoProvider,
  authKey: Uint8Array,
  packet: Uint8Array,
  fromServer: boolean,
): Uint8Array {
  checkAuthKey(authKey);
  const bodyLength = packet.length - 24;
  if (bodyLength < 16 || bodyLength % 16 !== 0)
    throw new InvalidDataLengthError(
      `encrypted message must be 24 bytes of header plus a non-empty multiple of 16, got ${packet.length} bytes`,
    );
  if (!bytesEqual(packet.subarray(0, 8), authKeyId(c, authKey))) throw new AuthKeyIdMismatchError();
  const msgKey = packet.subarray(8, 24);
  const { key, iv } = messageAesKeyIv(c, authKey, msgKey, fromServer);
  const padded = c.aesIgeDecrypt(packet.subarray(24), key, iv);
  if (!bytesEqual(msgKeyFor(c, authKey, padded, fromServer), msgKey))
    throw new MsgKeyMismatchError();
  return padded;
}
