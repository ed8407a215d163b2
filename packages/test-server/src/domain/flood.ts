import { rpc } from '../errors.js';

/** At most `maxRequests` calls per key (phone) within `windowMs`. */
export interface FloodLimit {
  readonly maxRequests: number;
  readonly windowMs: number;
}

/** Sliding-window flood control per (method, key), answering FLOOD_WAIT_X like Telegram. */
export class FloodControl {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly limits: Map<string, FloodLimit>) {}

  setLimit(method: string, limit: FloodLimit | undefined): void {
    if (limit) this.limits.set(method, limit);
    else this.limits.delete(method);
  }

  /** Records one call; throws FLOOD_WAIT_X (X = whole seconds until a slot frees) when over. */
  check(method: string, key: string, nowMs: number): void {
    const limit = this.limits.get(method);
    if (!limit) return;
    const id = `${method}\u0000${key}`;
    const recent = (this.hits.get(id) ?? []).filter((t) => nowMs - t < limit.windowMs);
    if (recent.length >= limit.maxRequests) {
      this.hits.set(id, recent);
      const waitMs = recent[0] + limit.windowMs - nowMs;
      throw rpc.flood(Math.max(1, Math.ceil(waitMs / 1000)));
    }
    recent.push(nowMs);
    this.hits.set(id, recent);
  }

  reset(): void {
    this.hits.clear();
  }
}
