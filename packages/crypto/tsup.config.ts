import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', node: 'src/node/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  // One shared chunk, so that './node' and '.' share error classes (instanceof) in CJS too.
  splitting: true,
  target: 'node20',
  tsconfig: 'tsconfig.lib.json',
});
