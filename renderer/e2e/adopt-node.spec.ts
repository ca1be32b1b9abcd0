import { ExtraSimNodes } from './extra-sim-nodes.js';
import { boundDemoNodes, expect, shoot, test, VIEWPORTS } from './demo-fixtures.js';

test.use({ viewport: { width: 1366, height: 768 } });

// A node the demo does not adopt by itself: a second pH node started with `hydro sim`, adopted
// through the Nodes page into a zone of its own, whose pH reading then comes from it.
test('adopts a new node into a zone with suggested roles and shows its telemetry', async ({
  page,
  context,
  demo,
}) => {
  await demo.signIn(context);
  await boundDemoNodes(page.request);
  const greenhouses = (await (await page.request.get('/api/greenhouses')).json()) as {
    data: { id: number }[];
  };
  const created = await page.request.post('/api/zones', {
    data: { greenhouse_id: greenhouses.data[0]!.id, name: 'Nursery' },
  });
  expect(created.ok(), await created.text()).toBe(true);
  const zoneId = ((await created.json()) as { data: { id: number } }).data.id;

  const sim = new ExtraSimNodes();
  try {
    const ready = await sim.start(page.request, ['ph'], 77);
    const hardwareId = ready.nodes[0]!.hardware_id;

    await page.goto('/nodes');
    const unassigned = page.getByRole('table', { name: 'Unassigned nodes' });
    const row = unassigned.getByRole('row').filter({ hasText: hardwareId });
    await expect(row).toContainText('Online', { timeout: 20_000 });
    await shoot(page, 'nodes-unassigned-desktop-en');
    await row.getByRole('button', { name: 'Adopt' }).click();

    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Zone', { exact: true }).click();
    await page.locator('.n-base-select-option', { hasText: 'Nursery' }).click();
    // The firmware's channel names suggest the roles.
    await expect(dialog.getByLabel('Role of ph_sensor')).toContainText('pH sensor');
    await expect(dialog.getByLabel('Role of pump_acid')).toContainText('Acid pump');
    await expect(dialog.getByLabel('Role of pump_bus_current')).toContainText('No role');
    await shoot(page, 'adopt-dialog-desktop-en');
    await dialog.getByRole('button', { name: 'Adopt into zone' }).click();

    const adoptions = page.getByRole('list', { name: 'Adoptions' });
    // Pending until the node confirms from its new zone, then its roles are bound.
    await expect(adoptions).toContainText(/Pending|Binding roles|Bound/);
    await expect(adoptions).toContainText('Bound', { timeout: 20_000 });
    await expect(adoptions).toContainText(/Roles bound: \d+/);
    await shoot(page, 'nodes-adopted-desktop-en');

    const bindings = (await (await page.request.get(`/api/zones/${zoneId}/bindings`)).json()) as {
      data: { role: string; channel: string }[];
    };
    expect(bindings.data.map((b) => b.role)).toEqual(
      expect.arrayContaining(['ph_sensor', 'pump_acid', 'pump_base']),
    );

    await adoptions.getByRole('link', { name: 'Open zone telemetry' }).click();
    await expect(page).toHaveURL(new RegExp(`/zones/${zoneId}\\?tab=telemetry`));
    await expect(page.getByRole('heading', { name: 'pH', exact: true })).toBeVisible();
    await shoot(page, 'zone-telemetry-adopted-desktop-en');
    await page.goto(`/zones/${zoneId}?tab=overview`);
    await expect(page.getByRole('group', { name: 'pH' })).toContainText(/\d\.\d/, {
      timeout: 20_000,
    });
    for (const [name, viewport] of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await page.goto(`/zones/${zoneId}?tab=devices`);
      await expect(page.getByRole('table', { name: 'Calibration' })).toContainText('pH sensor');
      await shoot(page, `zone-devices-calibration-${name}-en`);
    }
  } finally {
    await sim.stop();
  }
});

test('calibrates a dosing pump: run, measure, save', async ({ page, context, demo }) => {
  await demo.signIn(context);
  const nodes = await boundDemoNodes(page.request);
  const ph = nodes.find((n) => n.type === 'ph')!;
  await expect
    .poll(async () => {
      const zone = ph.zone_id!;
      const res = await page.request.get(`/api/zones/${zone}/bindings`);
      return ((await res.json()) as { data: { role: string }[] }).data.map((b) => b.role);
    })
    .toContain('pump_acid');

  await page.goto(`/nodes/${ph.id}`);
  const table = page.getByRole('table', { name: 'Calibration' });
  await table.getByRole('button', { name: 'Calibrate Acid pump (pH down)' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Run time' }).fill('2');
  await dialog.getByRole('button', { name: 'Run pump' }).click();
  // The run is a signed command the node acknowledges and finishes.
  const measured = dialog.getByRole('textbox', { name: 'Measured volume' });
  await expect(measured).toBeVisible({ timeout: 20_000 });
  await measured.fill('3');
  await expect(dialog).toContainText('That is 1.5 ml/s.');
  await shoot(page, 'pump-calibration-desktop-en');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toContainText('Saved: 1.5 ml/s');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(table).toContainText('1.5 ml/s (measured)');

  await table.getByRole('button', { name: 'Calibrate pH sensor' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Reference value, point 1' })).toHaveValue('7');
  await dialog.getByRole('button', { name: 'Calibrate point 1' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Reference value, point 2' })).toBeVisible({
    timeout: 20_000,
  });
  await dialog.getByRole('button', { name: 'Calibrate point 2' }).click();
  await expect(dialog).toContainText('The probe is calibrated at two points.', {
    timeout: 20_000,
  });
  await shoot(page, 'sensor-calibration-desktop-en');
});
