import { readFileSync } from 'node:fs';

/** The app version from package.json, which sits three levels above both src and dist modules. */
export function readVersion(): string {
  const raw = readFileSync(new URL('../../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(raw) as { version: string }).version;
}
