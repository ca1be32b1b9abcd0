import { isAbsolute, resolve } from 'node:path';

/** Settings of the desktop shell, read from the environment once at start. */
export interface DesktopConfig {
  /** Replaces Electron's userData dir (isolated test runs, portable installs); null keeps the default. */
  userDataDir: string | null;
  /** HYDRO_HTTP_PORT asks for a fixed HTTP port (e.g. to reach the UI from a phone). */
  fixedHttpPort: boolean;
}

/** A setting is unusable; the message names the variable and what is wrong with it. */
export class DesktopConfigError extends Error {
  readonly code = 'config_invalid';
  override name = 'DesktopConfigError';
}

export function readDesktopConfig(
  env: NodeJS.ProcessEnv,
  cwd: string = process.cwd(),
): DesktopConfig {
  return {
    userDataDir: readDir(env, 'HYDRO_USER_DATA_DIR', cwd),
    fixedHttpPort: (env.HYDRO_HTTP_PORT ?? '') !== '',
  };
}

/**
 * Arguments of `hydro serve` for the desktop's core. The core inherits this process's environment
 * and resolves its settings as defaults < config.json in the data dir < HYDRO_* env < flags, so the
 * shell passes only what it must decide:
 * - the data dir, inside Electron's userData;
 * - `--http-port 0` (any free port: the window is the only client, and a fixed port could be
 *   taken), unless HYDRO_HTTP_PORT names one, which the core then reads itself.
 * The MQTT port is deliberately not passed: it stays 1883 unless config.json or HYDRO_MQTT_PORT
 * set another, and a flag here would silently override the port a user configured.
 */
export function coreServeArgs(config: DesktopConfig, dataDir: string): string[] {
  const args = ['serve', '--data-dir', dataDir];
  return config.fixedHttpPort ? args : [...args, '--http-port', '0'];
}

function readDir(env: NodeJS.ProcessEnv, name: string, cwd: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  if (raw.trim() !== raw) {
    throw new DesktopConfigError(`${name} must not start or end with spaces, got "${raw}".`);
  }
  // Electron's app.setPath only accepts absolute paths.
  return isAbsolute(raw) ? raw : resolve(cwd, raw);
}
