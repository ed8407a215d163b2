// @telets/crypto: MTProto cryptography on Uint8Array, portable (browser-ready). The Node provider
// lives in '@telets/crypto/node'.

export type { AesCtr } from './aes-ctr';
export {
  bigIntToBytes,
  bytesEqual,
  bytesToBigInt,
  concatBytes,
  fromHex,
  toHex,
} from './bytes';
export {
  AuthKeyIdMismatchError,
  CryptoError,
  type DhCheck,
  DhParamsError,
  FactorizationError,
  InvalidDataLengthError,
  InvalidKeyLengthError,
  MsgKeyMismatchError,
  RsaKeyError,
  SrpParamsError,
} from './errors';
export {
  checkDhParams,
  checkDhPublic,
  dhAuthKey,
  dhPublic,
  generateDhSecret,
  initialServerSalt,
  newNonceHash,
  TELEGRAM_DH_PRIME,
  tmpAesKeyIv,
} from './handshake';
export {
  authKeyAuxHash,
  authKeyId,
  decryptMessage,
  encryptMessage,
  messageAesKeyIv,
  messagePaddingLength,
  msgKeyFor,
} from './message';
export { portableCrypto } from './portable';
export { factorizePq } from './pq';
export type { CryptoProvider, RandomSource } from './provider';
export {
  parseRsaPublicKey,
  RsaDecryptionError,
  type RsaPublicKey,
  rsaFingerprint,
  rsaPad,
  rsaUnpad,
} from './rsa';
export {
  computeSrp,
  computeSrpUnchecked,
  type SrpAnswer,
  type SrpParams,
  srpPasswordHash,
  srpServerB,
  srpVerifier,
  srpVerifyClient,
} from './srp';
export { findRsaKey, TELEGRAM_RSA_KEYS, TELEGRAM_TEST_RSA_KEYS } from './telegram-keys';
