/**
 * One connection the Sender opened: its packet and close subscriptions and the abort signal of
 * its `connect`. Disposing it unsubscribes, cancels a connect still under way and closes it.
 */
import { SenderClosedError } from '../mtproto/errors.js';
import type { SenderConnection } from './sender-options.js';

export interface ConnectionHandlers {
  onPacket(packet: Uint8Array): void;
  onClose(reason: Error | undefined): void;
}

export class ConnectionAttempt {
  readonly connection: SenderConnection;
  private readonly abort = new AbortController();
  private isOpen = false;
  private unsubscribes: (() => void)[];

  constructor(connection: SenderConnection, handlers: ConnectionHandlers) {
    this.connection = connection;
    this.unsubscribes = [
      toUnsubscribe(connection.onPacket((packet) => handlers.onPacket(packet))),
      toUnsubscribe(connection.onClose((reason) => handlers.onClose(reason))),
    ];
  }

  /** Connects (asynchronously even when `connect` throws synchronously). */
  open(): Promise<void> {
    return Promise.resolve().then(() => this.connection.connect(this.abort.signal));
  }

  /** The connect finished: disposing no longer aborts it. */
  markOpen(): void {
    this.isOpen = true;
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.unsubscribes = [];
    if (!this.isOpen) this.abort.abort(new SenderClosedError('connection attempt cancelled'));
    try {
      this.connection.close();
    } catch {
      // The connection is being discarded either way.
    }
  }
}

function toUnsubscribe(value: unknown): () => void {
  return typeof value === 'function' ? (value as () => void) : () => {};
}
