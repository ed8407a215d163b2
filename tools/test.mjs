#!/usr/bin/env node
// `npm test`: lint, typecheck, build, the exports smoke check and every vitest project, then one
// plain `N passed, N failed, N skipped` line, because CI reads that line and not Vitest's summary.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, '.test-output');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', FORCE_COLOR: '0' };
const bin = (name) => join(root, 'node_modules', '.bin', name);

let passed = 0;
let failed = 0;
let skipped = 0;

function step(label, cmd, args) {
  console.log(`\n=== ${label}: ${cmd.replace(root, '')} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  const ok = r.status === 0;
  console.log(`=== ${label}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`}`);
  return ok;
}

// Non-test steps count as one check each, so a lint or type error shows up in the final line.
const checks = [
  ['lint', bin('biome'), ['check', '.']],
  ['typecheck', bin('nx'), ['run-many', '-t', 'typecheck', '--outputStyle=stream']],
  ['build', bin('nx'), ['run-many', '-t', 'build', '--outputStyle=stream']],
  ['exports', process.execPath, [join(root, 'tools/check-exports.mjs')]],
  // TypeDoc treats warnings as errors: an exported API that leaks an unexported type fails here.
  ['docs', bin('typedoc'), []],
];
let buildOk = true;
for (const [label, cmd, args] of checks) {
  if (label === 'exports' && !buildOk) {
    failed++;
    console.log('=== exports: not run, the build failed');
    continue;
  }
  const ok = step(label, cmd, args);
  if (label === 'build') buildOk = ok;
  if (ok) passed++;
  else failed++;
}

const report = join(outDir, 'vitest.json');
step('tests', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  // A suite that fails to load has no tests in it but must still fail the run.
  const broken = r.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  );
  for (const f of broken) console.log(`suite failed to run: ${f.name}\n${f.message ?? ''}`);
  failed += broken.length;
  if (r.numTotalTests === 0) {
    console.log('no test ran');
    failed++;
  }
} catch (e) {
  console.log(`could not read the vitest report: ${e.message}`);
  failed++;
}

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
