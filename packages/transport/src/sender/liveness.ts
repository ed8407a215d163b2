/**
 * Decides when a connection needs a ping and when it is dead. A connection "owes" answers while
 * requests or pings are in flight; if it then stays silent for half of `stallTimeoutMs` a probe
 * ping goes out, and if the silence reaches `stallTimeoutMs` (checked on ticks of `tickMs`, so
 * detection never comes later) the connection is declared dead. An idle connection sends a
 * keep-alive ping_delay_disconnect every `pingIntervalMs`. Pure: time comes in as arguments.
 */
export type LivenessAction =
  | { type: 'probe' }
  | { type: 'keepalive'; disconnectDelaySeconds: number }
  | { type: 'dead'; silentMs: number };

export interface LivenessOptions {
  stallTimeoutMs: number;
  pingIntervalMs: number;
}

export class LivenessMonitor {
  readonly tickMs: number;
  private readonly options: LivenessOptions;
  private lastReceivedAt = 0;
  private lastSentAt = 0;
  private owedSince: number | undefined;
  private isProbeSent = false;

  constructor(options: LivenessOptions) {
    this.options = options;
    this.tickMs = Math.max(20, Math.min(500, Math.floor(options.stallTimeoutMs / 20)));
  }

  /** A fresh connection: nothing owed, nothing heard yet. */
  reset(nowMs: number): void {
    this.lastReceivedAt = nowMs;
    this.lastSentAt = nowMs;
    this.owedSince = undefined;
    this.isProbeSent = false;
  }

  onReceived(nowMs: number, isOwed: boolean): void {
    this.lastReceivedAt = nowMs;
    this.isProbeSent = false;
    this.owedSince = isOwed ? nowMs : undefined;
  }

  onSent(nowMs: number, isOwed: boolean): void {
    this.lastSentAt = nowMs;
    if (this.owedSince === undefined && isOwed) this.owedSince = nowMs;
  }

  /** What to do on this tick. */
  check(nowMs: number): LivenessAction[] {
    const actions: LivenessAction[] = [];
    const { stallTimeoutMs, pingIntervalMs } = this.options;
    if (this.owedSince !== undefined) {
      const silentMs = nowMs - Math.max(this.lastReceivedAt, this.owedSince);
      // The last tick that keeps detection within stallTimeoutMs.
      if (silentMs + this.tickMs > stallTimeoutMs) return [{ type: 'dead', silentMs }];
      if (silentMs >= stallTimeoutMs / 2 && !this.isProbeSent) {
        this.isProbeSent = true;
        actions.push({ type: 'probe' });
      }
    }
    if (nowMs - this.lastSentAt >= pingIntervalMs) {
      // The server drops the connection itself if our pings stop (ping_delay_disconnect).
      const disconnectDelaySeconds = Math.ceil((pingIntervalMs + stallTimeoutMs) / 1000) + 5;
      actions.push({ type: 'keepalive', disconnectDelaySeconds });
    }
    return actions;
  }
}
