/** The timers the client uses, injectable so tests control time instead of waiting for it. */
export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A flood sleep must not keep a finished program alive on its own.
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('aborted');
}

/** Resolves after `ms`, or rejects with the reason of the first signal that aborts. */
export function sleep(
  scheduler: Scheduler,
  ms: number,
  signals: readonly (AbortSignal | undefined)[],
): Promise<void> {
  return new Promise((resolve, reject) => {
    const active = signals.filter((s): s is AbortSignal => s !== undefined);
    const aborted = active.find((s) => s.aborted);
    if (aborted) {
      reject(abortReason(aborted));
      return;
    }
    const cleanup = (): void => {
      scheduler.clearTimeout(handle);
      for (const s of active) s.removeEventListener('abort', onAbort);
    };
    const onAbort = (event: Event): void => {
      cleanup();
      reject(abortReason(event.target as AbortSignal));
    };
    const handle = scheduler.setTimeout(() => {
      cleanup();
      resolve();
    }, ms);
    for (const s of active) s.addEventListener('abort', onAbort, { once: true });
  });
}
