#!/usr/bin/env node
// (Re)creates tools/bench/peers from the committed peers.package.json + peers.package-lock.json
// (GramJS and mtcute at pinned versions) when it is missing or holds other versions. The peers
// stay out of the workspace: `npm ci` at the root and CI never install them.
//   node tools/bench/install-peers.mjs [--force]
// Install scripts are skipped (--ignore-scripts). The one native module a peer needs,
// better-sqlite3 (mtcute's SQLite storage), is taken from the workspace when the versions match
// (same Node, same ABI), else compiled with `npm rebuild better-sqlite3`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const peers = process.env.BENCH_PEERS_DIR ?? join(here, 'peers');
const wanted = JSON.parse(readFileSync(join(here, 'peers.package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function installedVersion(name) {
  try {
    return JSON.parse(readFileSync(join(peers, 'node_modules', name, 'package.json'), 'utf8'))
      .version;
  } catch {
    return undefined;
  }
}

function run(args) {
  const r = spawnSync(npm, args, { cwd: peers, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${peers}`);
}

const missing = Object.entries(wanted.dependencies).filter(([n, v]) => installedVersion(n) !== v);
if (missing.length || process.argv.includes('--force')) {
  console.error(
    `install-peers: installing ${Object.entries(wanted.dependencies)
      .map(([n, v]) => `${n}@${v}`)
      .join(', ')} into ${peers}`,
  );
  mkdirSync(peers, { recursive: true });
  writeFileSync(join(peers, 'package.json'), `${JSON.stringify(wanted, null, 2)}\n`);
  copyFileSync(join(here, 'peers.package-lock.json'), join(peers, 'package-lock.json'));
  run(['ci', '--ignore-scripts', '--no-audit', '--no-fund']);
}

// better-sqlite3's native addon, for mtcute's SqliteStorage.
const sqliteDir = join(peers, 'node_modules', 'better-sqlite3');
const addon = join(sqliteDir, 'build', 'Release', 'better_sqlite3.node');
if (existsSync(sqliteDir) && !existsSync(addon)) {
  const rootDir = join(here, '..', '..', 'node_modules', 'better-sqlite3');
  const rootAddon = join(rootDir, 'build', 'Release', 'better_sqlite3.node');
  const rootVersion = existsSync(rootAddon)
    ? JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8')).version
    : undefined;
  if (rootVersion && rootVersion === installedVersion('better-sqlite3')) {
    mkdirSync(dirname(addon), { recursive: true });
    copyFileSync(rootAddon, addon);
    console.error(`install-peers: reused the workspace's better-sqlite3 ${rootVersion} addon`);
  } else {
    console.error('install-peers: compiling better-sqlite3 for the peers (about a minute)');
    run(['rebuild', 'better-sqlite3']);
  }
}
