import { encryptBlock, expandEncryptionKey256, IS_LITTLE_ENDIAN, swapWords } from './aes-core';
import { assertLength } from './bytes';

/** A long-lived AES-256-CTR keystream: `update` may be called with any chunking. */
export interface AesCtr {
  update(data: Uint8Array): Uint8Array;
}

/**
 * Portable AES-256-CTR with a 128-bit big-endian counter (as OpenSSL and the obfuscated
 * transports use it). Whole blocks are produced in one batch per call; a partial block's unused
 * keystream is kept for the next call.
 */
export class PortableAesCtr implements AesCtr {
  private readonly rk: Int32Array;
  private readonly counter: Uint8Array;
  private readonly keystream = new Int32Array(4);
  private readonly keystreamBytes = new Uint8Array(this.keystream.buffer);
  private used = 16;

  constructor(key: Uint8Array, iv: Uint8Array) {
    assertLength('AES-256-CTR key', key, 32);
    assertLength('AES-256-CTR iv', iv, 16);
    this.rk = expandEncryptionKey256(key);
    this.counter = iv.slice();
  }

  update(data: Uint8Array): Uint8Array {
    const out = new Uint8Array(data.length);
    const ks = this.keystreamBytes;
    let i = 0;
    while (this.used < 16 && i < data.length) out[i] = data[i++] ^ ks[this.used++];
    const blocks = (data.length - i) >>> 4;
    if (blocks > 0) {
      const stream = new Int32Array(blocks * 4);
      for (let b = 0; b < blocks; b++) {
        this.loadCounter(stream, 4 * b);
        encryptBlock(this.rk, stream, 4 * b);
      }
      if (!IS_LITTLE_ENDIAN) swapWords(stream);
      const sb = new Uint8Array(stream.buffer);
      for (let j = 0; j < sb.length; j++) out[i + j] = data[i + j] ^ sb[j];
      i += sb.length;
    }
    if (i < data.length) {
      this.loadCounter(this.keystream, 0);
      encryptBlock(this.rk, this.keystream, 0);
      if (!IS_LITTLE_ENDIAN) swapWords(this.keystream);
      this.used = 0;
      while (i < data.length) out[i] = data[i++] ^ ks[this.used++];
    }
    return out;
  }

  /** Writes the counter as 4 words at `o`, then increments it (big-endian, 128-bit). */
  private loadCounter(dst: Int32Array, o: number): void {
    const c = this.counter;
    for (let j = 0; j < 4; j++) {
      const p = 4 * j;
      dst[o + j] = c[p] | (c[p + 1] << 8) | (c[p + 2] << 16) | (c[p + 3] << 24);
    }
    for (let k = 15; k >= 0; k--) {
      c[k] = (c[k] + 1) & 255;
      if (c[k] !== 0) break;
    }
  }
}
