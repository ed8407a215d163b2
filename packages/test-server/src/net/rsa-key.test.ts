import { portableCrypto, TELEGRAM_DH_PRIME } from '@telets/crypto';
import { nodeCrypto } from '@telets/crypto/node';
import { describe, expect, it } from 'vitest';
import { defaultRsaKey, isClientFriendly, serverCryptoFor } from './rsa-key.node.js';

describe('the server RSA key', () => {
  it('is client friendly: top byte ≥ 0xc0, fingerprint hex without a leading 0', async () => {
    const key = await defaultRsaKey(nodeCrypto);
    expect(key.publicKey.n[0]).toBeGreaterThanOrEqual(0xc0);
    expect(key.fingerprintHex).toMatch(/^[1-9a-f][0-9a-f]{15}$/);
    expect(isClientFriendly(key)).toBe(true);
    expect(key.publicKeyPem).toContain('BEGIN RSA PUBLIC KEY');
  });

  it('takes the OpenSSL fast paths (RSA CRT, DH modulo the Telegram prime) with the same results', async () => {
    const key = await defaultRsaKey(nodeCrypto);
    const fast = serverCryptoFor(nodeCrypto, key);
    const base = new Uint8Array(256).fill(0x5a);
    base[0] = 0x01;
    const { n, d } = key.privateKey;
    expect(fast.modPow(base, d, n)).toEqual(portableCrypto.modPow(base, d, n));
    const p = TELEGRAM_DH_PRIME;
    const x = nodeCrypto.randomBytes(256);
    const gx = fast.modPow(Uint8Array.of(3), x, p);
    expect(gx).toEqual(nodeCrypto.modPow(Uint8Array.of(3), x, p));
    expect(fast.modPow(gx, x, p)).toEqual(nodeCrypto.modPow(gx, x, p));
    const one = new Uint8Array(256);
    one[255] = 1;
    expect(fast.modPow(one, x, p)).toEqual(nodeCrypto.modPow(one, x, p));
    const small = Uint8Array.of(3);
    expect(fast.modPow(small, Uint8Array.of(5), Uint8Array.of(7))).toEqual(
      nodeCrypto.modPow(small, Uint8Array.of(5), Uint8Array.of(7)),
    );
  });
});
