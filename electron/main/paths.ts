import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';

/** Files and folders the shell needs at run time. */
export interface DesktopPaths {
  /** The core's data dir: database, backups, logs. */
  dataDir: string;
  /** `hydro serve` entry point, run in the utility process. */
  coreCli: string;
  preload: string;
}

/**
 * Points Electron's userData at `dir` (HYDRO_USER_DATA_DIR). Must run before the single-instance
 * lock, which lives in userData: isolated runs then neither share data nor block each other.
 */
export function applyUserDataDir(dir: string | null): void {
  if (dir !== null) app.setPath('userData', dir);
}

export function desktopPaths(): DesktopPaths {
  return {
    dataDir: join(app.getPath('userData'), 'data'),
    // getAppPath() is the project root in development and app.asar when packaged; both hold dist/.
    coreCli: join(app.getAppPath(), 'dist', 'core', 'cli.js'),
    preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
  };
}
