import {
  constants,
  createDiffieHellman,
  createPrivateKey,
  createPublicKey,
  type DiffieHellman,
  generateKeyPair,
  type KeyObject,
  privateDecrypt,
} from 'node:crypto';
import { promisify } from 'node:util';
import {
  type CryptoProvider,
  type RsaPublicKey,
  rsaFingerprint,
  TELEGRAM_DH_PRIME,
} from '@telets/crypto';
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
  /** The same key for node:crypto, for the fast RSA path of serverCryptoFor(). */
  readonly keyObject: KeyObject;
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
    keyObject: key,
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

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

function leftPad(bytes: Uint8Array, length: number): Uint8Array {
  if (bytes.length >= length) return bytes;
  const out = new Uint8Array(length);
  out.set(bytes, length - bytes.length);
  return out;
}

let telegramDh: DiffieHellman | undefined;

/**
 * OpenSSL's DH object for Telegram's prime: setPrivateKey(x) then generateKeys() is 3^x mod p and
 * computeSecret(y) is y^x mod p, ~2 ms each where a generic modPow takes ~10. Built once per
 * process (its constructor checks the prime: ~0.7 s).
 */
function telegramDhPow(base: Uint8Array, exponent: Uint8Array): Uint8Array | undefined {
  telegramDh ??= createDiffieHellman(Buffer.from(TELEGRAM_DH_PRIME), Buffer.from([3]));
  try {
    telegramDh.setPrivateKey(Buffer.from(exponent));
    const isG = base.length === 1 && base[0] === 3;
    const out = isG ? telegramDh.generateKeys() : telegramDh.computeSecret(Buffer.from(base));
    return leftPad(new Uint8Array(out.buffer, out.byteOffset, out.byteLength), 256);
  } catch {
    // computeSecret refuses "public keys" such as 1 or p-1: let the generic path answer.
    return undefined;
  }
}

/**
 * The provider the server uses: the given one, with its 2048-bit exponentiations on OpenSSL's
 * fast paths — the RSA private-key operation (c^d mod n for its own key, with CRT) and powers
 * modulo Telegram's DH prime (handshake and SRP). Three of each per handshake.
 */
export function serverCryptoFor(c: CryptoProvider, key: ServerRsaKey): CryptoProvider {
  const { n, d } = key.privateKey;
  return {
    name: `${c.name}+openssl-fast-paths`,
    sha1: (data) => c.sha1(data),
    sha256: (data) => c.sha256(data),
    randomBytes: (count) => c.randomBytes(count),
    aesIgeEncrypt: (data, k, iv) => c.aesIgeEncrypt(data, k, iv),
    aesIgeDecrypt: (data, k, iv) => c.aesIgeDecrypt(data, k, iv),
    createAesCtr: (k, iv) => c.createAesCtr(k, iv),
    pbkdf2Sha512: (password, salt, iterations) => c.pbkdf2Sha512(password, salt, iterations),
    modPow(base, exponent, modulus) {
      if (base.length === 256 && sameBytes(modulus, n) && sameBytes(exponent, d)) {
        const out = privateDecrypt({ key: key.keyObject, padding: constants.RSA_NO_PADDING }, base);
        return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
      }
      if (sameBytes(modulus, TELEGRAM_DH_PRIME)) {
        const out = telegramDhPow(base, exponent);
        if (out) return out;
      }
      return c.modPow(base, exponent, modulus);
    },
  };
}
