import type { NodeView } from '../../core/src/contracts/devices.js';
import type { Page } from '@playwright/test';
import { boundDemoNodes, byType, expect, shoot, test, useLocale } from './demo-fixtures.js';

const channelCard = (page: Page, channel: string) => page.getByRole('article', { name: channel });

test.use({ viewport: { width: 1366, height: 768 } });

test('lists the simulated nodes and keeps them live', async ({ page, context, demo }) => {
  await demo.signIn(context);
  const nodes = await boundDemoNodes(page.request);

  await page.goto('/nodes');
  await expect(page).toHaveTitle('Nodes · Hydro');
  const table = page.getByRole('table', { name: 'Nodes in zones' });
  for (const node of nodes) {
    const row = table.getByRole('row').filter({ hasText: node.uid });
    await expect(row).toContainText('Online');
    await expect(row).toContainText(node.fw_version!);
    await expect(row).toContainText(`${node.rssi} dBm`);
    await expect(row).toContainText('Demo zone (two-tank)');
  }
  await expect(
    page.getByText('No node is waiting: every node that said hello is in a zone.'),
  ).toBeVisible();
  await expect(page.getByText('5 of 5 online')).toBeVisible();

  // A restart drops the node's connection (its will says OFFLINE) and it comes back after
  // booting: both changes reach the open list as `device.updated`, without a reload.
  const light = byType(nodes, 'light');
  const row = table.getByRole('row').filter({ hasText: light.uid });
  const restart = await page.request.post(`/api/nodes/${light.id}/commands`, {
    data: { cmd: 'restart', channel: 'system', params: {} },
  });
  expect(restart.status()).toBe(202);
  await expect(row).toContainText('Offline', { timeout: 15_000 });
  await expect(page.getByText('4 of 5 online')).toBeVisible();
  await expect(row).toContainText('Online', { timeout: 30_000 });
  await expect(page.getByText('5 of 5 online')).toBeVisible();
  await shoot(page, 'nodes-live-desktop-en');
});

test('shows a node with live values, tests its channels and shows the ACK → DONE of a relay run', async ({
  page,
  context,
  demo,
}) => {
  await demo.signIn(context);
  const nodes = await boundDemoNodes(page.request);
  const ph = byType(nodes, 'ph');

  await page.goto('/nodes');
  await page.getByRole('link', { name: ph.uid }).click();
  await expect(page).toHaveURL(new RegExp(`/nodes/${ph.id}$`));
  await expect(page.getByRole('heading', { name: ph.uid })).toBeVisible();

  // The pH value is polled every 3 s and arrives over `telemetry.batch.updated`.
  const phValue = channelCard(page, 'ph_sensor').locator('.channel__value');
  await expect(phValue).toHaveText(/^pH \d+(\.\d+)?$/);
  const first = await phValue.textContent();
  await expect.poll(() => phValue.textContent(), { timeout: 30_000 }).not.toBe(first);

  await channelCard(page, 'ph_sensor').getByRole('button', { name: 'Read now' }).click();
  await expect(channelCard(page, 'ph_sensor')).toContainText('Done');
  await expect(channelCard(page, 'ph_sensor')).toContainText(/Read: pH \d/);
  await expect(page.getByRole('table', { name: 'Recent commands' })).toContainText('test_sensor');

  await expect(
    page.getByText('Secrets (signing key, MQTT password) are never shown.'),
  ).toBeHidden();
  await page.getByText('Show the configuration sent to the node').click();
  const config = page.getByLabel('NodeConfig');
  await expect(config).toContainText('"ph_sensor"');
  await expect(config).not.toContainText('node_secret');
  await expect(config).not.toContainText('password');
  await shoot(page, 'node-detail-tested-desktop-en');

  // A valve of the tank node: a timed relay run the node acknowledges, then finishes.
  const irrig = byType(nodes, 'irrig');
  await page.goto(`/nodes/${irrig.id}`);
  const valve = channelCard(page, 'valve_irrigation');
  await valve.getByRole('button', { name: 'Run 3 s' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Run 3 s' }).click();
  await expect(valve).toContainText('Acknowledged');
  await expect(valve).toContainText('Done', { timeout: 15_000 });
  await expect(valve).toContainText(/ACK \d+ ms/);
});

test('asks before detaching a node', async ({ page, context, demo }) => {
  await demo.signIn(context);
  const light = byType(await boundDemoNodes(page.request), 'light');
  await page.goto(`/nodes/${light.id}`);
  await page.getByRole('button', { name: 'Detach' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`Detach ${light.uid} from its zone?`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  const response = await page.request.get(`/api/nodes/${light.id}`);
  expect(((await response.json()) as { data: NodeView }).data.zone_id).not.toBeNull();
});

test.describe('screenshots', () => {
  for (const locale of ['en', 'ru'] as const) {
    for (const [size, viewport] of [
      ['desktop', { width: 1366, height: 768 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      test(`nodes pages in ${locale} on a ${size}`, async ({ page, context, demo }) => {
        await page.setViewportSize(viewport);
        await useLocale(page, locale);
        await demo.signIn(context);
        const nodes = await boundDemoNodes(page.request);
        await page.goto('/nodes');
        await expect(page.getByRole('link', { name: byType(nodes, 'ph').uid })).toBeVisible();
        await shoot(page, `nodes-${size}-${locale}`);
        await page.goto(`/nodes/${byType(nodes, 'ph').id}`);
        await expect(channelCard(page, 'ph_sensor').locator('.channel__value')).toHaveText(/pH \d/);
        // Long enough for a few readings to draw the sparklines.
        await page.waitForTimeout(12_000);
        await shoot(page, `node-detail-${size}-${locale}`);
        await page.goto(`/nodes/${byType(nodes, 'irrig').id}`);
        await expect(
          channelCard(page, 'level_clean_min').locator('.channel__value'),
        ).not.toHaveText('—');
        await shoot(page, `node-detail-irrig-${size}-${locale}`);
      });
    }
  }
});
