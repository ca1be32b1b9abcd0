import { z } from 'zod';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import {
  VIEWPORTS,
  boundDemoNodes,
  byType,
  choose,
  expect,
  shoot,
  test,
  useLocale,
} from './demo-fixtures.js';

const PointSchema = z.object({
  ts: z.number(),
  min: z.number(),
  max: z.number(),
  count: z.number(),
});
const HistorySchema = z.object({
  data: z.object({
    series: z.array(z.object({ source: z.string(), points: z.array(PointSchema) })),
  }),
});

/** The history request the page makes next, as `to - from` in ms. */
function nextHistorySpan(page: Page): Promise<number> {
  return page
    .waitForRequest((r) => r.url().includes('/api/telemetry/history'))
    .then((r) => {
      const url = new URL(r.url());
      return Number(url.searchParams.get('to')) - Number(url.searchParams.get('from'));
    });
}

test.use({ viewport: { width: 1366, height: 768 } });

test('switches the range and downloads a CSV whose rows match the API', async ({
  page,
  context,
  demo,
}) => {
  await demo.signIn(context);
  const ph = byType(await boundDemoNodes(page.request), 'ph');
  // A few pH readings (every 3 s) so the hour is not empty.
  await page.waitForTimeout(8000);

  await page.goto(`/history?series=${ph.id}:ph_sensor,${ph.id}:solution_temp_c&range=1h`);
  await expect(page).toHaveTitle('History · Hydro');
  const range = page.getByRole('radiogroup', { name: 'Time range' });
  await expect(range.getByRole('radio', { name: '1H' })).toBeChecked();
  await expect(page.locator('.history-chart canvas').first()).toBeVisible();

  const daySpan = nextHistorySpan(page);
  await range.getByText('24H').click();
  expect(await daySpan).toBe(86_400_000);
  await expect(page).toHaveURL(/range=24h/);
  const hourSpan = nextHistorySpan(page);
  await range.getByText('1H').click();
  expect(await hourSpan).toBe(3_600_000);
  await expect(page).toHaveURL(/range=1h/);

  // Samples stamped before the window's end may still be on their way to the store.
  await page.waitForTimeout(2000);
  const link = page.getByRole('link', { name: /^Download the raw readings of pH · .* as CSV$/ });
  const href = new URL((await link.getAttribute('href'))!, demo.url);
  expect(href.pathname).toBe('/api/telemetry/export.csv');
  expect(href.searchParams.get('node_id')).toBe(String(ph.id));
  expect(href.searchParams.get('channel')).toBe('ph_sensor');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe(`telemetry-${ph.id}-ph_sensor.csv`);
  const [header, ...rows] = (await readFile(await download.path(), 'utf8')).trim().split('\n');
  expect(header).toBe('ts_iso,ts_ms,node_id,channel,metric_type,value,quality');
  const values = rows.map((row) => Number(row.split(',')[5]));
  expect(values.length).toBeGreaterThan(1);

  // The same window through the history API: raw buckets that count the same samples.
  const from = href.searchParams.get('from')!;
  const to = href.searchParams.get('to')!;
  const response = await page.request.get(
    `/api/telemetry/history?series=${ph.id}:ph_sensor&from=${from}&to=${to}&points=5000`,
  );
  const [series] = HistorySchema.parse(await response.json()).data.series;
  expect(series!.source).toBe('raw');
  expect(series!.points.reduce((sum, p) => sum + p.count, 0)).toBe(values.length);
  expect(Math.min(...series!.points.map((p) => p.min))).toBe(Math.min(...values));
  expect(Math.max(...series!.points.map((p) => p.max))).toBe(Math.max(...values));
  for (const row of rows) {
    const ts = Number(row.split(',')[1]);
    expect(ts).toBeGreaterThanOrEqual(Number(from));
    expect(ts).toBeLessThan(Number(to));
  }

  // Compare zones: one metric picked on every zone's nodes, each series named with its zone.
  await choose(page, 'Compare zones by…', 'pH · zones measuring it: 1');
  await expect(page).toHaveURL(new RegExp(`series=${ph.id}(:|%3A)ph_sensor(&|$)`));
  await expect(
    page.getByRole('link', {
      name: /^Download the raw readings of pH · .* · Demo zone \(two-tank\) as CSV$/,
    }),
  ).toBeVisible();
});

test.describe('screenshots', () => {
  for (const locale of ['en', 'ru'] as const) {
    for (const [size, viewport] of VIEWPORTS) {
      test(`history in ${locale} on a ${size}`, async ({ page, context, demo }) => {
        await page.setViewportSize(viewport);
        await useLocale(page, locale);
        await demo.signIn(context);
        const nodes = await boundDemoNodes(page.request);
        await page.waitForTimeout(20_000);
        const ph = byType(nodes, 'ph');
        const ec = byType(nodes, 'ec');
        const now = Date.now();
        const series = [`${ph.id}:ph_sensor`, `${ec.id}:ec_sensor`, `${ph.id}:solution_temp_c`];
        await page.goto(`/history?series=${series.join(',')}&from=${now - 120_000}&to=${now}`);
        await expect(page.locator('.history-chart canvas').first()).toBeVisible();
        await page.waitForTimeout(1000);
        await shoot(page, `history-${size}-${locale}`);
      });
    }
  }
});
