import type { APIRequestContext, Page } from '@playwright/test';
import type { ZoneAutomationState } from '../../core/src/contracts/automation.js';
import { VIEWPORTS, boundDemoNodes, demoZoneId, expect, shoot, test } from './demo-fixtures.js';

const ZONE = 'Demo zone (two-tank)';

async function automationState(
  request: APIRequestContext,
  zoneId: number,
): Promise<ZoneAutomationState> {
  const response = await request.get(`/api/zones/${zoneId}/state`);
  return ((await response.json()) as { data: ZoneAutomationState }).data;
}

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const actuator = (page: Page, name: string) =>
  page
    .getByRole('list', { name: 'Valves and pumps' })
    .getByRole('listitem')
    .filter({ hasText: name });

test.use({ viewport: { width: 1366, height: 768 } });

// The demo zone starts in auto: the scheduler begins tank preparation by itself (a full clean
// tank goes straight to the solution fill), which takes far longer than a test at demo speed.
// So the tests take over in manual mode and run the flow step by step.
test('manual mode parks preparation; a manual step opens the flow, confirmed command by command', async ({
  page,
  context,
  demo,
}) => {
  // Waits for the simulated nodes and the scheduler's first tick before the steps run.
  test.setTimeout(150_000);
  await demo.signIn(context);
  await boundDemoNodes(page.request);
  const zoneId = await demoZoneId(page.request);
  await expect
    .poll(async () => (await automationState(page.request, zoneId)).active_task?.kind, {
      timeout: 45_000,
    })
    .toBe('cycle_start');

  await page.goto(`/zones/${zoneId}?tab=process`);
  await expect(page.getByRole('heading', { name: ZONE })).toBeVisible();
  const task = region(page, 'Automation task');
  await expect(task).toContainText('Tank preparation');
  await expect(page.getByRole('img', { name: 'Tank diagram' })).toBeVisible();
  // In auto only stop steps are offered.
  await expect(region(page, 'Manual steps')).toContainText('only stop steps are offered');

  // Stop automation: manual mode, with a reason.
  const mode = region(page, 'Control mode');
  await mode.getByText('Manual', { exact: true }).click();
  await mode.getByLabel('Reason for the change').fill('e2e: take over the fill');
  await mode.getByRole('button', { name: 'Switch to Manual' }).click();
  await expect(page.getByText('The zone is now in manual mode.')).toBeVisible();
  // The flow is stopped by plan (pump first) before the task parks in the hold.
  const stage = page.getByTestId('task-stage');
  await expect(stage).toHaveText(/^Held by manual mode/, { timeout: 20_000 });
  await expect(actuator(page, 'Main pump')).toContainText('Closed / off');

  // Re-open the fill by hand: valves first, then the pump, each confirmed by the node.
  const steps = region(page, 'Manual steps');
  await steps.getByRole('button', { name: 'Start solution fill' }).click();
  await expect(steps.getByRole('status')).toHaveText('Step sent: Start solution fill');
  // The pump rests a few seconds after its stop before it may start again.
  await expect(stage).toHaveText(/^Filling solution tank/, { timeout: 30_000 });
  await expect(actuator(page, 'Solution tank fill valve')).toContainText('Open / running');
  await expect(actuator(page, 'Main pump')).toContainText('Open / running');
  const commands = page.getByRole('list', { name: 'Recent commands' });
  const pumpOn = commands.getByRole('listitem').filter({ hasText: 'Main pump' }).first();
  await expect(pumpOn).toContainText('set_relay on');
  await expect(pumpOn).toContainText('Done');
  for (const [size, viewport] of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await shoot(page, `zone-process-${size}-en`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });

  // And stop it: the pump goes off first, the task ends as stopped by the operator.
  await steps.getByRole('button', { name: 'Stop solution fill' }).click();
  await expect(task).toContainText('stopped by an operator', { timeout: 30_000 });
  await expect(actuator(page, 'Main pump')).toContainText('Closed / off');
  await expect(actuator(page, 'Solution tank fill valve')).toContainText('Closed / off');

  // Irrigation needs a prepared tank: the core refuses, the page says why.
  const actions = region(page, 'Actions');
  await actions.getByRole('button', { name: 'Irrigate now' }).click();
  await expect(actions).toContainText('the controller refuses irrigation until it is ready');
  await actions.getByRole('button', { name: 'Start irrigation' }).click();
  await expect(actions.getByRole('alert')).toHaveText(
    'The tank is not prepared yet: irrigation starts only from a ready solution. Start preparation first.',
  );

  // The emergency stop asks first.
  await page.getByRole('button', { name: 'Emergency stop' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Stop everything in this zone?' });
  await confirm.getByLabel('Reason (optional)').fill('e2e drill');
  await confirm.getByRole('button', { name: 'Stop now' }).click();
  await expect(page.getByText('Emergency stop sent: the zone is in manual.')).toBeVisible();
  await expect(task).toContainText('Emergency stop latched');
});

test('the schedule lists the recipe windows and why each run ran or was skipped', async ({
  page,
  context,
  demo,
}) => {
  // Waits for the simulated nodes and the scheduler's first tick before the steps run.
  test.setTimeout(150_000);
  await demo.signIn(context);
  await boundDemoNodes(page.request);
  const zoneId = await demoZoneId(page.request);
  // The scheduler's first tick records the slots it could not run yet.
  await expect
    .poll(
      async () => {
        const response = await page.request.get(`/api/zones/${zoneId}/schedule`);
        return ((await response.json()) as { data: { recent_runs: unknown[] } }).data.recent_runs
          .length;
      },
      { timeout: 45_000 },
    )
    .toBeGreaterThan(0);

  await page.goto(`/zones/${zoneId}?tab=schedule`);
  const lanes = page.getByRole('list', { name: 'Schedules' });
  await expect(lanes).toContainText('Irrigation');
  await expect(lanes).toContainText('Lighting');
  await expect(lanes).toContainText('from the recipe');
  const upcoming = page.getByRole('list', { name: 'Upcoming' });
  await expect(upcoming.getByRole('listitem').first()).toContainText('Irrigation');
  const runs = page.getByRole('list', { name: 'Recent runs' });
  await expect(runs).toContainText(
    'The tank was not prepared yet; the run waits until the solution is ready.',
  );
  await expect(runs).toContainText('No device is bound to the role it needs.');

  const days24 = await upcoming.getByRole('listitem').count();
  await page.getByRole('radiogroup', { name: 'Horizon' }).getByText('7D').click();
  await expect.poll(() => upcoming.getByRole('listitem').count()).toBeGreaterThan(days24);
  await expect(upcoming).toContainText('Light on');
  for (const [size, viewport] of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await shoot(page, `zone-schedule-${size}-en`);
  }
});
