import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // The network rule: every test process refuses connections beyond loopback.
    setupFiles: ['test/support/loopback-only.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // kubectl processes are heavy; two cores on CI.
    maxWorkers: 2,
  },
});
