import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIRequestContext, Page } from '@playwright/test';
import { VIEWPORTS, boundDemoNodes, byType, expect, shoot, test } from './demo-fixtures.js';

const VIEWER = { name: 'Vera Viewer', email: 'vera@farm.local', password: 'seedlings-42' };

async function shootBoth(page: Page, name: string): Promise<void> {
  for (const [label, size] of VIEWPORTS) {
    await page.setViewportSize(size);
    await shoot(page, `${name}-${label}-en`);
  }
  await page.setViewportSize(VIEWPORTS[0][1]);
}

/**
 * Reboots the node until the controller notices it offline (it checks every 10 s and a reboot
 * takes a few seconds), as a node with a failing power supply would; resolves once `seen` holds.
 */
async function knockOffline(
  request: APIRequestContext,
  nodeId: number,
  seen: () => Promise<boolean>,
) {
  await expect
    .poll(
      async () => {
        if (await seen()) return true;
        await request.post(`/api/nodes/${nodeId}/commands`, {
          data: { cmd: 'restart', channel: 'system', params: {} },
        });
        return false;
      },
      { timeout: 90_000, intervals: [3_000] },
    )
    .toBe(true);
}

test.use({ viewport: { width: 1366, height: 768 } });

test('a node dropping off raises a live error alert with a toast; it is resolved by hand or by the controller; a viewer may not', async ({
  page,
  context,
  browser,
  demo,
}) => {
  test.setTimeout(240_000);
  await demo.signIn(context);
  const nodes = await boundDemoNodes(page.request);

  // The administrator adds a read-only colleague.
  await page.goto('/settings?tab=users');
  await page.getByRole('button', { name: 'Add a user' }).click();
  await page.getByLabel('Name').fill(VIEWER.name);
  await page.getByLabel('Email').fill(VIEWER.email);
  await page.getByLabel('Password').fill(VIEWER.password);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByText(`${VIEWER.name} can now sign in.`)).toBeVisible();
  const users = page.getByRole('list', { name: 'Users and roles' });
  await expect(users.getByRole('listitem').filter({ hasText: VIEWER.email })).toContainText(
    'Viewer',
  );
  await shootBoth(page, 'settings-users');

  // An open page shows each new error alert as a toast, and the list gains it live.
  await page.goto('/alerts');
  await expect(page.getByText('No alerts match these filters.')).toBeVisible();
  const light = byType(nodes, 'light');
  const toast = page.locator('.n-notification').filter({ hasText: 'New error alert' });
  await knockOffline(page.request, light.id, () => toast.isVisible());
  await expect(toast).toContainText(`Node ${light.name ?? light.uid} is offline`);
  const row = page
    .getByRole('listitem')
    .filter({ hasText: `${light.name ?? light.uid} is offline` });
  await expect(row).toContainText('Error');
  await expect(row).toContainText('biz_node_offline');

  // Resolved by hand (the controller would close it on the node's return, 10 s later).
  await row.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Resolve selected (1)' }).click();
  await expect(page.getByText('1 alert resolved.')).toBeVisible();
  await expect(row).toContainText('Resolved');
  await expect(row).toContainText('by local-admin');
  await shootBoth(page, 'alerts-resolved');

  // The viewer signs in elsewhere: alerts are visible, every action is disabled with the reason.
  const viewerContext = await browser.newContext({ baseURL: demo.url });
  const login = await viewerContext.request.post('/api/auth/login', {
    data: { email: VIEWER.email, password: VIEWER.password },
  });
  expect(login.ok()).toBe(true);
  const viewer = await viewerContext.newPage();
  await viewer.setViewportSize(VIEWPORTS[0][1]);
  await viewer.goto('/alerts');

  const ec = byType(nodes, 'ec');
  const ecRow = (p: Page) =>
    p.getByRole('listitem').filter({ hasText: `${ec.name ?? ec.uid} is offline` });
  await knockOffline(page.request, ec.id, () => ecRow(viewer).isVisible());
  const resolve = ecRow(viewer).getByRole('button', { name: 'Resolve' });
  await expect(resolve).toBeDisabled();
  await resolve.hover({ force: true });
  await expect(
    viewer.getByText('Your role (Viewer) may not resolve alerts. Roles that may:'),
  ).toBeVisible();
  await shootBoth(viewer, 'alerts-viewer');

  // Left alone, the controller closes it once the node is back; both pages see it live.
  await expect(ecRow(page)).toContainText('by the controller (cause cleared)', {
    timeout: 60_000,
  });
  await expect(ecRow(viewer)).toContainText('Resolved');

  await viewer.goto('/recipes');
  await expect(viewer.getByRole('button', { name: 'New recipe' })).toBeDisabled();
  await viewer.getByRole('link', { name: 'Demo lettuce' }).click();
  await expect(viewer.getByRole('button', { name: 'Start a grow cycle' })).toBeDisabled();
  await expect(viewer.getByRole('button', { name: 'Pause' })).toBeDisabled();
  await expect(viewer.getByRole('button', { name: 'New draft from this revision' })).toBeDisabled();
  await shootBoth(viewer, 'recipe-viewer');
  await viewer.goto('/settings?tab=users');
  await expect(viewer.getByText('Your role (Viewer) may not manage users')).toBeVisible();
  await viewerContext.close();

  // Notifications: a webhook with a signing secret, saved, then a test delivery shown in place.
  const received: IncomingHttpHeaders[] = [];
  const receiver = createServer((req, res) => {
    received.push(req.headers);
    req.resume().on('end', () => res.writeHead(200).end('ok'));
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hydro`;
  try {
    await page.goto('/settings?tab=notifications');
    const webhook = page.getByRole('region', { name: 'Webhook' });
    await webhook.getByRole('switch').click();
    await webhook.getByPlaceholder('https://').fill(hook);
    await webhook.getByLabel('Signing secret').fill('a-long-shared-secret');
    await webhook.getByLabel('Lowest severity sent').click();
    await page.locator('.n-base-select-option', { hasText: 'Warning and above' }).click();
    await expect(webhook.getByRole('button', { name: 'Send test' })).toBeDisabled();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Notification settings saved.')).toBeVisible();
    await expect(webhook.getByLabel('Signing secret')).toHaveValue('');
    await expect(webhook.getByLabel('Signing secret')).toHaveAttribute(
      'placeholder',
      /stored; type to replace/,
    );
    await webhook.getByRole('button', { name: 'Send test' }).click();
    await expect(webhook.getByRole('status')).toContainText(/Delivered in \d+ ms · HTTP 200/);
    expect(received.at(-1)?.['x-hydro-signature']).toBeTruthy();
    await shootBoth(page, 'settings-notifications');
  } finally {
    receiver.close();
  }
});
