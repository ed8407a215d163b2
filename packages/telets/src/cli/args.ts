import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ClientOptions, LogLevel } from '@telets/client';
import { parseRsaPublicKey } from '@telets/crypto';
import type { DcAddress } from '@telets/session-memory';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliArgs {
  command: string[];
  session: string;
  apiId?: string;
  apiHash?: string;
  dcs: DcAddress[];
  rsaKeyFiles: string[];
  isTestMode: boolean;
  isJson: boolean;
  bot?: string;
  phone?: string;
  out?: string;
  logLevel?: LogLevel;
  dcCount?: number;
  help: boolean;
}

export const USAGE = `Usage: telets <command> [options]

Commands:
  login [--bot TOKEN] [--phone PHONE]   sign in (asks for phone, code and 2FA password)
  whoami [--json]                       show the account the session is signed in as
  session export [--json]               print the session as a telets string session
  session import-telethon FILE          convert a Telethon session file or string session
                                        into the session given by --session
  test-server [--dc-count N]            run a local Telegram test server until Ctrl-C
  demo                                  sign in against an in-process test server, offline

Options:
  --session NAME      session file; ".session" is appended without an extension
                      (default: "telets", or $TELETS_SESSION)
  --api-id ID         your api_id from my.telegram.org (or $TELETS_API_ID)
  --api-hash HASH     your api_hash (or $TELETS_API_HASH; prefer the variable: it is a secret)
  --dc ID=HOST:PORT   a data centre address (repeatable); default: Telegram's production DCs
  --rsa-key FILE      a PEM file with the server's RSA public key (repeatable)
  --test-mode         use Telegram's test DCs and keys
  --json              print data as JSON
  --log-level LEVEL   silent, error, warn, info or debug (default warn)
  -h, --help          show this help
`;

const DC_PATTERN = /^(\d+)=(\[[^\]]+\]|[^:]+):(\d+)$/;

export function parseDc(text: string): DcAddress {
  const m = DC_PATTERN.exec(text);
  if (!m) throw new UsageError(`--dc expects ID=HOST:PORT (e.g. 2=127.0.0.1:4430), got "${text}"`);
  return { id: Number(m[1]), ipAddress: m[2].replace(/^\[|\]$/g, ''), port: Number(m[3]) };
}

export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv): CliArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  const logLevel = v['log-level'];
  if (logLevel !== undefined && !['silent', 'error', 'warn', 'info', 'debug'].includes(logLevel)) {
    throw new UsageError(
      `--log-level expects silent, error, warn, info or debug, got "${logLevel}"`,
    );
  }
  const dcCount = v['dc-count'] === undefined ? undefined : Number(v['dc-count']);
  if (dcCount !== undefined && (!Number.isInteger(dcCount) || dcCount < 1 || dcCount > 5)) {
    throw new UsageError('--dc-count expects a number from 1 to 5');
  }
  return {
    command: parsed.positionals,
    session: v.session ?? env.TELETS_SESSION ?? 'telets',
    apiId: v['api-id'] ?? env.TELETS_API_ID,
    apiHash: v['api-hash'] ?? env.TELETS_API_HASH,
    dcs: (v.dc ?? []).map(parseDc),
    rsaKeyFiles: v['rsa-key'] ?? [],
    isTestMode: v['test-mode'] === true,
    isJson: v.json === true,
    bot: v.bot,
    phone: v.phone,
    out: v.out,
    logLevel: logLevel as LogLevel | undefined,
    dcCount,
    help: v.help === true,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      session: { type: 'string' },
      'api-id': { type: 'string' },
      'api-hash': { type: 'string' },
      dc: { type: 'string', multiple: true },
      'rsa-key': { type: 'string', multiple: true },
      'test-mode': { type: 'boolean' },
      json: { type: 'boolean' },
      bot: { type: 'string' },
      phone: { type: 'string' },
      out: { type: 'string' },
      'log-level': { type: 'string' },
      'dc-count': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** The client options the network flags describe. */
export function clientOptionsOf(args: CliArgs): ClientOptions {
  const options: ClientOptions = {};
  if (args.dcs.length > 0) options.dcs = args.dcs;
  if (args.rsaKeyFiles.length > 0) {
    options.rsaKeys = args.rsaKeyFiles.map((file) => {
      try {
        return parseRsaPublicKey(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new UsageError(`--rsa-key ${file}: ${(error as Error).message}`);
      }
    });
  }
  if (args.isTestMode) options.testMode = true;
  if (args.logLevel) options.logLevel = args.logLevel;
  return options;
}

/** api id and hash, required by commands that talk to Telegram. */
export function credentialsOf(args: CliArgs): { apiId: number; apiHash: string } {
  if (args.apiId === undefined || args.apiHash === undefined) {
    throw new UsageError(
      'this command needs --api-id and --api-hash (or $TELETS_API_ID and $TELETS_API_HASH); ' +
        'get yours at https://my.telegram.org',
    );
  }
  // Number('') is 0 and Number('12abc') NaN: both rejected by the client's own check.
  return {
    apiId: /^\d+$/.test(args.apiId) ? Number(args.apiId) : Number.NaN,
    apiHash: args.apiHash,
  };
}
