/**
 * The server half of the auth-key exchange, for local test servers: answers req_pq_multi,
 * req_DH_params and set_client_DH_params with the checks a server makes (nonces, p·q, key
 * fingerprint, RSA_PAD decryption, SHA1 of the client's DH data, g_b range). Pure: bodies in,
 * bodies out; randomness and clock injectable.
 */
import {
  authKeyAuxHash,
  bigIntToBytes,
  bytesEqual,
  bytesToBigInt,
  type CryptoProvider,
  checkDhPublic,
  newNonceHash,
  rsaUnpad,
  TELEGRAM_DH_PRIME,
  tmpAesKeyIv,
} from '@telets/crypto';
import { readInt64LE, toFixedBE } from './bytes.js';
import { HandshakeError, SecurityError } from './errors.js';
import { decryptWithHash, encryptWithHash, serverSaltFromNonces } from './handshake-shared.js';
import {
  decodeClientDhInnerData,
  decodePqInnerData,
  decodeReqDhParams,
  decodeReqPq,
  decodeSetClientDhParams,
  encodeDhGen,
  encodeResPq,
  encodeServerDhInnerData,
  encodeServerDhParams,
  HANDSHAKE_IDS,
  handshakeIdOf,
  type PqInnerData,
} from './handshake-tl.js';

export interface RsaPrivateKey {
  /** Modulus, big-endian. */
  n: Uint8Array;
  /** Public exponent, big-endian. */
  e: Uint8Array;
  /** Private exponent, big-endian. Secret. */
  d: Uint8Array;
  /** Telegram fingerprint of (n, e), signed int64 as on the wire. */
  fingerprint: bigint;
}

export interface ServerHandshakeOptions {
  crypto: CryptoProvider;
  rsaKey: RsaPrivateKey;
  /** Defaults to Telegram's prime with g = 3. */
  dhPrime?: Uint8Array;
  g?: number;
  random?: (n: number) => Uint8Array;
  nowMs?: () => number;
  /** Supplies the two primes of pq (p < q, product below 2^63); random 31-bit primes by default. */
  pq?: () => { p: bigint; q: bigint };
  /**
   * Fault injection: how to answer the n-th (1-based) set_client_DH_params. 'retry' sends
   * dh_gen_retry (the client must come back with retry_id = auth_key_aux_hash of that key),
   * 'fail' sends dh_gen_fail. Default: always 'ok'.
   */
  answerClientDh?: (attempt: number) => 'ok' | 'retry' | 'fail';
}

export interface ServerHandshakeResult {
  authKey: Uint8Array;
  serverSalt: bigint;
  /** The dc field of p_q_inner_data_dc (undefined for the old constructor). */
  dcId: number | undefined;
}

export interface ServerHandshakeReply {
  /** Body to send back in a plain message. */
  reply: Uint8Array;
  /** Present once dh_gen_ok has been produced. */
  result?: ServerHandshakeResult;
}

type State = 'awaiting-req-pq' | 'awaiting-req-dh' | 'awaiting-client-dh' | 'done';

export class ServerHandshake {
  private readonly crypto: CryptoProvider;
  private readonly options: ServerHandshakeOptions;
  private readonly random: (n: number) => Uint8Array;
  private readonly dhPrime: Uint8Array;
  private readonly g: number;
  private state: State = 'awaiting-req-pq';
  private nonce: Uint8Array = new Uint8Array(16);
  private serverNonce: Uint8Array = new Uint8Array(16);
  private newNonce: Uint8Array = new Uint8Array(32);
  private p = 0n;
  private q = 0n;
  private a: Uint8Array = new Uint8Array(0);
  private dcId: number | undefined;
  private clientDhAttempts = 0;
  private expectedRetryId = 0n;

  constructor(options: ServerHandshakeOptions) {
    this.options = options;
    this.crypto = options.crypto;
    this.random = options.random ?? ((n) => options.crypto.randomBytes(n));
    this.dhPrime = options.dhPrime ?? TELEGRAM_DH_PRIME;
    this.g = options.g ?? 3;
  }

  get isDone(): boolean {
    return this.state === 'done';
  }

  /** Handles one client message (the body of a plain message) and returns the answer. */
  receive(body: Uint8Array): ServerHandshakeReply {
    const id = handshakeIdOf(body);
    if (
      this.state === 'awaiting-req-pq' &&
      (id === HANDSHAKE_IDS.reqPqMulti || id === HANDSHAKE_IDS.reqPq)
    ) {
      return this.onReqPq(decodeReqPq(body).nonce);
    }
    if (this.state === 'awaiting-req-dh' && id === HANDSHAKE_IDS.reqDhParams) {
      return this.onReqDh(body);
    }
    if (this.state === 'awaiting-client-dh' && id === HANDSHAKE_IDS.setClientDhParams) {
      return this.onClientDh(body);
    }
    throw new HandshakeError(
      `unexpected constructor 0x${(id >>> 0).toString(16)} in handshake state ${this.state}`,
    );
  }

  private checkNonces(request: { nonce: Uint8Array; serverNonce: Uint8Array }): void {
    if (
      !bytesEqual(request.nonce, this.nonce) ||
      !bytesEqual(request.serverNonce, this.serverNonce)
    ) {
      throw new SecurityError('nonce', 'handshake request carries foreign nonces');
    }
  }

  private onReqPq(nonce: Uint8Array): ServerHandshakeReply {
    this.nonce = nonce;
    this.serverNonce = this.random(16);
    ({ p: this.p, q: this.q } = this.options.pq?.() ?? randomPq(this.random));
    this.state = 'awaiting-req-dh';
    return {
      reply: encodeResPq({
        nonce,
        serverNonce: this.serverNonce,
        pq: bigIntToBytes(this.p * this.q),
        fingerprints: [this.options.rsaKey.fingerprint],
      }),
    };
  }

  private onReqDh(body: Uint8Array): ServerHandshakeReply {
    const request = decodeReqDhParams(body);
    this.checkNonces(request);
    if (bytesToBigInt(request.p) !== this.p || bytesToBigInt(request.q) !== this.q) {
      throw new HandshakeError('the client factorised pq wrongly');
    }
    if (request.fingerprint !== this.options.rsaKey.fingerprint) {
      throw new HandshakeError('the client used an unknown RSA key');
    }
    let inner: PqInnerData;
    try {
      const { n, d } = this.options.rsaKey;
      inner = decodePqInnerData(rsaUnpad(this.crypto, request.encryptedData, n, d));
    } catch (error) {
      throw new SecurityError('rsa', 'encrypted_data does not decrypt to inner data', {
        cause: error,
      });
    }
    this.checkNonces(inner);
    if (
      bytesToBigInt(inner.pq) !== this.p * this.q ||
      bytesToBigInt(inner.p) !== this.p ||
      bytesToBigInt(inner.q) !== this.q
    ) {
      throw new SecurityError('pq', 'inner data does not repeat p, q and pq');
    }
    this.newNonce = inner.newNonce;
    this.dcId = inner.dc;
    let gA: Uint8Array;
    do {
      this.a = this.random(256);
      gA = toFixedBE(this.crypto.modPow(Uint8Array.of(this.g), this.a, this.dhPrime), 256);
    } while (!isSafeDhPublic(gA, this.dhPrime));
    const answer = encodeServerDhInnerData({
      nonce: this.nonce,
      serverNonce: this.serverNonce,
      g: this.g,
      dhPrime: this.dhPrime,
      gA,
      serverTime: Math.floor((this.options.nowMs ?? Date.now)() / 1000),
    });
    const { key, iv } = tmpAesKeyIv(this.crypto, this.newNonce, this.serverNonce);
    this.state = 'awaiting-client-dh';
    return {
      reply: encodeServerDhParams({
        kind: 'ok',
        nonce: this.nonce,
        serverNonce: this.serverNonce,
        encryptedAnswer: encryptWithHash(this.crypto, answer, key, iv, this.random),
      }),
    };
  }

  private onClientDh(body: Uint8Array): ServerHandshakeReply {
    const request = decodeSetClientDhParams(body);
    this.checkNonces(request);
    const { key, iv } = tmpAesKeyIv(this.crypto, this.newNonce, this.serverNonce);
    const inner = decryptWithHash(
      this.crypto,
      request.encryptedData,
      key,
      iv,
      decodeClientDhInnerData,
    );
    this.checkNonces(inner);
    try {
      checkDhPublic(inner.gB, this.dhPrime);
    } catch (error) {
      throw new SecurityError('g_b', 'the client sent an unsafe g_b', { cause: error });
    }
    if (inner.retryId !== this.expectedRetryId) {
      throw new SecurityError('retry_id', 'retry_id is not the aux hash of the previous key');
    }
    const authKey = toFixedBE(this.crypto.modPow(inner.gB, this.a, this.dhPrime), 256);
    this.clientDhAttempts++;
    const kind = this.options.answerClientDh?.(this.clientDhAttempts) ?? 'ok';
    const reply = encodeDhGen({
      kind,
      nonce: this.nonce,
      serverNonce: this.serverNonce,
      newNonceHash: newNonceHash(this.crypto, this.newNonce, authKey, DH_GEN_HASH[kind]),
    });
    if (kind === 'retry') {
      this.expectedRetryId = readInt64LE(authKeyAuxHash(this.crypto, authKey), 0);
      return { reply };
    }
    this.state = 'done';
    if (kind === 'fail') return { reply };
    return {
      reply,
      result: {
        authKey,
        serverSalt: serverSaltFromNonces(this.newNonce, this.serverNonce),
        dcId: this.dcId,
      },
    };
  }
}

const DH_GEN_HASH = { ok: 1, retry: 2, fail: 3 } as const;

function isSafeDhPublic(value: Uint8Array, prime: Uint8Array): boolean {
  try {
    checkDhPublic(value, prime);
    return true;
  } catch {
    return false;
  }
}

/** Two distinct random 31-bit primes, p < q (their product stays below 2^63 as Telegram's do). */
export function randomPq(random: (n: number) => Uint8Array): { p: bigint; q: bigint } {
  const prime = (): bigint => {
    for (;;) {
      const bytes = random(4);
      const candidate =
        BigInt(((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0) |
        0x40000001n;
      const bounded = candidate & 0x7fffffffn;
      if (isProbablePrime(bounded)) return bounded;
    }
  };
  const first = prime();
  let second = prime();
  while (second === first) second = prime();
  return first < second ? { p: first, q: second } : { p: second, q: first };
}

function modPowBig(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

/** Deterministic Miller–Rabin for n < 3.3·10^24 (bases 2..37). */
export function isProbablePrime(n: bigint): boolean {
  if (n < 2n) return false;
  const bases = [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n];
  for (const p of bases) if (n % p === 0n) return n === p;
  let d = n - 1n;
  let r = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    r++;
  }
  outer: for (const a of bases) {
    let x = modPowBig(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    for (let i = 1; i < r; i++) {
      x = (x * x) % n;
      if (x === n - 1n) continue outer;
    }
    return false;
  }
  return true;
}
