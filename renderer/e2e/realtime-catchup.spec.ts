import type { WebSocketRoute } from '@playwright/test';
import { demoZoneId, expect, shoot, test, VIEWPORTS } from './demo-fixtures.js';

// The page's realtime socket goes through a route that can cut it and refuse reconnects, like a
// network drop between the window and the controller; the core itself keeps running.
for (const [name, viewport] of VIEWPORTS) {
  test(`a dropped WebSocket shows the banner, then catches up on what happened (${name})`, async ({
    page,
    context,
    demo,
  }) => {
    await page.setViewportSize(viewport);
    await demo.signIn(context);
    const zoneId = await demoZoneId(page.request);
    let online = true;
    const opened: string[] = [];
    let current: WebSocketRoute | null = null;
    await page.routeWebSocket(/\/api\/ws/, (ws) => {
      opened.push(ws.url());
      if (!online) return void ws.close({ code: 1006 });
      current = ws;
      ws.connectToServer();
    });

    await page.goto(`/zones/${zoneId}?tab=events`);
    await expect(
      page.getByRole('status', { name: 'Live connection to the controller' }),
    ).toHaveText('Live');
    // Some events have reached the page, so a reconnect has a position to resume from.
    await page.waitForTimeout(1000);

    online = false;
    await current!.close({ code: 1006 });
    const banner = page.locator('.connection-banner');
    await expect(banner).toContainText('Connection to the controller lost');
    await expect(banner).toContainText(/Reconnecting \(attempt 1/);
    await shoot(page, `connection-lost-${name}-en`);

    // Meanwhile: the zone is renamed and switched to semi-automatic (a timeline entry).
    const rename = await page.request.patch(`/api/zones/${zoneId}`, {
      data: { name: 'Renamed while offline' },
    });
    expect(rename.ok(), await rename.text()).toBe(true);
    const mode = await page.request.patch(`/api/zones/${zoneId}/control-mode`, {
      data: { control_mode: 'semi' },
    });
    expect(mode.ok(), await mode.text()).toBe(true);

    online = true;
    await expect(banner).toContainText('Back online', { timeout: 15_000 });
    const caught = Number(
      /missed while disconnected: (\d+)/.exec((await banner.textContent()) ?? '')?.[1],
    );
    expect(caught).toBeGreaterThanOrEqual(2);
    await shoot(page, `connection-caught-up-${name}-en`);
    // The reconnect asked the core to replay after the last event the page had seen.
    expect(opened.at(-1)).toMatch(/after_id=\d+/);

    await expect(page.getByRole('heading', { name: 'Renamed while offline' })).toBeVisible();
    await expect(page.getByText(/Control mode/i).first()).toBeVisible();
    await expect(
      page.getByRole('status', { name: 'Live connection to the controller' }),
    ).toHaveText('Live');
    // The "caught up" note gets out of the way by itself.
    await expect(banner).toBeHidden({ timeout: 15_000 });
  });
}
