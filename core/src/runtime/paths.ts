import { fileURLToPath } from 'node:url';

/**
 * The built renderer ships beside the built core (dist/core and dist/renderer), in the npm
 * package and in the Electron app alike.
 */
export function defaultUiDir(): string {
  return fileURLToPath(new URL('../../renderer/', import.meta.url));
}
