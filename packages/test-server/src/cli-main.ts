import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { TestServerError } from './errors.js';
import { startTestServer, type TestServer } from './server.js';

const HELP = `telets-test-server: a local multi-DC MTProto server emulating Telegram on loopback

Options:
  --dcs N              number of data centres, ids 1..N (default 3)
  --port P             DC i listens on P+i-1 (default 0: free ports)
  --ports A,B,C        explicit port per DC
  --host H             interface (default 127.0.0.1)
  --rsa-key FILE       2048-bit RSA private key (PEM); default: generated
  --rsa-pub-out FILE   also write the public key (PKCS#1 PEM) to FILE
  --account SPEC       add an account: phone[:password[:dc]] (repeatable)
  --bot TOKEN[@DC]     add a bot with token <id>:<secret> (repeatable)
  --app ID:HASH        allow another api_id/api_hash (repeatable)
  --verbose, -v        log one line per request on stderr
  --help, -h           this text

When ready it prints ONE JSON line on stdout: the DCs, ports, RSA public key and fingerprint.
Test numbers 99966XYYYY live on DC X with the code XXXXX. Stops on SIGINT/SIGTERM.`;

/** The process around the CLI, injectable so the CLI can be tested in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  onSignal(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void;
  exit(code: number): void;
}

class UsageError extends Error {}

/**
 * Runs `telets-test-server` with `argv` (without node and the script). Resolves once the server
 * is ready (or help was printed); the server then runs until a signal stops it.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<TestServer | undefined> {
  try {
    return await start(argv, io);
  } catch (error) {
    const isUsage =
      error instanceof UsageError ||
      error instanceof TestServerError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true;
    io.stderr(
      `telets-test-server: ${isUsage ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`,
    );
    io.exit(2);
    return undefined;
  }
}

async function start(argv: readonly string[], io: CliIo): Promise<TestServer | undefined> {
  const fail = (message: string): never => {
    throw new UsageError(message);
  };
  const { values } = parseArgs({
    args: [...argv],
    options: {
      dcs: { type: 'string' },
      port: { type: 'string' },
      ports: { type: 'string' },
      host: { type: 'string' },
      'rsa-key': { type: 'string' },
      'rsa-pub-out': { type: 'string' },
      account: { type: 'string', multiple: true },
      bot: { type: 'string', multiple: true },
      app: { type: 'string', multiple: true },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    io.stdout(`${HELP}\n`);
    return undefined;
  }
  const dcCount = values.dcs === undefined ? 3 : Number(values.dcs);
  if (!Number.isInteger(dcCount) || dcCount < 1 || dcCount > 10) fail('--dcs must be 1..10');
  let ports: number[];
  if (values.ports) ports = values.ports.split(',').map(Number);
  else {
    const base = values.port === undefined ? 0 : Number(values.port);
    ports = Array.from({ length: dcCount }, (_v, i) => (base === 0 ? 0 : base + i));
  }
  if (ports.some((p) => !Number.isInteger(p) || p < 0 || p > 65535)) fail('bad port');
  const isVerbose = values.verbose ?? false;
  const server: TestServer = await startTestServer({
    ports,
    host: values.host,
    rsaPrivateKeyPem: values['rsa-key'] ? readFileSync(values['rsa-key'], 'utf8') : undefined,
    onRequest: isVerbose
      ? (e) =>
          io.stderr(
            `dc${e.dcId} key=${BigInt.asUintN(64, e.authKeyId).toString(16).padStart(16, '0')} ${e.method} -> ${e.outcome}\n`,
          )
      : undefined,
    onWarning: isVerbose ? (dcId, m) => io.stderr(`dc${dcId} warning: ${m}\n`) : undefined,
  });
  for (const spec of values.app ?? []) {
    const [id, hash] = spec.split(':');
    server.addApp({ apiId: Number(id), apiHash: hash ?? '' });
  }
  for (const spec of values.account ?? []) {
    const [phone, password, dc] = spec.split(':');
    await server.addAccount({
      phone,
      password: password || undefined,
      dcId: dc ? Number(dc) : undefined,
    });
  }
  for (const spec of values.bot ?? []) {
    const [token, dc] = spec.split('@');
    server.addBot({ token, dcId: dc ? Number(dc) : undefined });
  }
  if (values['rsa-pub-out']) writeFileSync(values['rsa-pub-out'], server.rsa.publicKeyPem);
  const dcs: Record<string, { host: string; port: number }> = {};
  for (const dc of server.dcs) dcs[dc.id] = { host: dc.host, port: dc.port };
  io.stdout(
    `${JSON.stringify({
      ready: true,
      dcs,
      rsa: {
        publicKeyPem: server.rsa.publicKeyPem,
        fingerprint: server.rsa.fingerprint.toString(),
        fingerprintHex: server.rsa.fingerprintHex,
      },
    })}\n`,
  );
  let isStopping = false;
  const stop = (signal: string): void => {
    if (isStopping) return;
    isStopping = true;
    if (isVerbose) io.stderr(`telets-test-server: ${signal}, stopping\n`);
    void server.close().then(() => io.exit(0));
  };
  io.onSignal('SIGINT', () => stop('SIGINT'));
  io.onSignal('SIGTERM', () => stop('SIGTERM'));
  return server;
}
