import type { Page } from '@playwright/test';
import { VIEWPORTS, boundDemoNodes, expect, shoot, test } from './demo-fixtures.js';

const ZONE = 'Demo zone (two-tank)';
const reading = (page: Page, key: string) => page.getByTestId(`reading-${key}`).first();

test.use({ viewport: { width: 1366, height: 768 } });

test('the dashboard shows the demo zone with live pH and EC', async ({ page, context, demo }) => {
  await demo.signIn(context);
  await boundDemoNodes(page.request);
  await page.goto('/');
  await expect(page).toHaveTitle('Dashboard · Hydro');

  const card = page.getByRole('article', { name: ZONE });
  await expect(card).toContainText('Demo greenhouse');
  await expect(card).toContainText(/Day \d+ of \d+/);
  await expect(reading(card.page(), 'ph')).toHaveText(/^\d+\.\d\d$/);
  await expect(reading(card.page(), 'ec')).toHaveText(/^\d+\.\d\d mS\/cm$/);
  await expect(card).toContainText('Clean water');
  // The pH node samples every few seconds; the value changes without a reload.
  const first = await reading(page, 'ph').textContent();
  await expect(reading(page, 'ph')).not.toHaveText(first!, { timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Farm summary' })).toContainText('5 / 5');
  for (const [size, viewport] of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await shoot(page, `dashboard-${size}-en`);
  }
});

test('a zone: overview, telemetry ranges, events, devices and alerts', async ({
  page,
  context,
  demo,
}) => {
  await demo.signIn(context);
  await boundDemoNodes(page.request);
  await page.goto('/zones');
  await page.getByRole('link', { name: ZONE }).click();
  await expect(page).toHaveURL(/\/zones\/1$/);
  await expect(page.getByRole('heading', { name: ZONE })).toBeVisible();
  await expect(reading(page, 'ph')).toHaveText(/^\d+\.\d\d$/);
  await expect(page.getByRole('region', { name: 'Control mode' })).toContainText('Auto');
  // The demo cycle runs: the admin steps it from the Overview tab (not clicked: it stays running).
  await expect(page.getByRole('region', { name: 'Grow cycle' })).toContainText('Running');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Next phase', exact: true })).toBeVisible();

  // naive-ui's tabs carry no tab roles; the tab strip is labelled.
  const tabs = page.getByLabel('Zone sections');
  await tabs.getByText('Telemetry', { exact: true }).click();
  await expect(page).toHaveURL(/tab=telemetry/);
  await expect(page.locator('.band-chart canvas').first()).toBeVisible();
  await page.getByRole('radiogroup', { name: 'Time range' }).getByText('1H').click();
  await expect(page).toHaveURL(/range=1h/);
  const csv = page.getByRole('link', { name: /^Download the raw readings of pH/ }).first();
  await expect(csv).toHaveAttribute(
    'href',
    /\/api\/telemetry\/export\.csv\?node_id=\d+&channel=ph_sensor/,
  );
  await page.getByRole('radiogroup', { name: 'Time range' }).getByText('7D').click();
  await expect(page).toHaveURL(/range=7d/);

  await tabs.getByText('Events', { exact: true }).click();
  const events = page.getByRole('list', { name: 'Zone events' });
  await expect(events.getByRole('listitem').first()).toContainText('Level switch changed');
  await expect(events).toContainText('level_clean_min');

  await tabs.getByText('Devices', { exact: true }).click();
  await expect(page.getByRole('table', { name: 'Nodes in this zone' })).toBeVisible();
  // The demo binds its own roles; a vent it has not is bound here from the full role list.
  await page.getByRole('switch').click();
  await page.getByLabel('Vent', { exact: true }).click();
  // naive-ui's options carry no option role; a channel bound to no other role.
  await page.locator('.n-base-select-option').filter({ hasText: '· storage_state' }).click();
  const picked = 'storage_state';
  await expect
    .poll(async () => {
      const body = (await (await page.request.get('/api/zones/1/bindings')).json()) as {
        data: { role: string; channel: string }[];
      };
      return body.data.find((b) => b.role === 'vent')?.channel;
    })
    .toBe(picked);

  await tabs.getByText('Alerts', { exact: true }).click();
  await expect(page.getByText('No active alerts in this zone.')).toBeVisible();

  for (const [size, viewport] of VIEWPORTS) {
    await page.setViewportSize(viewport);
    for (const tab of ['overview', 'telemetry', 'events', 'devices', 'alerts']) {
      await page.goto(`/zones/1?tab=${tab}&range=24h`);
      await expect(page.getByRole('heading', { name: ZONE })).toBeVisible();
      if (tab === 'telemetry')
        await expect(page.locator('.band-chart canvas').first()).toBeVisible();
      if (tab === 'events')
        await expect(page.getByRole('list', { name: 'Zone events' })).toBeVisible();
      await shoot(page, `zone-${tab}-${size}-en`);
    }
    await page.goto('/zones');
    await expect(page.getByRole('link', { name: ZONE })).toBeVisible();
    await shoot(page, `zones-${size}-en`);
  }
});
