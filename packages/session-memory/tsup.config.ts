import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  tsconfig: 'tsconfig.lib.json',
  // Shared chunks in both formats, so `testing` and the main entry share one copy of the
  // classes and `instanceof SessionError` works across them.
  splitting: true,
});
