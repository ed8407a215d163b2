#!/usr/bin/env node
// Loads every built package by name, as a consumer would, through `import` and `require`, and
// fails when either form fails or when the two expose different export names.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(join(root, 'package.json'));
let failures = 0;
for (const dir of readdirSync(join(root, 'packages'))) {
  const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
  const entries = Object.keys(pkg.exports).filter((k) => k !== './package.json');
  for (const entry of entries) {
    const spec = entry === '.' ? pkg.name : `${pkg.name}/${entry.slice(2)}`;
    try {
      const esm = Object.keys(await import(spec))
        .filter((k) => k !== 'default')
        .sort();
      const cjs = Object.keys(require(spec))
        .filter((k) => k !== 'default' && k !== '__esModule')
        .sort();
      const a = JSON.stringify(esm);
      const b = JSON.stringify(cjs);
      if (a !== b) {
        failures++;
        console.log(`FAIL ${spec}: import gives ${a}, require gives ${b}`);
      } else {
        console.log(`ok   ${spec} (${esm.length} exports)`);
      }
    } catch (e) {
      failures++;
      console.log(`FAIL ${spec}: ${e.message}`);
    }
  }
}
process.exit(failures ? 1 : 0);
