import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    tsconfig: 'tsconfig.lib.json',
    // schema/ is found relative to the module: CJS needs import.meta.url shimmed.
    shims: true,
  },
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    sourcemap: true,
    clean: false,
    target: 'node20',
    tsconfig: 'tsconfig.lib.json',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
