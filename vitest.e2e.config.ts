import { defineConfig } from 'vitest/config';

// Browser tests: Vitest drives Debian's Chromium through playwright-core against the built app,
// served once by the global setup. One file at a time: two cores, one browser each.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['./tests/e2e/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
