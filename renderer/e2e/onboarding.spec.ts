import { expect, test } from './fixtures.js';
import { SCREENSHOTS, VIEWPORTS, shoot } from './demo-fixtures.js';

const ADMIN = { name: 'Olga Grower', email: 'olga@farm.test', password: 'cucumbers-2026' };

for (const [size, viewport] of VIEWPORTS) {
  test(`first run on a ${size}: administrator, greenhouse, zone, then how to connect nodes`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await page.goto('/');
    await expect(page).toHaveURL(/\/setup/);
    await page.getByLabel('Your name').fill(ADMIN.name);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Repeat the password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create and sign in' }).click();

    // No page was asked for, so the guide comes next, starting with the greenhouse.
    await expect(page).toHaveURL((url) => url.pathname === '/onboarding');
    await expect(page).toHaveTitle('Set up your farm · Hydro');
    const browserZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    await expect(page.getByRole('region', { name: 'Greenhouse' })).toContainText(browserZone);
    await page.getByRole('button', { name: 'Create the greenhouse' }).click();
    await expect(page.getByText('Enter a name.')).toBeVisible();
    await shoot(page, `onboarding-greenhouse-${size}-en`);
    await page.getByLabel('Greenhouse name').fill('North greenhouse');
    await page.getByRole('button', { name: 'Create the greenhouse' }).click();

    const zoneStep = page.getByRole('region', { name: 'First zone' });
    await expect(zoneStep).toContainText('North greenhouse');
    await page.getByLabel('Zone name').fill('Tomatoes, bench 1');
    await page.getByText('One tank', { exact: true }).click();
    await shoot(page, `onboarding-zone-${size}-en`);
    await page.getByRole('button', { name: 'Create the zone' }).click();

    const connect = page.getByRole('region', { name: 'Connect nodes' });
    await expect(connect).toContainText('Zone "Tomatoes, bench 1" is ready.');
    const health = (await (await page.request.get('/api/health')).json()) as {
      data: { components: { name: string; metrics: Record<string, unknown> }[] };
    };
    const port = health.data.components.find((c) => c.name === 'broker')!.metrics.port;
    await expect(connect.getByRole('definition').nth(1)).toHaveText(String(port));
    await expect(connect).toContainText(`npx hydro sim --broker mqtt://127.0.0.1:${String(port)}`);
    await shoot(page, `onboarding-connect-${size}-en`);

    const zones = (await (await page.request.get('/api/zones')).json()) as {
      data: { name: string; topology: string }[];
    };
    expect(zones.data).toEqual([
      expect.objectContaining({ name: 'Tomatoes, bench 1', topology: 'single_tank' }),
    ]);
    const greenhouses = (await (await page.request.get('/api/greenhouses')).json()) as {
      data: { name: string; timezone: string }[];
    };
    expect(greenhouses.data).toEqual([
      expect.objectContaining({ name: 'North greenhouse', timezone: browserZone }),
    ]);

    await page.getByRole('button', { name: 'Go to the dashboard' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/');
    await expect(page.getByRole('article', { name: 'Tomatoes, bench 1' })).toContainText(
      'No nodes',
    );
    await page.screenshot({ path: `${SCREENSHOTS}onboarding-done-${size}-en.png` });
  });
}

test('an empty farm: the dashboard offers the guide', async ({ page, context, core }) => {
  await context.addCookies([{ name: 'hydro_desktop', value: core.desktopToken, url: core.url }]);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Set up your farm' })).toContainText(
    'There is no greenhouse yet.',
  );
  await page.getByRole('button', { name: 'Start the setup guide' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/onboarding');
  await page.getByRole('button', { name: 'Skip for now' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/');
  await shoot(page, 'dashboard-empty-desktop-en');
});
