import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';

const CLI = fileURLToPath(new URL('../../dist/core/cli.js', import.meta.url));
const READY_TIMEOUT_MS = 20_000;

interface ReadyLine {
  event: 'ready';
  http: string;
  mqtt: string;
}

/** One `hydro serve` process on a fresh data dir, as a user would start it. */
export class CoreServer {
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);
  private port = 0;
  /** Everything the core wrote to stderr (its JSON log), attached to failing tests. */
  log = '';
  url = '';
  /** The session secret a desktop shell would hand its window (as the `hydro_desktop` cookie). */
  readonly desktopToken = randomBytes(24).toString('hex');

  constructor(private readonly dataDir: string) {}

  /** Starts the core; after a stop it comes back on the same port, like a restarted service. */
  async start(): Promise<void> {
    const args = ['serve', '--http-port', String(this.port), '--mqtt-port', '0'];
    const child = spawn(process.execPath, [CLI, ...args, '--data-dir', this.dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HYDRO_DESKTOP_TOKEN: this.desktopToken },
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.log += chunk;
    });
    const ready = await this.readyLine(child, child.stdout);
    this.url = ready.http;
    this.port = Number(new URL(ready.http).port);
  }

  /** SIGTERMs the core and resolves with its exit code. */
  async stop(): Promise<number | null> {
    const child = this.child;
    if (!child) return null;
    this.child = null;
    child.kill('SIGTERM');
    return this.exited;
  }

  get running(): boolean {
    return this.child !== null;
  }

  private readyLine(child: ChildProcess, stdout: Readable): Promise<ReadyLine> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`hydro serve printed no ready line within ${READY_TIMEOUT_MS} ms`));
      }, READY_TIMEOUT_MS);
      void this.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`hydro serve exited with ${code} before it was ready:\n${this.log}`));
      });
      createInterface({ input: stdout }).on('line', (line) => {
        const parsed = parseReady(line);
        if (!parsed) return;
        clearTimeout(timer);
        resolve(parsed);
      });
    });
  }
}

function parseReady(line: string): ReadyLine | null {
  try {
    const value = JSON.parse(line) as Partial<ReadyLine>;
    return value.event === 'ready' && typeof value.http === 'string' ? (value as ReadyLine) : null;
  } catch {
    return null;
  }
}

export const test = base.extend<{ core: CoreServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  core: async ({}, use, testInfo) => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
    const dataDir = await mkdtemp(join(tmpdir(), 'hydro-e2e-'));
    const core = new CoreServer(dataDir);
    try {
      await core.start();
      await use(core);
    } finally {
      const code = core.running ? await core.stop() : 0;
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('core.log', { body: core.log, contentType: 'text/plain' });
      }
      await rm(dataDir, { recursive: true, force: true });
      expect(code, 'hydro serve exit code after SIGTERM').toBe(0);
    }
  },
  baseURL: async ({ core }, use) => {
    await use(core.url);
  },
});

export { expect };
