import type { CryptoProvider } from '@telets/crypto';
import type { RsaPrivateKey } from '@telets/transport';
import type { World } from '../domain/world.js';
import type { FaultPlan } from '../faults.js';
import type { RuntimeRegistry } from './registry.js';

/** One line of the request log (the CLI prints these at the verbose level). */
export interface RequestLogEntry {
  readonly dcId: number;
  readonly authKeyId: bigint;
  readonly method: string;
  /** `ok`, or the rpc_error text, e.g. `420 FLOOD_WAIT_5`. */
  readonly outcome: string;
  /** Whether the answer came from the cache of recent results (a resend). */
  readonly isReplay: boolean;
}

/** Everything a connection's protocol handler needs from the server around it. */
export interface ProtocolHost {
  readonly world: World;
  readonly crypto: CryptoProvider;
  readonly rsaKey: RsaPrivateKey;
  readonly faults: FaultPlan;
  readonly runtimes: RuntimeRegistry;
  /** Answer 406 AUTH_KEY_DUPLICATED when one auth key is used by two connections at once. */
  readonly isDuplicateKeyRejected: boolean;
  /** Whether another open connection is using this auth key. */
  isKeyInUseElsewhere(dcId: number, authKeyId: bigint, connection: object): boolean;
  log(entry: RequestLogEntry): void;
  /** Logged protocol anomalies (bad packets, failed handshakes): never secrets. */
  warn(dcId: number, message: string): void;
}

/** What the protocol layer does to the connection it runs on. */
export interface PacketSink {
  readonly isOpen: boolean;
  send(packet: Uint8Array): void;
  /** Answers a quick-ack request (abridged/intermediate/padded framings only). */
  sendQuickAck(token: number): void;
  /** Sends a 4-byte transport error (e.g. -404) and closes. */
  sendTransportError(code: number): void;
  close(): void;
  /** ping_delay_disconnect: close after this many seconds without another ping. */
  disconnectAfter(seconds: number): void;
}
