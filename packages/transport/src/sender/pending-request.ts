/**
 * A request waiting for its answer, with its own timeout and AbortSignal wiring. `settle` runs at
 * most once; it clears the timer and the abort listener whatever the outcome.
 */
import type { TlFunction } from '@telets/tl-schema';
import { RequestAbortedError, RequestTimeoutError } from '../mtproto/errors.js';
import type { Scheduler } from './scheduler.js';

export type Outcome = { body: Uint8Array } | { error: Error };

export interface PendingRequest {
  key: number;
  name: string;
  body: Uint8Array;
  /** Internal requests (pings) have no caller. */
  isInternal: boolean;
  settle(outcome: Outcome): void;
}

export interface CallerOptions {
  key: number;
  request: TlFunction;
  body: Uint8Array;
  signal: AbortSignal | undefined;
  timeoutMs: number | undefined;
  scheduler: Scheduler;
  /** Turns the result bytes into the caller's value (may throw). */
  decode: (request: TlFunction, body: Uint8Array) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  /** Called when the timeout or the signal fires: the owner forgets the request. */
  abandon: (key: number, error: Error) => void;
}

export function createCallerRequest(options: CallerOptions): PendingRequest {
  const { key, request, signal, timeoutMs, scheduler } = options;
  const name = request._;
  let isSettled = false;
  const onAbort = (): void => options.abandon(key, new RequestAbortedError(name, signal?.reason));
  const timer =
    timeoutMs === undefined
      ? undefined
      : scheduler.setTimeout(
          () => options.abandon(key, new RequestTimeoutError(name, timeoutMs)),
          timeoutMs,
        );
  signal?.addEventListener('abort', onAbort, { once: true });
  return {
    key,
    name,
    body: options.body,
    isInternal: false,
    settle(outcome) {
      if (isSettled) return;
      isSettled = true;
      if (timer !== undefined) scheduler.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if ('error' in outcome) return options.reject(outcome.error);
      try {
        options.resolve(options.decode(request, outcome.body));
      } catch (error) {
        options.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
}

/** The Sender's requests awaiting answers, by key (ascending key = sending order). */
export class PendingRequests {
  private readonly byKey = new Map<number, PendingRequest>();

  add(request: PendingRequest): void {
    this.byKey.set(request.key, request);
  }

  has(key: number): boolean {
    return this.byKey.has(key);
  }

  /** Requests that have a caller (pings excluded). */
  get callerCount(): number {
    let count = 0;
    for (const request of this.byKey.values()) if (!request.isInternal) count++;
    return count;
  }

  /** Every pending request, oldest first. */
  all(): PendingRequest[] {
    return [...this.byKey.values()].sort((a, b) => a.key - b.key);
  }

  /** Removes the request and settles it; false when it was no longer pending. */
  settle(key: number, outcome: Outcome): boolean {
    const request = this.byKey.get(key);
    if (!request) return false;
    this.byKey.delete(key);
    request.settle(outcome);
    return true;
  }

  /** Forgets the internal requests (pings of a dead connection); returns their keys. */
  removeInternal(): number[] {
    const keys = [...this.byKey.values()].filter((r) => r.isInternal).map((r) => r.key);
    for (const key of keys) this.byKey.delete(key);
    return keys;
  }

  /** Settles everything with `error` and empties the set. */
  rejectAll(error: Error): void {
    const requests = this.all();
    this.byKey.clear();
    for (const request of requests) request.settle({ error });
  }
}
