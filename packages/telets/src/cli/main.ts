import { type CliArgs, parseCliArgs, USAGE, UsageError } from './args.js';
import { login, sessionCommand, whoami } from './commands.js';
import { demo } from './demo.js';
import type { CliIo } from './io.js';
import { testServer } from './test-server.js';

const COMMANDS: Record<string, (args: CliArgs, io: CliIo) => Promise<number>> = {
  login,
  whoami,
  session: sessionCommand,
  'test-server': testServer,
  demo,
};

/** Runs one `telets` command line; resolves to the exit code (0 ok, 1 failed, 2 usage). */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv, env);
  } catch (error) {
    return usageFailure(error, io);
  }
  const name = args.command[0];
  if (args.help || name === undefined || name === 'help') {
    (name === undefined && !args.help ? io.err : io.out)(USAGE);
    return name === undefined && !args.help ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) return usageFailure(new UsageError(`unknown command "${name}"`), io);
  try {
    return await command(args, io);
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(error, io);
    io.err(`telets ${name}: ${describeError(error)}`);
    return 1;
  }
}

function usageFailure(error: unknown, io: CliIo): number {
  io.err(`telets: ${(error as Error).message}\nRun "telets --help" for the commands and options.`);
  return 2;
}

/** One line a person can act on: the error's class and message (messages never hold secrets). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.message} (${error.constructor.name})`;
  return String(error);
}
