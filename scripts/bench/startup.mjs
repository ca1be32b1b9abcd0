// Cold start of `hydro serve` to its ready line, and its resident memory once ready, against a
// baseline of a bare Node process started the same way (so a slow machine shows as ratio ~1).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const RUNS = 5;
const CLI = new URL('../../dist/core/cli.js', import.meta.url).pathname;
const BASELINE = "console.log(JSON.stringify({event:'ready'})); setInterval(() => {}, 1000);";

if (!existsSync(CLI)) {
  process.stderr.write('bench startup: run "npm run build" first\n');
  process.exit(2);
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

async function once(args) {
  const began = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = createInterface({ input: child.stdout });
  await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exited ${code} before ready`)));
    lines.on('line', (line) => line.includes('"ready"') && resolve());
  });
  const readyMs = performance.now() - began;
  // Let start-up garbage settle so RSS reflects the steady state right after start.
  await new Promise((r) => setTimeout(r, 500));
  const rss = rssMb(child.pid);
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return { readyMs, rss };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

const hydro = [];
const base = [];
for (let i = 0; i < RUNS; i++) {
  base.push(await once(['-e', BASELINE]));
  const dir = mkdtempSync(join(tmpdir(), 'hydro-bench-'));
  hydro.push(await once([CLI, 'serve', '--data-dir', dir, '--http-port', '0', '--mqtt-port', '0']));
  rmSync(dir, { recursive: true, force: true });
}

const result = {
  ready_ms_median: round(median(hydro.map((r) => r.readyMs))),
  rss_mb: round(median(hydro.map((r) => r.rss))),
  baseline_node_ms_median: round(median(base.map((r) => r.readyMs))),
  baseline_node_rss_mb: round(median(base.map((r) => r.rss))),
};
result.ready_ratio = round(result.ready_ms_median / result.baseline_node_ms_median, 2);
result.rss_ratio = round(result.rss_mb / result.baseline_node_rss_mb, 2);
process.stdout.write(
  `cold start to ready line: ${result.ready_ms_median} ms (median of ${RUNS}), ${result.ready_ratio}× a bare node start\n`,
);
process.stdout.write(
  `RSS after start: ${result.rss_mb} MB, ${result.rss_ratio}× a bare node process\n`,
);
process.stdout.write(`${JSON.stringify(result)}\n`);
