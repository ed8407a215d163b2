// Portable AES-256-IGE on the word-based core.

import {
  expandEncryptionKey256,
  expandKey256,
  IS_LITTLE_ENDIAN,
  swapWords,
  toWords,
} from './aes-core';
import { igeDecryptWords, igeEncryptWords } from './aes-ige-rounds';
import { assertLength } from './bytes';
import { InvalidDataLengthError } from './errors';

/** Validates IGE arguments: 32-byte key and iv, data a multiple of 16 bytes. */
export function checkIgeArgs(data: Uint8Array, key: Uint8Array, iv: Uint8Array): void {
  assertLength('AES-256-IGE key', key, 32);
  assertLength('AES-256-IGE iv', iv, 32);
  if (data.length % 16 !== 0)
    throw new InvalidDataLengthError(
      `AES-IGE data length must be a multiple of 16 bytes, got ${data.length}`,
    );
}

/** AES-256-IGE encryption; iv[0:16] is the previous ciphertext block, iv[16:32] the previous plaintext block. */
export function aesIgeEncryptPortable(
  data: Uint8Array,
  key: Uint8Array,
  iv: Uint8Array,
): Uint8Array {
  checkIgeArgs(data, key, iv);
  const { words, bytes } = toWords(data);
  igeEncryptWords(words, expandEncryptionKey256(key), toWords(iv).words);
  if (!IS_LITTLE_ENDIAN) swapWords(words);
  return bytes;
}

/** AES-256-IGE decryption (same iv layout as encryption). */
export function aesIgeDecryptPortable(
  data: Uint8Array,
  key: Uint8Array,
  iv: Uint8Array,
): Uint8Array {
  checkIgeArgs(data, key, iv);
  return aesIgeDecryptWithSchedule(data, expandKey256(key).dec, iv);
}

/** IGE decryption with a precomputed decryption schedule (shared with the Node provider). */
export function aesIgeDecryptWithSchedule(
  data: Uint8Array,
  rk: Int32Array,
  iv: Uint8Array,
): Uint8Array {
  const { words, bytes } = toWords(data);
  igeDecryptWords(words, rk, toWords(iv).words);
  if (!IS_LITTLE_ENDIAN) swapWords(words);
  return bytes;
}
