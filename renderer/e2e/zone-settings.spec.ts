import type { APIRequestContext } from '@playwright/test';
import type { ZoneSettings } from '../../core/src/contracts/zones.js';
import { VIEWPORTS, choose, demoZoneId, expect, shoot, test } from './demo-fixtures.js';

async function zoneSettings(request: APIRequestContext, zoneId: number): Promise<ZoneSettings> {
  const response = await request.get(`/api/zones/${zoneId}`);
  return ((await response.json()) as { data: { settings: ZoneSettings } }).data.settings;
}

test.use({ viewport: { width: 1366, height: 768 } });

test('the settings tab edits the irrigation override, checks the moisture band and keeps the rest', async ({
  page,
  context,
  demo,
}) => {
  await demo.signIn(context);
  const zoneId = await demoZoneId(page.request);
  const before = await zoneSettings(page.request, zoneId);

  await page.goto(`/zones/${zoneId}?tab=settings`);
  // naive-ui's tabs carry no tab roles: the tab shows by its content.
  await expect(page.getByText('Overrides of the recipe for this zone only.')).toBeVisible();
  const irrigation = page.getByRole('region', { name: 'Irrigation override' });
  const save = page.getByRole('button', { name: 'Save settings' });

  // The moisture band shows only with the soil strategy; a band upside down blocks the save.
  await expect(irrigation.getByLabel('Soil moisture min, %')).toHaveCount(0);
  await choose(page, 'Strategy', 'By soil moisture');
  await irrigation.getByLabel('Soil moisture min, %').fill('60');
  await irrigation.getByLabel('Soil moisture max, %').fill('40');
  await expect(irrigation.getByText('The minimum must be below the maximum')).toBeVisible();
  await expect(save).toBeDisabled();

  await irrigation.getByLabel('Soil moisture min, %').fill('40');
  await irrigation.getByLabel('Soil moisture max, %').fill('60');
  await irrigation.getByLabel('Interval, s').fill('1800');
  await expect(irrigation.getByText('The minimum must be below the maximum')).toHaveCount(0);
  await expect(save).toBeEnabled();
  await save.click();
  await expect(page.getByText('Zone settings saved.')).toBeVisible();

  const after = await zoneSettings(page.request, zoneId);
  expect(after.irrigation).toMatchObject({
    strategy: 'smart_soil_v1',
    soil_moisture_min_pct: 40,
    soil_moisture_max_pct: 60,
    interval_sec: 1800,
  });
  // Settings are replaced whole: what the form does not edit comes back as it was.
  expect(after.schedules).toEqual(before.schedules);
  expect(after.tanks).toEqual(before.tanks);

  await page.reload();
  const reloaded = page.getByRole('region', { name: 'Irrigation override' });
  await expect(reloaded.getByLabel('Interval, s')).toHaveValue('1800');
  await expect(reloaded.getByLabel('Soil moisture min, %')).toHaveValue('40');
  await expect(reloaded.getByLabel('Soil moisture max, %')).toHaveValue('60');
  await expect(reloaded).toContainText('By soil moisture');
  for (const [size, viewport] of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await shoot(page, `zone-settings-${size}-en`);
  }
});
