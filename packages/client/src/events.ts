import type { ConnectionState } from './connector.js';
import type { LoggedOutError } from './errors.js';

export interface ConnectionStateEvent {
  dcId: number;
  state: ConnectionState;
  reason?: unknown;
}

/** What a Client emits; subscribe with `client.on(name, listener)`. */
export interface ClientEvents {
  /** The server ended the signed-in session (401 on the home DC). */
  loggedOut: LoggedOutError;
  /** A DC link connected, dropped or is reconnecting. */
  connectionState: ConnectionStateEvent;
  /** A raw update object as the server sent it. */
  update: unknown;
}

type Listener<T> = (value: T) => void;

/** A minimal typed emitter; a throwing listener is reported, never allowed to break the client. */
export class Emitter<E> {
  private readonly listeners = new Map<keyof E, Set<Listener<never>>>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  on<K extends keyof E>(name: K, listener: Listener<E[K]>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener as Listener<never>);
    return () => {
      set.delete(listener as Listener<never>);
    };
  }

  emit<K extends keyof E>(name: K, value: E[K]): void {
    for (const listener of [...(this.listeners.get(name) ?? [])]) {
      try {
        (listener as Listener<E[K]>)(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
