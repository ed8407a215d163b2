import type { AesCtr } from './aes-ctr';

/**
 * The platform primitives every MTProto function is built on. Two implementations pass the same
 * test suite: `portableCrypto` (pure TypeScript, browser-ready) and `nodeCrypto` from
 * `@telets/crypto/node` (node:crypto). Everything is Uint8Array in, Uint8Array out.
 */
export interface CryptoProvider {
  /** 'node' | 'portable' (or the name of a custom provider). */
  readonly name: string;
  sha1(data: Uint8Array): Uint8Array;
  sha256(data: Uint8Array): Uint8Array;
  /** Cryptographically secure random bytes. */
  randomBytes(n: number): Uint8Array;
  /** AES-256-IGE; key 32 bytes, iv 32 bytes (iv[0:16] previous ciphertext, iv[16:32] previous plaintext). */
  aesIgeEncrypt(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array;
  aesIgeDecrypt(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array;
  /** A stateful AES-256-CTR stream (key 32 bytes, iv 16 bytes, 128-bit big-endian counter). */
  createAesCtr(key: Uint8Array, iv: Uint8Array): AesCtr;
  /** PBKDF2-HMAC-SHA512 with a 64-byte result; must not block the event loop. */
  pbkdf2Sha512(password: Uint8Array, salt: Uint8Array, iterations: number): Promise<Uint8Array>;
  /** base^exponent mod modulus on big-endian unsigned numbers; result padded to the modulus' length. */
  modPow(base: Uint8Array, exponent: Uint8Array, modulus: Uint8Array): Uint8Array;
}

/** Generates `n` random bytes; every function that needs randomness accepts one to inject. */
export type RandomSource = (n: number) => Uint8Array;
