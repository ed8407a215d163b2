import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  ssr: { resolve: { conditions: ['@telets/source', ...defaultServerConditions] } },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
