import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
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
        test: {
          name: 'integration',
          include: ['core/test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // Each test spawns real servers; two cores on this machine size keep them honest.
          maxWorkers: 2,
        },
      },
    ],
  },
});
