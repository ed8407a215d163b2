/**
 * The client half of the auth-key exchange (core.telegram.org/mtproto/auth_key) as a pure state
 * machine: `start()` gives the req_pq_multi body, each server answer goes into `receive()`, which
 * returns the next body to send or the finished key. Bodies are bare TL (the caller wraps them
 * in plain messages). Randomness, the clock, the inner-data constructor and the RSA step are
 * injectable so the published example reproduces byte for byte.
 */
import {
  authKeyAuxHash,
  bytesEqual,
  type CryptoProvider,
  checkDhParams,
  checkDhPublic,
  factorizePq,
  newNonceHash,
  type RsaPublicKey,
  rsaPad,
  tmpAesKeyIv,
} from '@telets/crypto';
import { readInt64LE, toFixedBE } from './bytes.js';
import { HandshakeError, SecurityError } from './errors.js';
import {
  decryptWithHash,
  encryptWithHash,
  newNonceFailHash,
  serverSaltFromNonces,
} from './handshake-shared.js';
import {
  decodeDhGen,
  decodeResPq,
  decodeServerDhInnerData,
  decodeServerDhParams,
  encodeClientDhInnerData,
  encodePqInnerData,
  encodeReqDhParams,
  encodeReqPqMulti,
  encodeSetClientDhParams,
} from './handshake-tl.js';

export interface ClientHandshakeOptions {
  crypto: CryptoProvider;
  /** Keys the client trusts; the first whose fingerprint the server offers is used. */
  rsaKeys: readonly RsaPublicKey[];
  /** DC id for p_q_inner_data_dc: +10000 for test DCs, negative for media DCs. */
  dcId: number;
  random?: (n: number) => Uint8Array;
  nowMs?: () => number;
  /** Defaults to p_q_inner_data_dc (what Telegram requires today). */
  innerDataConstructor?: 'p_q_inner_data_dc' | 'p_q_inner_data';
  /** The RSA step (RSA_PAD by default); injectable to replay published transcripts. */
  rsaEncrypt?: (data: Uint8Array, key: RsaPublicKey) => Uint8Array;
  /** dh_gen_retry answers accepted before giving up. Default 5. */
  maxRetries?: number;
}

export interface HandshakeResult {
  /** 256-byte authorization key. Secret: never log it. */
  authKey: Uint8Array;
  serverSalt: bigint;
  /** Server time minus local time, in seconds. */
  timeOffsetSeconds: number;
}

export type HandshakeStep =
  | { type: 'send'; body: Uint8Array }
  | { type: 'done'; result: HandshakeResult };

type State = 'initial' | 'awaiting-res-pq' | 'awaiting-dh-params' | 'awaiting-dh-gen' | 'done';

export class ClientHandshake {
  private readonly options: ClientHandshakeOptions;
  private readonly crypto: CryptoProvider;
  private readonly random: (n: number) => Uint8Array;
  private readonly nowMs: () => number;
  private state: State = 'initial';
  private nonce: Uint8Array = new Uint8Array(16);
  private serverNonce: Uint8Array = new Uint8Array(16);
  private newNonce: Uint8Array = new Uint8Array(32);
  private tmpKey: Uint8Array = new Uint8Array(32);
  private tmpIv: Uint8Array = new Uint8Array(32);
  private dhPrime: Uint8Array = new Uint8Array(0);
  private g = 0;
  private gA: Uint8Array = new Uint8Array(0);
  private authKey: Uint8Array = new Uint8Array(0);
  private timeOffsetSeconds = 0;
  private retries = 0;

  constructor(options: ClientHandshakeOptions) {
    this.options = options;
    this.crypto = options.crypto;
    this.random = options.random ?? ((n) => options.crypto.randomBytes(n));
    this.nowMs = options.nowMs ?? Date.now;
  }

  get isDone(): boolean {
    return this.state === 'done';
  }

  /** Step 1: the req_pq_multi body. */
  start(): Uint8Array {
    if (this.state !== 'initial') throw new HandshakeError('handshake already started');
    this.nonce = this.random(16);
    this.state = 'awaiting-res-pq';
    return encodeReqPqMulti(this.nonce);
  }

  /** Feeds one server answer (the body of a plain message). */
  receive(body: Uint8Array): HandshakeStep {
    switch (this.state) {
      case 'awaiting-res-pq':
        return this.onResPq(body);
      case 'awaiting-dh-params':
        return this.onDhParams(body);
      case 'awaiting-dh-gen':
        return this.onDhGen(body);
      default:
        throw new HandshakeError(`unexpected handshake answer in state ${this.state}`);
    }
  }

  private checkNonces(answer: { nonce: Uint8Array; serverNonce?: Uint8Array }): void {
    if (!bytesEqual(answer.nonce, this.nonce)) {
      throw new SecurityError('nonce', 'handshake answer carries a foreign nonce');
    }
    if (answer.serverNonce !== undefined && !bytesEqual(answer.serverNonce, this.serverNonce)) {
      throw new SecurityError('server_nonce', 'handshake answer carries a foreign server_nonce');
    }
  }

  private onResPq(body: Uint8Array): HandshakeStep {
    const answer = decodeResPq(body);
    this.checkNonces({ nonce: answer.nonce });
    this.serverNonce = answer.serverNonce;
    const key = this.options.rsaKeys.find((candidate) =>
      answer.fingerprints.some((fingerprint) => fingerprint === candidate.fingerprint),
    );
    if (!key) throw new HandshakeError('the server offered no RSA key this client trusts');
    const { p, q } = factorizePq(answer.pq);
    this.newNonce = this.random(32);
    const data = encodePqInnerData({
      dc: this.options.innerDataConstructor === 'p_q_inner_data' ? undefined : this.options.dcId,
      pq: answer.pq,
      p,
      q,
      nonce: this.nonce,
      serverNonce: this.serverNonce,
      newNonce: this.newNonce,
    });
    const encryptedData = this.options.rsaEncrypt
      ? this.options.rsaEncrypt(data, key)
      : rsaPad(this.crypto, data, key, this.random);
    ({ key: this.tmpKey, iv: this.tmpIv } = tmpAesKeyIv(
      this.crypto,
      this.newNonce,
      this.serverNonce,
    ));
    this.state = 'awaiting-dh-params';
    return {
      type: 'send',
      body: encodeReqDhParams({
        nonce: this.nonce,
        serverNonce: this.serverNonce,
        p,
        q,
        fingerprint: key.fingerprint,
        encryptedData,
      }),
    };
  }

  private onDhParams(body: Uint8Array): HandshakeStep {
    const answer = decodeServerDhParams(body);
    this.checkNonces(answer);
    if (answer.kind === 'fail') {
      if (!bytesEqual(answer.newNonceHash, newNonceFailHash(this.crypto, this.newNonce))) {
        throw new SecurityError('new_nonce_hash', 'server_DH_params_fail with a wrong hash');
      }
      throw new HandshakeError('the server refused the DH parameters request');
    }
    const inner = decryptWithHash(
      this.crypto,
      answer.encryptedAnswer,
      this.tmpKey,
      this.tmpIv,
      decodeServerDhInnerData,
    );
    this.checkNonces(inner);
    try {
      checkDhParams(this.crypto, inner.dhPrime, inner.g);
      checkDhPublic(inner.gA, inner.dhPrime);
    } catch (error) {
      throw new SecurityError('dh_params', 'the server sent unsafe DH parameters', {
        cause: error,
      });
    }
    this.dhPrime = inner.dhPrime;
    this.g = inner.g;
    this.gA = inner.gA;
    this.timeOffsetSeconds = Math.round(inner.serverTime - this.nowMs() / 1000);
    return this.sendClientDh(0n);
  }

  private sendClientDh(retryId: bigint): HandshakeStep {
    const b = this.random(256);
    const gB = toFixedBE(this.crypto.modPow(Uint8Array.of(this.g), b, this.dhPrime), 256);
    checkDhPublic(gB, this.dhPrime);
    this.authKey = toFixedBE(this.crypto.modPow(this.gA, b, this.dhPrime), 256);
    const data = encodeClientDhInnerData({
      nonce: this.nonce,
      serverNonce: this.serverNonce,
      retryId,
      gB,
    });
    const encryptedData = encryptWithHash(this.crypto, data, this.tmpKey, this.tmpIv, this.random);
    this.state = 'awaiting-dh-gen';
    return {
      type: 'send',
      body: encodeSetClientDhParams({
        nonce: this.nonce,
        serverNonce: this.serverNonce,
        encryptedData,
      }),
    };
  }

  private onDhGen(body: Uint8Array): HandshakeStep {
    const answer = decodeDhGen(body);
    this.checkNonces(answer);
    if (answer.kind === 'ok') {
      this.checkNewNonceHash(answer.newNonceHash, 1);
      this.state = 'done';
      return {
        type: 'done',
        result: {
          authKey: this.authKey,
          serverSalt: serverSaltFromNonces(this.newNonce, this.serverNonce),
          timeOffsetSeconds: this.timeOffsetSeconds,
        },
      };
    }
    if (answer.kind === 'retry') {
      this.checkNewNonceHash(answer.newNonceHash, 2);
      if (++this.retries > (this.options.maxRetries ?? 5)) {
        throw new HandshakeError('the server asked to retry the DH exchange too many times');
      }
      return this.sendClientDh(readInt64LE(authKeyAuxHash(this.crypto, this.authKey), 0));
    }
    this.checkNewNonceHash(answer.newNonceHash, 3);
    throw new HandshakeError('the server rejected the new auth key (dh_gen_fail)');
  }

  private checkNewNonceHash(received: Uint8Array, n: 1 | 2 | 3): void {
    if (!bytesEqual(received, newNonceHash(this.crypto, this.newNonce, this.authKey, n))) {
      throw new SecurityError('new_nonce_hash', `new_nonce_hash${n} does not match`);
    }
  }
}
