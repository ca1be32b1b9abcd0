import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a Playwright-downloaded browser (no downloads on these machines).
export const CHROMIUM_PATH = process.env.HYDRO_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  outputDir: 'test-results',
  reporter: [['list']],
  timeout: 60_000,
  workers: 1,
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'ui',
      testDir: 'renderer/e2e',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      },
    },
    { name: 'electron', testDir: 'electron/test/e2e' },
  ],
});
