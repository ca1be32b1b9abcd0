import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import type { HydroDesktopBridge } from '../../main/bridge-contract.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Why Electron cannot run here, or null when it can. The electron package's index.js throws when
 * its binary was never downloaded (package.json's allowScripts blocks that download in `npm ci`).
 */
function electronUnavailable(): string | null {
  let binary: string;
  try {
    binary = createRequire(import.meta.url)('electron') as string;
  } catch {
    return 'no Electron binary (node_modules/electron has none; run "npm run electron:install" where GitHub downloads work)';
  }
  if (!existsSync(binary))
    return `no Electron binary (${binary} does not exist; run "npm run electron:install")`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display (DISPLAY and WAYLAND_DISPLAY are unset; run under xvfb-run)';
  }
  return null;
}

/** This environment, with isolated user data, any free MQTT port, and no ELECTRON_RUN_AS_NODE. */
function launchEnv(userData: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    // Set inside some editors' terminals; it would start Electron as plain Node.
    if (value !== undefined && name !== 'ELECTRON_RUN_AS_NODE') env[name] = value;
  }
  return { ...env, HYDRO_USER_DATA_DIR: userData, HYDRO_MQTT_PORT: '0' };
}

test('the desktop app opens the core’s UI signed in as the local admin, and Quit stops the core', async () => {
  const unavailable = electronUnavailable();
  if (unavailable !== null) {
    // The list reporter does not print skip reasons, so say it on stdout too.
    console.log(`skipped: ${unavailable}`);
    test.skip(true, `skipped: ${unavailable}`);
  }
  test.setTimeout(120_000);

  const userData = mkdtempSync(join(tmpdir(), 'hydro-electron-'));
  const app = await electron.launch({ args: [ROOT], cwd: ROOT, env: launchEnv(userData) });
  let origin: string;
  try {
    const page = await app.firstWindow();
    await page.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\//, { timeout: 90_000 });
    origin = new URL(page.url()).origin;
    await expect(page).toHaveTitle(/Hydro/);

    const me = await page.evaluate(async () => {
      const response = await fetch('/api/auth/me');
      return (await response.json()) as unknown;
    });
    expect(me).toMatchObject({ status: 'ok', data: { role: 'admin', via: 'desktop' } });

    const bridge = await page.evaluate(async () => {
      const desktop = (window as unknown as { hydroDesktop: HydroDesktopBridge }).hydroDesktop;
      return {
        version: await desktop.appVersion(),
        refusedLink: await desktop.openExternal({ url: 'https://evil.example/' }),
      };
    });
    expect(bridge.version).toMatchObject({
      status: 'ok',
      data: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(bridge.refusedLink).toMatchObject({ status: 'error', code: 'link_not_allowed' });
  } finally {
    await app.close();
    rmSync(userData, { recursive: true, force: true });
  }
  // Quitting the app stops the core with it: its HTTP port no longer answers.
  await expect(fetch(`${origin}/api/health`)).rejects.toThrow();
});
