import type { Scheduler } from '../src/index.js';

/** Timers that only fire when the test says so. */
export class ManualScheduler implements Scheduler {
  readonly timers = new Map<number, { callback: () => void; ms: number }>();
  private nextId = 1;

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { callback, ms });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** The delays of the timers now waiting. */
  delays(): number[] {
    return [...this.timers.values()].map((t) => t.ms);
  }

  fireAll(): void {
    const due = [...this.timers.entries()];
    this.timers.clear();
    for (const [, t] of due) t.callback();
  }
}

/** Lets queued promise callbacks run (a few turns, for chains of awaits). */
export async function flush(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await Promise.resolve();
}

/** Waits until `predicate` holds, turning the microtask queue (no real time involved). */
export async function until(predicate: () => boolean, turns = 2000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (predicate()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition never became true');
}
