import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'scripts/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: keep the worker count low so child-process tests are not starved.
    maxWorkers: 2,
    globalSetup: ['scripts/test-global-setup.ts'],
  },
});
