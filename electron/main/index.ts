import { app, dialog } from 'electron';
import { DesktopApp } from './desktop-app.js';
import { DesktopConfigError, readDesktopConfig, type DesktopConfig } from './desktop-config.js';
import { applyUserDataDir, desktopPaths } from './paths.js';

/** Windows shows notifications only for a known app id; it must equal `appId` in electron-builder.yml. */
const APP_USER_MODEL_ID = 'app.hydro.controller';

function readConfigOrExit(): DesktopConfig | null {
  try {
    return readDesktopConfig(process.env);
  } catch (error) {
    if (!(error instanceof DesktopConfigError)) throw error;
    // Before 'ready' this prints to stderr on Linux instead of showing a dialog, which is fine.
    dialog.showErrorBox('Hydro cannot start', error.message);
    app.exit(2);
    return null;
  }
}

function main(): void {
  const config = readConfigOrExit();
  if (config === null) return;
  applyUserDataDir(config.userDataDir);
  // Two instances would fight over the broker port and the database; the second one hands over
  // to the first (which shows its window) and leaves.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  app
    .whenReady()
    .then(() => {
      const desktop = new DesktopApp(config, desktopPaths());
      app.on('second-instance', () => desktop.showWindow());
      app.on('activate', () => desktop.showWindow());
      desktop.start();
    })
    .catch((error: unknown) => {
      console.error('hydro: the desktop app could not start:', error);
      dialog.showErrorBox('Hydro cannot start', String(error));
      app.exit(1);
    });
}

main();
