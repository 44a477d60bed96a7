import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    // The Electron binary is not installed in tests: main-process adapters get a hand-written fake.
    alias: {
      electron: fileURLToPath(new URL('electron/main/testing/electron-mock.ts', import.meta.url)),
    },
  },
  test: {
    include: ['electron/**/*.test.ts', 'scripts/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: keep the worker count low so child-process tests are not starved.
    maxWorkers: 2,
    globalSetup: ['scripts/test-global-setup.ts'],
    // Inlined so its `import electron` meets the alias above instead of the real package.
    server: { deps: { inline: ['electron-store'] } },
  },
});
