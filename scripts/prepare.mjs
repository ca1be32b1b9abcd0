// Runs after `npm ci`/`npm install` so a fresh checkout can `npx hydro serve` at once. A production
// install without dev dependencies (the server image builds separately) has no compiler: skip.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (!existsSync('node_modules/typescript') || !existsSync('node_modules/vite')) {
  process.stdout.write('hydro: build tools not installed, skipping the build\n');
  process.exit(0);
}
const result = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
