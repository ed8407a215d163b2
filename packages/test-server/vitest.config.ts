import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  ssr: { resolve: { conditions: ['@telets/source', ...defaultServerConditions] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Real handshakes (2048-bit DH on both sides) over loopback: generous on a busy 2-core box.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
