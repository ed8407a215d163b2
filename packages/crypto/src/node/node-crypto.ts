import { createCipheriv, createHash, pbkdf2, randomFillSync } from 'node:crypto';
import { expandKey256 } from '../aes-core';
import type { AesCtr } from '../aes-ctr';
import { aesIgeDecryptWithSchedule, checkIgeArgs } from '../aes-ige';
import { assertLength } from '../bytes';
import type { CryptoProvider } from '../provider';
import { modPowNode } from './mod-pow';

function asBytes(buf: Buffer): Uint8Array {
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

function words(bytes: Uint8Array): Int32Array {
  if (bytes.byteOffset % 4 === 0)
    return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
  return new Int32Array(bytes.slice().buffer);
}

/**
 * IGE encryption as ONE AES-CBC call plus two XOR passes. With y_i = c_i ⊕ p_{i−1}, IGE's
 * c_i = E(p_i ⊕ c_{i−1}) ⊕ p_{i−1} becomes y_i = E(p_i ⊕ p_{i−2} ⊕ y_{i−1}): CBC over
 * q_i = p_i ⊕ p_{i−2} with IV c_0 (and p_{−1} = iv[16:32] folded into q_1). XOR is bytewise,
 * so the word passes are endianness-neutral.
 */
function aesIgeEncryptNode(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array {
  checkIgeArgs(data, key, iv);
  const n = data.length >>> 2;
  if (n === 0) return new Uint8Array(0);
  const p = words(data);
  const ivWords = words(iv);
  const q = new Int32Array(n);
  q.set(p);
  for (let i = n - 1; i >= 8; i--) q[i] ^= p[i - 8];
  if (n > 4) for (let j = 0; j < 4; j++) q[4 + j] ^= ivWords[4 + j];
  const cipher = createCipheriv('aes-256-cbc', key, iv.subarray(0, 16)).setAutoPadding(false);
  const y = asBytes(cipher.update(new Uint8Array(q.buffer)));
  const out = y.byteOffset % 4 === 0 ? y : y.slice();
  const c = new Int32Array(out.buffer, out.byteOffset, n);
  for (let j = 0; j < 4; j++) c[j] ^= ivWords[4 + j];
  for (let i = 4; i < n; i++) c[i] ^= p[i - 4];
  return out;
}

function aesIgeDecryptNode(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array {
  checkIgeArgs(data, key, iv);
  // Sequential by nature: the TypeScript T-table core beats one node:crypto call per block.
  return aesIgeDecryptWithSchedule(data, expandKey256(key).dec, iv);
}

class NodeAesCtr implements AesCtr {
  private readonly cipher;
  constructor(key: Uint8Array, iv: Uint8Array) {
    assertLength('AES-256-CTR key', key, 32);
    assertLength('AES-256-CTR iv', iv, 16);
    this.cipher = createCipheriv('aes-256-ctr', key, iv);
  }
  update(data: Uint8Array): Uint8Array {
    return asBytes(this.cipher.update(data));
  }
}

/** The Node.js provider: OpenSSL through node:crypto, PBKDF2 in the libuv thread pool. */
export const nodeCrypto: CryptoProvider = Object.freeze({
  name: 'node',
  sha1: (data: Uint8Array): Uint8Array => asBytes(createHash('sha1').update(data).digest()),
  sha256: (data: Uint8Array): Uint8Array => asBytes(createHash('sha256').update(data).digest()),
  randomBytes(n: number): Uint8Array {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError('byte count must be a non-negative integer');
    return randomFillSync(new Uint8Array(n));
  },
  aesIgeEncrypt: aesIgeEncryptNode,
  aesIgeDecrypt: aesIgeDecryptNode,
  createAesCtr(key: Uint8Array, iv: Uint8Array): AesCtr {
    return new NodeAesCtr(key, iv);
  },
  pbkdf2Sha512(password: Uint8Array, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
    if (!Number.isInteger(iterations) || iterations < 1)
      return Promise.reject(new RangeError('PBKDF2 iterations must be a positive integer'));
    return new Promise((resolve, reject) => {
      pbkdf2(password, salt, iterations, 64, 'sha512', (err, key) =>
        err ? reject(err) : resolve(asBytes(key)),
      );
    });
  },
  modPow: modPowNode,
});
