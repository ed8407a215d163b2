/** Options, inputs and outputs of ClientSession. */
import type { CryptoProvider } from '@telets/crypto';
import type { MtprotoError } from './errors.js';
import type { MsgIdVerdict } from './msg-id-window.js';

export interface ClientSessionOptions {
  crypto: CryptoProvider;
  authKey: Uint8Array;
  /** First server salt (from the handshake or a saved session); 0 asks the server for one. */
  serverSalt?: bigint;
  /** Server time minus local time in seconds. */
  timeOffsetSeconds?: number;
  /**
   * Whether `timeOffsetSeconds` is known to be right (true straight after a handshake). When
   * false, the first authenticated server message sets the offset, and the ±30/300 s msg_id
   * window is enforced only from then on.
   */
  isTimeSynced?: boolean;
  /** Session id; random by default. */
  sessionId?: bigint;
  nowMs?: () => number;
  random?: (n: number) => Uint8Array;
  /** Requests at least this long are sent gzip_packed when that saves bytes. Default 512. */
  gzipThresholdBytes?: number;
  maxContainerMessages?: number;
  maxContainerBytes?: number;
  /** Resends allowed per request after bad_msg_notification/bad_server_salt. Default 5. */
  maxResends?: number;
  maxInflatedBytes?: number;
}

export interface OutgoingRequest {
  /** Caller's handle for this request; comes back in events. Unique among live requests. */
  key: number;
  /** The serialized TL function. */
  body: Uint8Array;
  /** The request's `_`, for error messages. */
  name: string;
}

export type SessionEvent =
  | { type: 'result'; key: number; body: Uint8Array }
  | { type: 'error'; key: number; error: MtprotoError }
  | { type: 'update'; msgId: bigint; body: Uint8Array }
  | { type: 'new-session'; firstMsgId: bigint; uniqueId: bigint }
  | { type: 'salt'; salt: bigint }
  | { type: 'time-sync'; offsetSeconds: number }
  | { type: 'ignored'; msgId: bigint; reason: Exclude<MsgIdVerdict, 'ok'> };

export interface OutgoingPacket {
  packet: Uint8Array;
  /** msg_id of the top-level message (the container when several were packed). */
  msgId: bigint;
  /** Keys of the requests this packet carries. */
  keys: number[];
}
