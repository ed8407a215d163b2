import { defineConfig } from 'vitest/config';

// One run over every package (each keeps its own vitest.config.ts) plus the repo-level tools tests.
export default defineConfig({
  test: {
    projects: ['packages/*', 'tools'],
  },
});
