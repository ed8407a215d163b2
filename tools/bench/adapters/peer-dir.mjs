// Where the peer libraries live: tools/bench/peers (created by install-peers.mjs).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PEERS_DIR =
  process.env.BENCH_PEERS_DIR ?? fileURLToPath(new URL('../peers', import.meta.url));
export const peerRequire = createRequire(path.join(PEERS_DIR, 'package.json'));

/** Imports the ESM build of a package installed in the peers folder. */
export async function importPeer(name, sub = '.') {
  const dir = path.join(PEERS_DIR, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  let e = pkg.exports?.[sub];
  if (e && typeof e === 'object') e = e.import?.default ?? e.import ?? e.default;
  const file = e ?? (sub === '.' ? (pkg.module ?? pkg.main ?? 'index.js') : sub);
  return import(pathToFileURL(path.join(dir, file)).href);
}

export function peerVersion(name) {
  return JSON.parse(
    readFileSync(path.join(PEERS_DIR, 'node_modules', name, 'package.json'), 'utf8'),
  ).version;
}
