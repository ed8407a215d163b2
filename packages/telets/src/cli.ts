#!/usr/bin/env node
import { processIo } from './cli/io.js';
import { runCli } from './cli/main.js';

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`telets: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
