import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  ssr: { resolve: { conditions: ['@telets/source', ...defaultServerConditions] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Integration tests run real sockets, handshakes and child processes on a 2-core machine
    // shared with other suites; these bound hangs, they do not measure speed.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
