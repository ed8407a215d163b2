/** Time source and timers for the Sender, injectable so tests control time completely. */
export interface Scheduler {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Named one-shot timers on a Scheduler; setting a name again replaces its timer. */
export class TimerSet {
  private readonly handles = new Map<string, unknown>();

  constructor(private readonly scheduler: Scheduler) {}

  set(name: string, ms: number, callback: () => void): void {
    this.clear(name);
    const handle = this.scheduler.setTimeout(() => {
      this.handles.delete(name);
      callback();
    }, ms);
    this.handles.set(name, handle);
  }

  has(name: string): boolean {
    return this.handles.has(name);
  }

  clear(name: string): void {
    const handle = this.handles.get(name);
    if (handle === undefined) return;
    this.handles.delete(name);
    this.scheduler.clearTimeout(handle);
  }

  clearAll(): void {
    for (const name of [...this.handles.keys()]) this.clear(name);
  }
}
