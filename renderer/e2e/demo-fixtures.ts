import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  test as base,
  expect,
  type APIRequestContext,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import { DESKTOP_SESSION_COOKIE } from '../../core/src/contracts/auth.js';
import { NodeViewSchema, type NodeView } from '../../core/src/contracts/devices.js';

const CLI = fileURLToPath(new URL('../../dist/core/cli.js', import.meta.url));
const READY_TIMEOUT_MS = 30_000;

/** `hydro serve --demo` on a fresh data dir and free ports: the simulated greenhouse. */
export class DemoCore {
  url = '';
  log = '';
  /** What a desktop shell would hand its window as the `hydro_desktop` cookie. */
  readonly desktopToken = randomBytes(24).toString('hex');
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);

  constructor(
    private readonly dataDir: string,
    private readonly extraArgs: readonly string[] = [],
  ) {}

  async start(): Promise<void> {
    const args = ['serve', '--demo', ...this.extraArgs, '--http-port', '0', '--mqtt-port', '0'];
    const child = spawn(process.execPath, [CLI, ...args, '--data-dir', this.dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HYDRO_DESKTOP_TOKEN: this.desktopToken },
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', resolve));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.log += chunk;
    });
    this.url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('no ready line from hydro serve')),
        READY_TIMEOUT_MS,
      );
      void this.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`hydro serve exited with ${code}:\n${this.log}`));
      });
      createInterface({ input: child.stdout }).on('line', (line) => {
        const ready = readyUrl(line);
        if (!ready) return;
        clearTimeout(timer);
        resolve(ready);
      });
    });
  }

  async stop(): Promise<number | null> {
    const child = this.child;
    this.child = null;
    if (!child) return null;
    child.kill('SIGTERM');
    return this.exited;
  }

  /** Signs a browser context in the way the desktop window is: with the shell's cookie. */
  async signIn(context: BrowserContext): Promise<void> {
    await context.addCookies([
      { name: DESKTOP_SESSION_COOKIE, value: this.desktopToken, url: this.url },
    ]);
  }
}

function readyUrl(line: string): string | null {
  try {
    const value = JSON.parse(line) as { event?: string; http?: string };
    return value.event === 'ready' && typeof value.http === 'string' ? value.http : null;
  } catch {
    return null;
  }
}

export const test = base.extend<{ demo: DemoCore; demoArgs: string[] }>({
  /** More `hydro serve` flags for a spec's demo, e.g. `test.use({ demoArgs: ['--demo-prepared'] })`. */
  demoArgs: [[], { option: true }],
  demo: async ({ demoArgs }, use, testInfo) => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
    const dataDir = await mkdtemp(join(tmpdir(), 'hydro-e2e-demo-'));
    const demo = new DemoCore(dataDir, demoArgs);
    try {
      await demo.start();
    } catch (error) {
      // Report why it did not start, not the exit code of a process that never ran.
      await demo.stop();
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    }
    try {
      await use(demo);
    } finally {
      const code = await demo.stop();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('core.log', { body: demo.log, contentType: 'text/plain' });
      }
      await rm(dataDir, { recursive: true, force: true });
      expect(code, 'hydro serve exit code after SIGTERM').toBe(0);
    }
  },
  baseURL: async ({ demo }, use) => {
    await use(demo.url);
  },
});

export { expect };

/** Where the page screenshots for review go (test-results/ is ignored by git). */
export const SCREENSHOTS = fileURLToPath(
  new URL('../../test-results/screenshots/', import.meta.url),
);

/**
 * Saves the whole page for review. The app scrolls inside its layout rather than the document,
 * so a full-page screenshot would stop at the viewport: the viewport grows to the content first.
 */
export async function shoot(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const content = await page.evaluate(() => {
    const main = document.querySelector('main');
    return main ? main.getBoundingClientRect().top + main.scrollHeight + 40 : 0;
  });
  await page.setViewportSize({
    width: viewport.width,
    height: Math.max(viewport.height, Math.ceil(content)),
  });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
  await page.setViewportSize(viewport);
}

const DEMO_TYPES = ['ph', 'ec', 'irrig', 'climate', 'light'];

/** The demo's nodes once every one has joined its zone (they bind within seconds). */
export async function boundDemoNodes(request: APIRequestContext): Promise<NodeView[]> {
  let nodes: NodeView[] = [];
  await expect
    .poll(
      async () => {
        const response = await request.get('/api/nodes');
        nodes = z.array(NodeViewSchema).parse(((await response.json()) as { data: unknown }).data);
        return nodes
          .filter((n) => n.zone_id !== null && n.status === 'online')
          .map((n) => n.type)
          .sort();
      },
      { timeout: 30_000 },
    )
    .toEqual([...DEMO_TYPES].sort());
  return nodes;
}

export const byType = (nodes: NodeView[], type: string): NodeView =>
  nodes.find((n) => n.type === type)!;

/** Opens the app in this language (the choice the language switch remembers). */
export async function useLocale(page: Page, locale: 'en' | 'ru'): Promise<void> {
  await page.addInitScript((value) => localStorage.setItem('hydro.locale', value), locale);
}

export const VIEWPORTS = [
  ['desktop', { width: 1366, height: 768 }],
  ['phone', { width: 390, height: 844 }],
] as const;

/** Picks `option` in the naive-ui select labelled `label` (its menu is teleported to the body). */
export async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.n-base-select-option', { hasText: option }).first().click();
}

/** The id of the demo's zone (`hydro serve --demo` creates it before it says ready). */
export async function demoZoneId(request: APIRequestContext): Promise<number> {
  const response = await request.get('/api/zones');
  const zones = (await response.json()) as { data: { id: number; uid: string }[] };
  return zones.data.find((z) => z.uid === 'zn-demo')!.id;
}

/** Creates a recipe with one phase through the API and publishes it; returns its ids. */
export async function publishedRecipe(
  request: APIRequestContext,
  name: string,
  phase: Record<string, unknown>,
): Promise<{ recipeId: number; revisionId: number }> {
  const data = async (response: Awaited<ReturnType<APIRequestContext['post']>>) => {
    expect(response.ok(), await response.text()).toBe(true);
    return ((await response.json()) as { data: Record<string, unknown> }).data;
  };
  const recipe = await data(await request.post('/api/recipes', { data: { name } }));
  const revisionId = (recipe.revisions as { id: number }[])[0]!.id;
  await data(await request.post(`/api/recipe-revisions/${revisionId}/phases`, { data: phase }));
  await data(await request.post(`/api/recipe-revisions/${revisionId}/publish`));
  return { recipeId: recipe.id as number, revisionId };
}
