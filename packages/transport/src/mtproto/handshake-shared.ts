/**
 * Pieces of the auth-key exchange (core.telegram.org/mtproto/auth_key) that the client and the
 * server half share: the SHA1-prefixed AES-IGE envelope of steps 5 and 6 and the server salt.
 */
import { bytesEqual, type CryptoProvider, concatBytes, initialServerSalt } from '@telets/crypto';
import { readInt64LE } from './bytes.js';
import { SecurityError } from './errors.js';

/** server_salt := substr(new_nonce, 0, 8) XOR substr(server_nonce, 0, 8), as a signed long. */
export function serverSaltFromNonces(newNonce: Uint8Array, serverNonce: Uint8Array): bigint {
  return readInt64LE(initialServerSalt(newNonce, serverNonce), 0);
}

/** `SHA1(data) + data + (0-15 random bytes)` to a multiple of 16, then AES-256-IGE. */
export function encryptWithHash(
  crypto: CryptoProvider,
  data: Uint8Array,
  key: Uint8Array,
  iv: Uint8Array,
  random: (n: number) => Uint8Array,
): Uint8Array {
  const length = 20 + data.length;
  const paddingLength = (16 - (length % 16)) % 16;
  const plain = concatBytes(crypto.sha1(data), data, random(paddingLength));
  return crypto.aesIgeEncrypt(plain, key, iv);
}

/**
 * Reverses encryptWithHash: decrypts, reads one TL object after the hash with `decode` (which
 * reports how many bytes it used), and checks that the hash covers exactly that object and that
 * 0-15 bytes of padding follow.
 */
export function decryptWithHash<T>(
  crypto: CryptoProvider,
  encrypted: Uint8Array,
  key: Uint8Array,
  iv: Uint8Array,
  decode: (data: Uint8Array) => { value: T; length: number },
): T {
  if (encrypted.length === 0 || encrypted.length % 16 !== 0) {
    throw new SecurityError('handshake', 'encrypted handshake data is not whole AES blocks');
  }
  const plain = crypto.aesIgeDecrypt(encrypted, key, iv);
  if (plain.length < 24) throw new SecurityError('handshake', 'encrypted handshake data too short');
  const { value, length } = decode(plain.subarray(20));
  const end = 20 + length;
  if (plain.length - end > 15) {
    throw new SecurityError('handshake', 'too much padding after the encrypted answer');
  }
  if (!bytesEqual(crypto.sha1(plain.subarray(20, end)), plain.subarray(0, 20))) {
    throw new SecurityError('handshake', 'SHA1 of the encrypted answer does not match');
  }
  return value;
}

/** new_nonce_hash of server_DH_params_fail: the 128 lower-order bits of SHA1(new_nonce). */
export function newNonceFailHash(crypto: CryptoProvider, newNonce: Uint8Array): Uint8Array {
  return crypto.sha1(newNonce).subarray(4, 20);
}
