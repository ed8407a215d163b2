import type { CryptoProvider, RsaPublicKey } from '@telets/crypto';
import type { TlObject } from '@telets/tl-schema';
import type { Connection } from '../connection/connection.js';
import type { HandshakeResult } from '../mtproto/handshake-client.js';
import type { BackoffOptions } from './backoff.js';
import type { Scheduler } from './scheduler.js';

/** The part of the connection interface the Sender uses. */
export type SenderConnection = Pick<
  Connection,
  'connect' | 'send' | 'onPacket' | 'onClose' | 'close'
>;

export interface SenderOptions {
  crypto: CryptoProvider;
  /** Makes a fresh, unconnected connection; called once per (re)connect attempt. */
  createConnection: () => SenderConnection;
  /** DC id announced in p_q_inner_data_dc (+10000 for test DCs, negative for media DCs). */
  dcId: number;
  /** A saved auth key; without one the Sender runs the handshake first. Secret. */
  authKey?: Uint8Array;
  serverSalt?: bigint;
  /** Server time minus local time, in seconds, saved with the auth key. */
  timeOffsetSeconds?: number;
  /** RSA keys trusted for the handshake. Required when no auth key is given. */
  rsaKeys?: readonly RsaPublicKey[];
  /** Called with every new auth key as soon as it exists, before requests use it. */
  onAuthKey?: (result: HandshakeResult) => void | Promise<void>;
  scheduler?: Scheduler;
  random?: (n: number) => Uint8Array;
  /** An idle connection sends ping_delay_disconnect this often. Default 60 s. */
  pingIntervalMs?: number;
  /**
   * A connection that owes answers (requests or pings in flight) and receives nothing for this
   * long is declared dead and replaced. A probe ping is sent at half of it. Default 10 s.
   */
  stallTimeoutMs?: number;
  /**
   * Time allowed for the whole auth-key exchange; each step must also be answered within
   * `stallTimeoutMs`. Default 30 s.
   */
  handshakeTimeoutMs?: number;
  /** Acks are batched for at most this long when nothing else is being sent. Default 100 ms. */
  ackDelayMs?: number;
  reconnect?: BackoffOptions;
  /** Requests at least this long are sent gzip_packed when that saves bytes. Default 512. */
  gzipThresholdBytes?: number;
}

export interface InvokeOptions {
  signal?: AbortSignal;
  /** Rejects this request (only) with RequestTimeoutError after this long. */
  timeoutMs?: number;
}

export type SenderState =
  | 'idle'
  | 'connecting'
  | 'handshaking'
  | 'connected'
  | 'disconnected'
  | 'closed';

export interface SenderEvents {
  connecting: { attempt: number };
  connected: { hasNewAuthKey: boolean };
  disconnected: {
    reason: Error | undefined;
    willReconnect: boolean;
    retryInMs: number | undefined;
  };
  authKey: HandshakeResult;
  /** A non-service server message (an update). `object` is undefined if it does not parse. */
  update: { object: TlObject | undefined; body: Uint8Array };
  /** The server created a new session: updates may have been missed. */
  newSession: { firstMsgId: bigint };
  closed: { reason: Error | undefined };
}
