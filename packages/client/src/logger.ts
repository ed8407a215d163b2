/** Where the client's log lines go. Any object with these four methods fits (console does). */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

const RANK: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 };

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && value in RANK;
}

/** The default sink: stderr through console, one prefixed line per message. */
export const consoleLogger: Logger = {
  error: (m) => console.error(`[telets] ${m}`),
  warn: (m) => console.error(`[telets] ${m}`),
  info: (m) => console.error(`[telets] ${m}`),
  debug: (m) => console.error(`[telets] ${m}`),
};

// Long runs of hex or base64 are what key material looks like once stringified; a log line has
// no legitimate reason to carry one, so they are masked even if a caller slipped one in.
const KEY_LIKE = /\b[0-9a-fA-F]{32,}\b|[A-Za-z0-9+/_-]{64,}={0,2}/g;

/**
 * Filters by level and scrubs every line: the given secrets (api hash, bot token secret, ...)
 * and anything shaped like key material are replaced before the line reaches the sink.
 */
export class ScrubbingLogger implements Logger {
  private readonly rank: number;
  constructor(
    private readonly sink: Logger,
    level: LogLevel,
    private readonly secrets: () => readonly string[],
  ) {
    this.rank = RANK[level];
  }

  isEnabled(level: Exclude<LogLevel, 'silent'>): boolean {
    return RANK[level] <= this.rank;
  }

  error(message: string): void {
    if (this.isEnabled('error')) this.sink.error(this.scrub(message));
  }
  warn(message: string): void {
    if (this.isEnabled('warn')) this.sink.warn(this.scrub(message));
  }
  info(message: string): void {
    if (this.isEnabled('info')) this.sink.info(this.scrub(message));
  }
  debug(message: string): void {
    if (this.isEnabled('debug')) this.sink.debug(this.scrub(message));
  }

  scrub(message: string): string {
    let out = message;
    for (const secret of this.secrets()) {
      if (secret.length >= 4) out = out.split(secret).join('[redacted]');
    }
    return out.replace(KEY_LIKE, '[redacted]');
  }
}
