#!/usr/bin/env node
// `npm run demo`: the offline sign-in demo of the `telets` command (packages/telets), run from
// its build. Builds the facade and everything below it first (Nx's cache makes this a no-op when
// nothing changed, and keeps a stale dist from running after the sources moved on).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'packages/telets/dist/cli.js');

{
  console.error('telets demo: building the packages (npx nx run telets:build)…');
  const build = spawnSync('npx', ['nx', 'run', 'telets:build', '--outputStyle=stream'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  if (build.status !== 0 || !existsSync(cli)) {
    console.error('telets demo: the build failed, see above');
    process.exit(1);
  }
}

const demo = spawnSync(process.execPath, [cli, 'demo', ...process.argv.slice(2)], {
  cwd: process.cwd(),
  stdio: 'inherit',
});
process.exit(demo.status ?? 1);
