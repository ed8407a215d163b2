import { type AesCtr, PortableAesCtr } from './aes-ctr';
import { aesIgeDecryptPortable, aesIgeEncryptPortable } from './aes-ige';
import { modPowPortable } from './mod-pow';
import { pbkdf2Sha512Portable } from './pbkdf2';
import type { CryptoProvider } from './provider';
import { webRandomBytes } from './random';
import { sha1Portable, sha256Portable } from './sha';

/**
 * The pure-TypeScript provider: no Node APIs, runs in browsers. Random bytes and PBKDF2 come from
 * WebCrypto when present (PBKDF2 falls back to a JS implementation that yields to the event loop).
 */
export const portableCrypto: CryptoProvider = Object.freeze({
  name: 'portable',
  sha1: sha1Portable,
  sha256: sha256Portable,
  randomBytes: webRandomBytes,
  aesIgeEncrypt: aesIgeEncryptPortable,
  aesIgeDecrypt: aesIgeDecryptPortable,
  createAesCtr(key: Uint8Array, iv: Uint8Array): AesCtr {
    return new PortableAesCtr(key, iv);
  },
  pbkdf2Sha512: pbkdf2Sha512Portable,
  modPow: modPowPortable,
});
