// Child processes cannot run TypeScript, so tests that need a second process bundle the entry
// from source (with the same @telets/source condition the tests use) into a plain .mjs file.
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'tsup';

const OUT_DIR = join(import.meta.dirname, '..', 'node_modules', '.telets-test');

export async function bundleForNode(entry: string): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const name = basename(entry).replace(/\.ts$/, '');
  await build({
    entry: { [name]: entry },
    outDir: OUT_DIR,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    dts: false,
    sourcemap: false,
    splitting: false,
    clean: false,
    silent: true,
    config: false,
    noExternal: [/^@telets\//],
    external: ['better-sqlite3', 'pako', 'big-integer'],
    outExtension: () => ({ js: '.mjs' }),
    esbuildOptions(options) {
      options.conditions = ['@telets/source'];
    },
  });
  return join(OUT_DIR, `${name}.mjs`);
}
