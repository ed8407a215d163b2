/** Reconnect delays: bounded exponential backoff with proportional jitter. */
export interface BackoffOptions {
  /** Delay before the first reconnect attempt. Default 250 ms. */
  initialDelayMs?: number;
  /** Upper bound of any delay. Default 30 s. */
  maxDelayMs?: number;
  /** Attempts in a row before the Sender gives up and closes. Default 10. */
  maxAttempts?: number;
  /** Fraction of the delay randomised either way, 0..1. Default 0.25. */
  jitter?: number;
}

export const DEFAULT_BACKOFF: Required<BackoffOptions> = {
  initialDelayMs: 250,
  maxDelayMs: 30_000,
  maxAttempts: 10,
  jitter: 0.25,
};

/**
 * Delay before reconnect attempt number `attempt` (1-based). `unit` is a uniform random number
 * in [0, 1) used for the jitter.
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions, unit: number): number {
  const { initialDelayMs, maxDelayMs, jitter } = { ...DEFAULT_BACKOFF, ...options };
  const base = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, attempt - 1));
  const spread = base * jitter * (2 * unit - 1);
  return Math.max(0, Math.min(maxDelayMs, Math.round(base + spread)));
}

/** Counts failed attempts in a row and turns them into delays, until it is time to give up. */
export class ReconnectPolicy {
  private failures = 0;
  readonly maxAttempts: number;

  constructor(
    private readonly options: BackoffOptions,
    /** Uniform random number in [0, 1) for the jitter. */
    private readonly unit: () => number,
  ) {
    this.maxAttempts = options.maxAttempts ?? DEFAULT_BACKOFF.maxAttempts;
  }

  /** 1-based number of the attempt about to start. */
  get nextAttempt(): number {
    return this.failures + 1;
  }

  /** Records a failure: the delay before the next attempt, or undefined to give up. */
  failed(): number | undefined {
    this.failures++;
    if (this.failures > this.maxAttempts) return undefined;
    return backoffDelayMs(this.failures, this.options, this.unit());
  }

  succeeded(): void {
    this.failures = 0;
  }
}
