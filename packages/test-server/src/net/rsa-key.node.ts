import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { type CryptoProvider, type RsaPublicKey, rsaFingerprint } from '@telets/crypto';
import type { RsaPrivateKey } from '@telets/transport';
import { TestServerConfigError } from '../errors.js';

/** The server's RSA key pair as the handshake and the users of the server need it. */
export interface ServerRsaKey {
  /** For the server half of the handshake. Secret. */
  readonly privateKey: RsaPrivateKey;
  /** n, e and fingerprint: what a client adds to its trusted keys. */
  readonly publicKey: RsaPublicKey;
  /** PKCS#1 PEM ("BEGIN RSA PUBLIC KEY"), the form Telegram publishes its keys in. */
  readonly publicKeyPem: string;
  /** The fingerprint as signed decimal (Telethon, GramJS) and as 16 hex digits (tdesktop, mtcute). */
  readonly fingerprint: bigint;
  readonly fingerprintHex: string;
}

const generate = promisify(generateKeyPair);

const fromBase64Url = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64url'));

export function fingerprintHex(fingerprint: bigint): string {
  return BigInt.asUintN(64, fingerprint).toString(16).padStart(16, '0');
}

function describe(c: CryptoProvider, key: KeyObject): ServerRsaKey {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e || !jwk.d) {
    throw new TestServerConfigError('the server key must be an RSA private key');
  }
  const n = fromBase64Url(jwk.n);
  const e = fromBase64Url(jwk.e);
  if (n.length !== 256) throw new TestServerConfigError('the server key must be 2048-bit RSA');
  const fingerprint = rsaFingerprint(c, n, e);
  return {
    privateKey: { n, e, d: fromBase64Url(jwk.d), fingerprint },
    publicKey: { n, e, fingerprint },
    publicKeyPem: createPublicKey(key).export({ type: 'pkcs1', format: 'pem' }).toString(),
    fingerprint,
    fingerprintHex: fingerprintHex(fingerprint),
  };
}

/**
 * Whether real clients take the key without trouble: a modulus whose top byte is ≥ 0xc0 keeps
 * RSA_PAD retries rare (some clients give up after a few), and a fingerprint whose hex form
 * starts with 0 trips clients that print it without zero padding.
 */
export function isClientFriendly(key: ServerRsaKey): boolean {
  return key.publicKey.n[0] >= 0xc0 && !key.fingerprintHex.startsWith('0');
}

export function loadRsaKey(c: CryptoProvider, privateKeyPem: string): ServerRsaKey {
  try {
    return describe(c, createPrivateKey(privateKeyPem));
  } catch (error) {
    if (error instanceof TestServerConfigError) throw error;
    throw new TestServerConfigError('rsaPrivateKeyPem is not a readable RSA private key');
  }
}

let cached: Promise<ServerRsaKey> | undefined;

/**
 * A fresh client-friendly 2048-bit key, generated once per process and shared by every server
 * started in it (generation takes a few hundred ms).
 */
export function defaultRsaKey(c: CryptoProvider): Promise<ServerRsaKey> {
  cached ??= (async () => {
    for (;;) {
      const { privateKey } = await generate('rsa', { modulusLength: 2048, publicExponent: 65537 });
      const key = describe(c, privateKey);
      if (isClientFriendly(key)) return key;
    }
  })();
  return cached;
}
