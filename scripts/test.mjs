// `npm test`: the whole suite on a fresh Debian machine. It installs the system packages the tests
// need when they are absent, then runs lint, typecheck, build, unit, integration, storage contract
// (SQLite and PostgreSQL) and E2E, and ends with one summary line of all counts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

// Outside test-results/: Playwright empties that folder when it starts.
const REPORTS = 'artifacts/test-reports';
const CHROMIUM = process.env.HYDRO_CHROMIUM ?? '/usr/bin/chromium';

function run(title, command, args, env = {}) {
  process.stdout.write(`\n== ${title}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function ensureSystemPackages() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  // The canonical-JSON tests compare against the C library the firmware uses.
  if (!existsSync('/usr/include/cjson/cJSON.h')) missing.push('libcjson-dev');
  if (!existsSync('/usr/bin/cc')) missing.push('gcc');
  // The external-broker tests run the core against a real Mosquitto (the server build's broker).
  if (!existsSync('/usr/sbin/mosquitto')) missing.push('mosquitto');
  // The storage contract suite runs against a local PostgreSQL too (the server build's database).
  if (!existsSync('/usr/lib/postgresql/15/bin/postgres') || !existsSync('/usr/bin/pg_ctlcluster')) {
    missing.push('postgresql');
  }
  if (missing.length === 0) return true;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    process.stderr.write(
      `npm test: missing ${missing.join(', ')}; install with apt-get (needs root)\n`,
    );
    return false;
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  return (
    run('apt-get update', 'apt-get', ['update', '-qq'], env) &&
    run(`install ${missing.join(' ')}`, 'apt-get', ['install', '-y', '-qq', ...missing], env)
  );
}

function vitestCounts(file) {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function playwrightCounts(file) {
  if (!existsSync(file)) return null;
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

const steps = [];
const step = (name, ok) => steps.push({ name, ok });

step('system packages', ensureSystemPackages());
step('lint', run('lint', 'npm', ['run', '--silent', 'lint']));
step('typecheck', run('typecheck', 'npm', ['run', '--silent', 'typecheck']));
const built = run('build', 'npm', ['run', '--silent', 'build']);
step('build', built);
for (const project of ['unit', 'integration', 'closed-loop', 'contract']) {
  const ok = run(`${project} tests`, 'npx', [
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${REPORTS}/${project}.json`,
  ]);
  step(`${project} tests`, ok);
}
if (built) {
  step(
    'e2e tests',
    run(
      'e2e tests (Playwright, Chromium and Electron)',
      'npx',
      ['playwright', 'test', '--reporter=list,json'],
      {
        PLAYWRIGHT_JSON_OUTPUT_NAME: `${REPORTS}/e2e.json`,
      },
    ),
  );
} else {
  step('e2e tests', false);
}

const counts = [
  vitestCounts(`${REPORTS}/unit.json`),
  vitestCounts(`${REPORTS}/integration.json`),
  vitestCounts(`${REPORTS}/closed-loop.json`),
  vitestCounts(`${REPORTS}/contract.json`),
  playwrightCounts(`${REPORTS}/e2e.json`),
].filter(Boolean);
const total = counts.reduce(
  (sum, c) => ({
    passed: sum.passed + c.passed,
    failed: sum.failed + c.failed,
    skipped: sum.skipped + c.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
const failedSteps = steps.filter((s) => !s.ok);
process.stdout.write('\n');
for (const s of steps) process.stdout.write(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name}\n`);
// A failed step that is not a test (lint, build…) still fails the run: count it as failed.
const failed = total.failed + failedSteps.filter((s) => !s.name.endsWith('tests')).length;
process.stdout.write(`${total.passed} passed, ${failed} failed, ${total.skipped} skipped\n`);
process.exit(failedSteps.length === 0 && failed === 0 ? 0 : 1);
