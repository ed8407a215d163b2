import type { CliArgs } from './args.js';
import type { CliIo } from './io.js';

export async function testServer(_args: CliArgs, io: CliIo): Promise<number> {
  io.err('not yet');
  return 1;
}
