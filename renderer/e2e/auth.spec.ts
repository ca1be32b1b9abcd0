import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { SCREENSHOTS, VIEWPORTS, useLocale } from './demo-fixtures.js';

const ADMIN = { name: 'Anna Grower', email: 'anna@farm.test', password: 'tomatoes-2026' };

async function fillSetup(page: Page, password = ADMIN.password, repeat = password): Promise<void> {
  await page.getByLabel('Your name').fill(ADMIN.name);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Repeat the password').fill(repeat);
}

test.use({ viewport: { width: 1366, height: 768 } });

test('first run: create the administrator, sign out, sign in again', async ({ page }) => {
  await page.goto('/nodes');
  await expect(page).toHaveURL(/\/setup\?redirect=\/nodes$/);
  await expect(page).toHaveTitle('Create the administrator · Hydro');
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toHaveCount(0);

  // The form says what is wrong in the UI language before the core is asked.
  await fillSetup(page, 'short', 'short');
  await page.getByRole('button', { name: 'Create and sign in' }).click();
  await expect(page.getByText('Use at least 8 characters.')).toBeVisible();
  await fillSetup(page, ADMIN.password, 'something-else');
  await page.getByRole('button', { name: 'Create and sign in' }).click();
  await expect(page.getByText('The passwords differ.')).toBeVisible();

  await fillSetup(page);
  await page.getByRole('button', { name: 'Create and sign in' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/nodes');
  const banner = page.getByRole('banner');
  await expect(banner).toContainText(ADMIN.name);
  await expect(banner).toContainText('Administrator');

  // Setup is closed once an account exists: a signed-in visit goes home.
  await page.goto('/setup');
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/nodes');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login\?redirect=\/nodes$/);
  await expect(page).toHaveTitle('Sign in · Hydro');
  const me = await page.request.get('/api/auth/me');
  expect(me.status()).toBe(401);
  await page.goto('/setup');
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('The email or password is incorrect.');

  await page.goto('/history?range=7d');
  await expect(page).toHaveURL(/\/login\?redirect=/);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The path itself, not the login page whose ?redirect= ends the same way.
  await expect(page).toHaveURL((url) => url.pathname === '/history' && url.search === '?range=7d');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();
});

test('the desktop window is signed in by its cookie and never sees the sign-in page', async ({
  page,
  context,
  core,
}) => {
  await context.addCookies([{ name: 'hydro_desktop', value: core.desktopToken, url: core.url }]);
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole('banner')).toContainText('local-admin');
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
});

test.describe('screenshots', () => {
  for (const locale of ['en', 'ru'] as const) {
    for (const [size, viewport] of VIEWPORTS) {
      test(`setup and sign-in in ${locale} on a ${size}`, async ({ page }) => {
        await page.setViewportSize(viewport);
        await useLocale(page, locale);
        await page.goto('/');
        await expect(page).toHaveURL(/\/setup/);
        await page.screenshot({ path: `${SCREENSHOTS}setup-${size}-${locale}.png` });
        const created = await page.request.post('/api/setup/admin', { data: ADMIN });
        expect(created.ok()).toBe(true);
        await page.request.post('/api/auth/logout');
        await page.goto('/');
        await expect(page).toHaveURL(/\/login/);
        await page.screenshot({ path: `${SCREENSHOTS}login-${size}-${locale}.png` });
      });
    }
  }
});
