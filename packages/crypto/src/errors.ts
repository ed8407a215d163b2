/**
 * Base class of every error thrown by @telets/crypto. Messages describe what was wrong
 * (lengths, which check failed) and never include key material or secrets.
 */
export class CryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A key, iv or nonce had the wrong number of bytes. */
export class InvalidKeyLengthError extends CryptoError {
  constructor(
    readonly what: string,
    readonly expectedBytes: number | string,
    readonly actualBytes: number,
  ) {
    super(`${what} must be ${expectedBytes} bytes, got ${actualBytes}`);
  }
}

/** Input data had a length the operation cannot accept (e.g. not a multiple of 16). */
export class InvalidDataLengthError extends CryptoError {}

/** An encrypted MTProto message carried an auth_key_id other than the key's. */
export class AuthKeyIdMismatchError extends CryptoError {
  constructor() {
    super('auth_key_id of the packet does not match the auth key');
  }
}

/** The msg_key of a decrypted MTProto message did not match its plaintext. */
export class MsgKeyMismatchError extends CryptoError {
  constructor() {
    super('msg_key does not match the decrypted message (tampered or wrong key)');
  }
}

/** Which Diffie–Hellman check of core.telegram.org/mtproto/security_guidelines failed. */
export type DhCheck =
  | 'prime-size'
  | 'prime-not-safe'
  | 'generator-range'
  | 'generator-subgroup'
  | 'public-range'
  | 'public-bounds';

/** Diffie–Hellman parameters or a public value failed a security check. */
export class DhParamsError extends CryptoError {
  constructor(
    readonly check: DhCheck,
    message: string,
  ) {
    super(`DH check '${check}' failed: ${message}`);
  }
}

/** The 2FA SRP parameters from account.password failed a check. */
export class SrpParamsError extends CryptoError {}

/** An RSA key could not be parsed or used. */
export class RsaKeyError extends CryptoError {}

/** pq could not be factorised into two factors. */
export class FactorizationError extends CryptoError {}
