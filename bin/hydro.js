#!/usr/bin/env node
// Thin launcher so `npx hydro` works from a checkout: the CLI itself is compiled TypeScript.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/core/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('hydro: not built yet; run "npm run build" (npm ci does it too)\n');
  process.exit(2);
}
await import(cli.href);
