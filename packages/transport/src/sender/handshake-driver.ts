/**
 * Runs a ClientHandshake over plain messages on one connection: wraps each body in a plain
 * message with a fresh client msg_id, and unwraps the answers.
 */
import {
  ClientHandshake,
  type ClientHandshakeOptions,
  type HandshakeResult,
} from '../mtproto/handshake-client.js';
import { MsgIdGenerator } from '../mtproto/msg-id.js';
import { decodePlainMessage, encodePlainMessage } from '../mtproto/plain-message.js';

export class HandshakeDriver {
  private readonly handshake: ClientHandshake;
  private readonly msgIds: MsgIdGenerator;
  private readonly send: (packet: Uint8Array) => void;

  constructor(
    options: ClientHandshakeOptions & { nowMs: () => number },
    send: (packet: Uint8Array) => void,
  ) {
    this.handshake = new ClientHandshake(options);
    this.msgIds = new MsgIdGenerator({ nowMs: options.nowMs });
    this.send = send;
  }

  start(): void {
    this.sendBody(this.handshake.start());
  }

  /** Feeds one packet; returns the result once the key exists. Throws on any failure. */
  receive(packet: Uint8Array): HandshakeResult | undefined {
    const step = this.handshake.receive(decodePlainMessage(packet).body);
    if (step.type === 'done') return step.result;
    this.sendBody(step.body);
    return undefined;
  }

  private sendBody(body: Uint8Array): void {
    this.send(encodePlainMessage(this.msgIds.next('client'), body));
  }
}
