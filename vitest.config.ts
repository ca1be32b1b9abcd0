import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The renderer's import aliases (tsconfig.renderer.json, renderer/vite.config.ts).
  resolve: {
    alias: {
      '@contracts': fileURLToPath(new URL('./core/src/contracts', import.meta.url)),
      '@': fileURLToPath(new URL('./renderer/src', import.meta.url)),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'core/test/unit/**/*.test.ts',
            'core/test/lint/**/*.test.ts',
            'electron/test/unit/**/*.test.ts',
            'renderer/test/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['core/test/integration/**/*.test.ts'],
          exclude: ['core/test/integration/automation/**'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // Each test spawns real servers; two cores on this machine size keep them honest.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: 'closed-loop',
          include: ['core/test/integration/automation/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 60_000,
          // A farm on a stepped clock counts on the machine keeping up with simulated time
          // (commands older than 10 s are refused by the nodes): one farm at a time.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'contract',
          include: ['core/test/contract/**/*.test.ts'],
          environment: 'node',
          // The first PostgreSQL run may start the cluster and create the test database.
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
