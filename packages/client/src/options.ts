import type { Prompter } from '@telets/auth';
import type { CryptoProvider, RsaPublicKey } from '@telets/crypto';
import type { DcAddress } from '@telets/session-memory';
import type { DcConnector } from './connector.js';
import { InvalidOptionError } from './errors.js';
import { isLogLevel, type Logger, type LogLevel } from './logger.js';
import type { Scheduler } from './scheduler.js';

export type TransportKind = 'abridged' | 'intermediate' | 'padded' | 'full';

export interface ClientOptions {
  /** Where the data centres are. Default: Telegram's production DCs (test DCs with `testMode`). */
  dcs?: readonly DcAddress[];
  /** The DC a new session starts on. Default 2, or the first of `dcs` when that lacks DC 2. */
  defaultDcId?: number;
  /** Use Telegram's test DCs and test RSA keys instead of production. */
  testMode?: boolean;
  /** The server RSA keys to trust for the handshake. Default: Telegram's (production or test). */
  rsaKeys?: readonly RsaPublicKey[];
  /** Framing on the wire. Default 'intermediate'. */
  transport?: TransportKind;
  /** Wrap the framing in the obfuscation layer (looks like random bytes to middleboxes). */
  obfuscated?: boolean;
  deviceModel?: string;
  systemVersion?: string;
  appVersion?: string;
  systemLangCode?: string;
  langPack?: string;
  langCode?: string;
  /** FLOOD_WAITs up to this many seconds are slept through; longer ones throw. Default 60. */
  floodSleepThresholdSeconds?: number;
  /** Default timeout of one request. Default 60 000 ms. */
  requestTimeoutMs?: number;
  /** Timeout of opening one TCP connection. Default 10 000 ms. */
  connectTimeoutMs?: number;
  /** A connection owing answers that hears nothing this long is replaced. Default 10 000 ms. */
  stallTimeoutMs?: number;
  /** An idle connection pings this often to stay alive. Default 60 000 ms. */
  pingIntervalMs?: number;
  logger?: Logger;
  /** Default 'warn'. At 'debug' every request's name (never its content) is logged. */
  logLevel?: LogLevel;
  /** Used by interactiveLogin when none is given; default: the terminal. */
  prompter?: Prompter;
  /** Default: the Node provider of @telets/crypto. */
  crypto?: CryptoProvider;
  /** Replaces how connections are opened (tests, custom transports). */
  connector?: DcConnector;
  /** Replaces the timers the client uses for flood sleeps (tests). */
  scheduler?: Scheduler;
}

export interface InitConnectionInfo {
  deviceModel: string;
  systemVersion: string;
  appVersion: string;
  systemLangCode: string;
  langPack: string;
  langCode: string;
}

function checkNonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidOptionError(name, `expected a number of 0 or more, got ${String(value)}`);
  }
  return value;
}

function checkPositiveInt(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value <= 0) {
    throw new InvalidOptionError(name, `expected a positive integer, got ${String(value)}`);
  }
  return value;
}

function checkText(name: string, value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidOptionError(name, 'expected a non-empty string');
  }
  return value;
}

export interface CheckedOptions {
  floodSleepThresholdSeconds: number;
  requestTimeoutMs: number;
  connectTimeoutMs: number;
  stallTimeoutMs: number;
  pingIntervalMs: number;
  defaultDcId?: number;
  logLevel: LogLevel;
  transport: TransportKind;
  init: InitConnectionInfo;
}

const TRANSPORTS: readonly TransportKind[] = ['abridged', 'intermediate', 'padded', 'full'];

/** Validates everything that can be validated without I/O, so mistakes surface in the constructor. */
export function checkOptions(options: ClientOptions, defaults: InitConnectionInfo): CheckedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionError('options', 'expected an object');
  }
  if (options.logLevel !== undefined && !isLogLevel(options.logLevel)) {
    throw new InvalidOptionError(
      'logLevel',
      `expected silent, error, warn, info or debug, got ${String(options.logLevel)}`,
    );
  }
  if (options.transport !== undefined && !TRANSPORTS.includes(options.transport)) {
    throw new InvalidOptionError(
      'transport',
      `expected one of ${TRANSPORTS.join(', ')}, got ${String(options.transport)}`,
    );
  }
  if (options.dcs !== undefined) {
    if (!Array.isArray(options.dcs) || options.dcs.length === 0) {
      throw new InvalidOptionError('dcs', 'expected a non-empty array of { id, ipAddress, port }');
    }
    for (const dc of options.dcs) {
      const ok =
        Number.isInteger(dc?.id) &&
        dc.id > 0 &&
        typeof dc.ipAddress === 'string' &&
        dc.ipAddress.length > 0 &&
        Number.isInteger(dc.port) &&
        dc.port > 0 &&
        dc.port < 65536;
      if (!ok) {
        throw new InvalidOptionError('dcs', `not a valid DC address: ${JSON.stringify(dc)}`);
      }
    }
  }
  if (
    options.rsaKeys !== undefined &&
    (!Array.isArray(options.rsaKeys) || !options.rsaKeys.length)
  ) {
    throw new InvalidOptionError('rsaKeys', 'expected a non-empty array of RSA public keys');
  }
  return {
    floodSleepThresholdSeconds: checkNonNegative(
      'floodSleepThresholdSeconds',
      options.floodSleepThresholdSeconds,
      60,
    ),
    requestTimeoutMs: checkNonNegative('requestTimeoutMs', options.requestTimeoutMs, 60_000),
    connectTimeoutMs: checkNonNegative('connectTimeoutMs', options.connectTimeoutMs, 10_000),
    stallTimeoutMs: checkNonNegative('stallTimeoutMs', options.stallTimeoutMs, 10_000),
    pingIntervalMs: checkNonNegative('pingIntervalMs', options.pingIntervalMs, 60_000),
    defaultDcId: checkPositiveInt('defaultDcId', options.defaultDcId),
    logLevel: options.logLevel ?? 'warn',
    transport: options.transport ?? 'intermediate',
    init: {
      deviceModel: checkText('deviceModel', options.deviceModel, defaults.deviceModel),
      systemVersion: checkText('systemVersion', options.systemVersion, defaults.systemVersion),
      appVersion: checkText('appVersion', options.appVersion, defaults.appVersion),
      systemLangCode: checkText('systemLangCode', options.systemLangCode, defaults.systemLangCode),
      langPack: options.langPack ?? defaults.langPack,
      langCode: checkText('langCode', options.langCode, defaults.langCode),
    },
  };
}
