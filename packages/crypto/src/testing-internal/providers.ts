// Test helpers (excluded from the build): both providers, so every suite runs against each.
import { nodeCrypto } from '../node';
import { portableCrypto } from '../portable';
import type { CryptoProvider } from '../provider';

export const providers: readonly CryptoProvider[] = [portableCrypto, nodeCrypto];

/** 0, 1, 2, ... n − 1 as bytes (the fixtures grammers' tests use). */
export function sequence(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => i & 255);
}

/** A random source that replays `bytes` in order and fails loudly when exhausted. */
export function replay(bytes: Uint8Array): (n: number) => Uint8Array {
  let offset = 0;
  return (n: number): Uint8Array => {
    if (offset + n > bytes.length) throw new Error('replayed randomness exhausted');
    const out = bytes.slice(offset, offset + n);
    offset += n;
    return out;
  };
}
