/** How often the server saw, executed and replayed each method: tests read these to prove retries. */
export interface MethodCount {
  /** Requests that arrived (including resends of an already executed msg_id). */
  received: number;
  /** Times the request was carried out (not counting refusals with FLOOD_WAIT_X). */
  executed: number;
  /** Resends answered from the cache of recent results without running the handler. */
  replayed: number;
  /** Answers that were rpc_error. */
  failed: number;
}

export class RequestCounters {
  private readonly counts = new Map<string, MethodCount>();

  private entry(method: string): MethodCount {
    let count = this.counts.get(method);
    if (!count) {
      count = { received: 0, executed: 0, replayed: 0, failed: 0 };
      this.counts.set(method, count);
    }
    return count;
  }

  received(method: string): void {
    this.entry(method).received++;
  }
  executed(method: string): void {
    this.entry(method).executed++;
  }
  replayed(method: string): void {
    this.entry(method).replayed++;
  }
  failed(method: string): void {
    this.entry(method).failed++;
  }

  /** A copy; zeros for a method never seen. */
  get(method: string): MethodCount {
    return { ...(this.counts.get(method) ?? { received: 0, executed: 0, replayed: 0, failed: 0 }) };
  }

  snapshot(): Record<string, MethodCount> {
    const out: Record<string, MethodCount> = {};
    for (const [method, count] of this.counts) out[method] = { ...count };
    return out;
  }

  reset(): void {
    this.counts.clear();
  }
}
