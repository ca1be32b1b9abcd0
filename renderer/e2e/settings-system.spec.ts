import { z } from 'zod';
import { HealthSchema } from '../../core/src/contracts/health.js';
import { VIEWPORTS, boundDemoNodes, expect, shoot, test, useLocale } from './demo-fixtures.js';

test.use({ viewport: { width: 1366, height: 768 } });

test('backs up now and shows storage use and retention', async ({ page, context, demo }) => {
  await demo.signIn(context);
  await page.goto('/settings');
  await expect(page).toHaveTitle('Settings · Hydro');
  await expect(page.getByText('Data', { exact: true })).toBeVisible();

  const backups = page.getByRole('region', { name: 'Backups' });
  await expect(backups).toContainText('A backup is taken every 24 h');
  await backups.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByText(/^Backup .+ is complete\.$/)).toBeVisible();
  const list = backups.getByRole('list', { name: 'Backups' });
  const listed = z
    .object({ data: z.array(z.object({ name: z.string() })) })
    .parse(await (await page.request.get('/api/backups')).json()).data;
  expect(listed.length).toBeGreaterThan(0);
  for (const { name } of listed) {
    await expect(list.getByRole('listitem').filter({ hasText: name })).toBeVisible();
    await expect(list.getByRole('link', { name: 'Download' }).first()).toHaveAttribute(
      'href',
      /^\/api\/backups\//,
    );
  }

  const usage = page.getByRole('table', { name: 'Storage use' });
  await expect(usage.getByRole('row').filter({ hasText: 'Sensor readings' })).toContainText(
    'telemetry_1m',
  );
  await expect(page.getByText(/ on disk in total$/)).toBeVisible();

  const retention = page.getByRole('region', { name: 'Data retention' });
  await expect(retention).toContainText('Raw readings30 days');
  await expect(retention).toContainText('Daily averagesforever');
});

test('shows ingest rate, queue depth and broker clients on the System page', async ({
  page,
  context,
  demo,
}) => {
  await demo.signIn(context);
  await boundDemoNodes(page.request);
  await page.goto('/system');
  const strip = page.getByRole('region', { name: 'Throughput' });
  await expect(strip).toContainText(/Ingest rate\s*[\d.]+ samples\/s/, { timeout: 20_000 });
  await expect(strip).toContainText(/Ingest queue\s*\d+/);
  const health = HealthSchema.parse(
    ((await (await page.request.get('/api/health')).json()) as { data: unknown }).data,
  );
  const clients = health.components.find((c) => c.name === 'broker')?.metrics.clients;
  expect(typeof clients).toBe('number');
  await expect(strip).toContainText(/Broker clients\s*\d+/);
  await expect(strip).toContainText(`Broker clients${String(clients)}`);
});

test.describe('screenshots', () => {
  for (const locale of ['en', 'ru'] as const) {
    for (const [size, viewport] of VIEWPORTS) {
      test(`settings and system in ${locale} on a ${size}`, async ({ page, context, demo }) => {
        await page.setViewportSize(viewport);
        await useLocale(page, locale);
        await demo.signIn(context);
        await boundDemoNodes(page.request);
        await page.request.post('/api/backups');
        await page.goto('/settings');
        await expect(page.locator('.usage__table')).toBeVisible();
        await shoot(page, `settings-${size}-${locale}`);
        await page.goto('/system');
        await expect(page.locator('.throughput')).toContainText(/\d+(\.\d+)? /, {
          timeout: 20_000,
        });
        await shoot(page, `system-${size}-${locale}`);
      });
    }
  }
});

test('restores a backup after confirming, and the window reconnects by itself', async ({
  page,
  context,
  demo,
}) => {
  await demo.signIn(context);
  await page.request.post('/api/backups');
  await page.goto('/settings');
  const backups = page.getByRole('region', { name: 'Backups' });
  await backups.getByRole('button', { name: 'Restore' }).first().click();
  await expect(page.getByText(/^Restore hydro-.+\?$/)).toBeVisible();
  await page.getByRole('button', { name: 'Restore', exact: true }).last().click();
  await expect(
    page.getByText(/^Backup .+ verified; the controller is restarting onto it\.$/),
  ).toBeVisible();
  // The store it replaced is kept as a pre-restore backup once the restart is through.
  const preRestoreKept = async () => {
    const res = await page.request.get('/api/backups').catch(() => null);
    if (!res?.ok()) return false;
    const listed = z
      .object({ data: z.array(z.object({ name: z.string() })) })
      .parse(await res.json()).data;
    return listed.some((b) => b.name.includes('pre-restore'));
  };
  await expect.poll(preRestoreKept, { timeout: 20_000 }).toBe(true);
  const connection = page.getByRole('status', { name: 'Live connection to the controller' });
  await expect(connection).toHaveText('Live', { timeout: 20_000 });
});
