import { DESKTOP_SESSION_COOKIE } from '../../core/src/contracts/auth.js';
import { HealthSchema, type Health } from '../../core/src/contracts/health.js';
import { expect, test } from './fixtures.js';
import type { APIRequestContext, BrowserContext, Page } from '@playwright/test';

/** Signed in as the desktop window is: every page needs a session now. */
function signIn(context: BrowserContext, core: { desktopToken: string; url: string }) {
  return context.addCookies([
    { name: DESKTOP_SESSION_COOKIE, value: core.desktopToken, url: core.url },
  ]);
}

async function fetchHealth(request: APIRequestContext): Promise<Health> {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { data: unknown };
  return HealthSchema.parse(body.data);
}

// Landmarks are named in the UI language, so these match either.
const nav = (page: Page) =>
  page.getByRole('navigation', { name: /^(Main navigation|Основная навигация)$/ });
const language = (page: Page) =>
  page.getByRole('radiogroup', { name: /^(Interface language|Язык интерфейса)$/ });

test.use({ viewport: { width: 1280, height: 800 } });

test('shows live health of every component and switches language', async ({
  page,
  context,
  core,
  request,
}) => {
  const health = await fetchHealth(request);
  expect(health.components.length).toBeGreaterThan(0);

  await signIn(context, core);
  await page.goto('/');
  await expect(page).toHaveTitle('Dashboard · Hydro');
  const connection = page.getByRole('status', { name: 'Live connection to the controller' });
  await expect(connection).toHaveText('Live');

  await nav(page).getByRole('link', { name: 'System' }).click();
  await expect(page).toHaveURL(/\/system$/);
  await expect(page).toHaveTitle('System · Hydro');
  for (const { name } of health.components) {
    await expect(page.getByRole('article', { name, exact: true })).toContainText('Healthy');
  }
  await expect(page.getByRole('region', { name: 'Controller' })).toContainText(
    'All systems normal',
  );
  await page.screenshot({ path: test.info().outputPath('system-en.png'), fullPage: true });

  await language(page).getByText('RU').click();
  await expect(nav(page).getByRole('link', { name: 'Зоны' })).toBeVisible();
  await expect(page).toHaveTitle('Система · Hydro');
  await expect(page.getByRole('status', { name: 'Соединение с контроллером' })).toHaveText(
    'Онлайн',
  );
  await page.screenshot({ path: test.info().outputPath('system-ru.png'), fullPage: true });

  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Основная навигация' })).toBeVisible();
  await expect(page.getByRole('article', { name: health.components[0]!.name })).toContainText(
    'В норме',
  );

  await language(page).getByText('EN').click();
  await expect(nav(page).getByRole('link', { name: 'Zones' })).toBeVisible();
  await expect(page).toHaveTitle('System · Hydro');
});

test('shows who is signed in, as the desktop window is', async ({ page, context, core }) => {
  await signIn(context, core);
  await page.goto('/');
  await expect(page.getByRole('banner')).toContainText('local-admin');
  await expect(page.getByRole('banner')).toContainText('Administrator');
  await page.screenshot({ path: test.info().outputPath('signed-in.png') });
});

test('says so when the controller goes away and recovers by itself', async ({
  page,
  context,
  core,
}) => {
  await signIn(context, core);
  await page.goto('/system');
  const connection = page.getByRole('status', { name: 'Live connection to the controller' });
  await expect(connection).toHaveText('Live');

  expect(await core.stop()).toBe(0);
  await expect(connection).toHaveText(/^Reconnecting · attempt \d+$/);
  await expect(page.getByText(/^Connection lost\. Showing the state as of/)).toBeVisible();
  await expect(page.getByRole('link', { name: /Controller.*No connection/ })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('system-reconnecting.png') });

  await core.start();
  await expect(connection).toHaveText('Live', { timeout: 15_000 });
  await expect(page.getByText('Updating live')).toBeVisible();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('navigates through the drawer', async ({ page, context, core }) => {
    await signIn(context, core);
    await page.goto('/');
    // A fresh controller has no greenhouse yet: the dashboard offers the setup guide.
    await expect(page.getByRole('region', { name: 'Set up your farm' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('dashboard-phone.png') });

    await page.getByRole('button', { name: 'Open navigation' }).click();
    await nav(page).getByRole('link', { name: 'System' }).click();
    await expect(page).toHaveTitle('System · Hydro');
    await expect(nav(page)).toBeHidden();
    await page.screenshot({ path: test.info().outputPath('system-phone.png'), fullPage: true });
  });
});
