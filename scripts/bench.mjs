// `npm run bench -- NAME`: runs scripts/bench/NAME.mjs. Each benchmark measures a baseline in the
// same run, prints ratios against it, and ends with one JSON line of its figures.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const available = readdirSync(new URL('./bench/', import.meta.url))
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => f.slice(0, -4));
const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <name>\navailable: ${available.join(', ')}\n`);
  process.exit(2);
}
const result = spawnSync(
  process.execPath,
  [new URL(`./bench/${name}.mjs`, import.meta.url).pathname, ...rest],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
