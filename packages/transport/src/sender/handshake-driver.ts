/**
 * Runs a ClientHandshake over plain messages on one connection: wraps each body in a plain
 * message with a fresh client msg_id, unwraps the answers, and enforces the deadlines (each step
 * must be answered within `stallTimeoutMs`, the whole exchange within `timeoutMs`).
 */
import { ConnectionStalledError, HandshakeError } from '../mtproto/errors.js';
import {
  ClientHandshake,
  type ClientHandshakeOptions,
  type HandshakeResult,
} from '../mtproto/handshake-client.js';
import { MsgIdGenerator } from '../mtproto/msg-id.js';
import { decodePlainMessage, encodePlainMessage } from '../mtproto/plain-message.js';
import type { TimerSet } from './scheduler.js';

export interface HandshakeDriverOptions extends ClientHandshakeOptions {
  nowMs: () => number;
  timers: TimerSet;
  stallTimeoutMs: number;
  timeoutMs: number;
  send(packet: Uint8Array): void;
  /** A deadline passed (ConnectionStalledError or HandshakeError). */
  onTimeout(error: Error): void;
}

export class HandshakeDriver {
  private readonly handshake: ClientHandshake;
  private readonly msgIds: MsgIdGenerator;
  private readonly options: HandshakeDriverOptions;

  constructor(options: HandshakeDriverOptions) {
    this.handshake = new ClientHandshake(options);
    this.msgIds = new MsgIdGenerator({ nowMs: options.nowMs });
    this.options = options;
  }

  start(): void {
    this.options.timers.set('handshake', this.options.timeoutMs, () => {
      this.options.onTimeout(new HandshakeError('the auth key exchange timed out'));
    });
    this.sendBody(this.handshake.start());
  }

  /** Feeds one packet; returns the result once the key exists. Throws on any failure. */
  receive(packet: Uint8Array): HandshakeResult | undefined {
    this.options.timers.clear('handshake-step');
    const step = this.handshake.receive(decodePlainMessage(packet).body);
    if (step.type === 'done') return step.result;
    this.sendBody(step.body);
    return undefined;
  }

  /** Stops the deadlines. */
  dispose(): void {
    this.options.timers.clear('handshake');
    this.options.timers.clear('handshake-step');
  }

  private sendBody(body: Uint8Array): void {
    this.options.send(encodePlainMessage(this.msgIds.next('client'), body));
    // Each step must be answered like any request: silence for stallTimeoutMs is a dead link.
    const { stallTimeoutMs } = this.options;
    this.options.timers.set('handshake-step', stallTimeoutMs, () => {
      this.options.onTimeout(new ConnectionStalledError(stallTimeoutMs));
    });
  }
}
