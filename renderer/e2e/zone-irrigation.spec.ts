import { VIEWPORTS, boundDemoNodes, demoZoneId, expect, shoot, test } from './demo-fixtures.js';

// A demo whose solution tank starts mixed: its preparation finds the tank full and in band, so
// the zone is ready to irrigate within a minute instead of after a fresh-water preparation.
test.use({ viewport: { width: 1366, height: 768 }, demoArgs: ['--demo-prepared'] });

test('irrigate now: the valves open, then the pump runs for its time, ACK then DONE, and the zone is ready again', async ({
  page,
  context,
  demo,
}) => {
  test.setTimeout(240_000);
  await demo.signIn(context);
  await boundDemoNodes(page.request);
  const zoneId = await demoZoneId(page.request);
  await page.goto(`/zones/${zoneId}?tab=process`);
  const phase = page.getByTestId('workflow-phase');
  await expect(phase).toHaveText('Ready', { timeout: 150_000 });

  const actions = page.getByRole('region', { name: 'Actions', exact: true });
  await actions.getByRole('button', { name: 'Irrigate now' }).click();
  await actions.getByLabel('Duration, s').fill('20');
  await actions.getByRole('button', { name: 'Start irrigation' }).click();

  const commands = page.getByRole('list', { name: 'Recent commands' });
  const pumpRun = commands.getByRole('listitem').filter({ hasText: 'run_pump 20 s' });
  // The node acknowledges the timed run when the pump starts …
  await expect(pumpRun).toContainText('Acknowledged', { timeout: 30_000 });
  await expect(phase).toHaveText('Irrigating');
  const valve = commands.getByRole('listitem').filter({ hasText: 'Irrigation valve' }).first();
  await expect(valve).toContainText('set_relay on');
  await expect(valve).toContainText('Done');
  for (const [size, viewport] of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await shoot(page, `zone-irrigation-${size}-en`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  // … and reports DONE when its 20 s are up; the stop plan closes the valves, pump first.
  await expect(pumpRun).toContainText('Done', { timeout: 40_000 });
  await expect(pumpRun).toContainText(/ACK [\d.]+ m?s/);
  await expect(phase).toHaveText('Ready', { timeout: 20_000 });
  const response = await page.request.get(`/api/zones/${zoneId}/tasks`);
  const [task] = ((await response.json()) as { data: { kind: string; outcome: string }[] }).data;
  expect(task).toMatchObject({ kind: 'irrigation', outcome: 'completed_run' });
});
