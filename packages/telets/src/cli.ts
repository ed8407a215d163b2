#!/usr/bin/env node
import { runCli } from './cli/main.js';
import { processIo } from './cli/io.js';

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`telets: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
