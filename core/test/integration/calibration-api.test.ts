import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type {
  PumpCalibrationView,
  SensorCalibrationView,
} from '../../src/contracts/calibration.js';
import type { CommandView } from '../../src/contracts/devices.js';
import type { ZoneLastTelemetry } from '../../src/contracts/zone-telemetry.js';
import { createSimulatedNode, type SimulatedNode } from '../../src/sim/index.js';
import type { NodeRecord } from '../../src/storage/types.js';
import { apiClient } from '../helpers/api-client.js';
import { startCore, type Harness } from '../helpers/core-harness.js';

/** A real core with a simulated pH node bound to a zone, answering the calibration commands. */
let h: Harness;
let sim: SimulatedNode;
let api: ReturnType<typeof apiClient>;
let zoneId: number;
let node: NodeRecord;

/** expect.poll works only inside a test; the shared setup waits with vi.waitFor. */
const until = (check: () => Promise<boolean>) =>
  vi.waitFor(
    async () => {
      if (!(await check())) throw new Error('not yet');
    },
    { timeout: 15_000, interval: 100 },
  );

beforeAll(async () => {
  h = await startCore();
  api = apiClient(h);
  const gh = await h.core.storage.greenhouses.create(
    { uid: 'gh-1', name: 'GH', timezone: 'UTC' },
    Date.now(),
  );
  zoneId = (
    await h.core.storage.zones.create({ greenhouseId: gh.id, uid: 'zn-1', name: 'Z' }, Date.now())
  ).id;
  sim = createSimulatedNode({
    type: 'ph',
    mac: 'a1b2c3d4e5f7',
    brokerUrl: h.urls.mqtt,
    seed: 7,
    speed: 10,
    timing: { bootMs: 0 },
  });
  await sim.start();
  const record = () => h.core.storage.nodes.byHardwareId('esp32-a1b2c3d4e5f7');
  await until(async () => (await record())?.status === 'online');
  api.data(await api.call('PATCH', `/api/nodes/${(await record())!.id}`, { zone_id: zoneId }));
  await until(async () => (await record())?.zoneId === zoneId);
  node = (await record())!;
  await until(async () => (await h.core.storage.nodes.channels(node.id)).length > 0);
  for (const role of ['pump_acid', 'ph_sensor'])
    api.data(
      await api.call('PUT', `/api/zones/${zoneId}/bindings/${role}`, {
        node_id: node.id,
        channel: role,
      }),
    );
}, 60_000);
afterAll(async () => {
  await sim.stop();
  await h.stop();
});

const awaitDone = (cmdId: string) => h.core.devices.commands.awaitTerminal(cmdId);

describe('pump calibration', () => {
  it('runs the pump through the gateway; the measured volume is taken once the run is DONE', async () => {
    const started = api.data<{ run_token: string; cmd_id: string; status: string }>(
      await api.call('POST', `/api/zones/${zoneId}/calibrate-pump`, {
        role: 'pump_acid',
        duration_sec: 2,
      }),
      202,
    );
    expect(started.status).toBe('awaiting_actual_ml');
    const command = await h.core.storage.commands.byCmdId(started.cmd_id);
    expect(command).toMatchObject({ cmd: 'run_pump', channel: 'pump_acid', zoneId });
    expect(command!.params).toEqual({ duration_ms: 2000 });
    // Step 2 before the node reported DONE is refused (a 2 s run cannot be over yet).
    expect(command!.status).not.toBe('DONE');
    api.expectError(
      await api.call('POST', `/api/zones/${zoneId}/calibrate-pump`, {
        run_token: started.run_token,
        actual_ml: 3,
      }),
      409,
      'calibration_run_not_done',
    );
    expect((await awaitDone(started.cmd_id)).status).toBe('DONE');
    const stored = api.data<PumpCalibrationView>(
      await api.call('POST', `/api/zones/${zoneId}/calibrate-pump`, {
        run_token: started.run_token,
        actual_ml: 3,
      }),
    );
    expect(stored).toMatchObject({
      ml_per_sec: 1.5,
      source: 'run',
      is_active: true,
      node_id: node.id,
    });
    // The token is spent.
    api.expectError(
      await api.call('POST', `/api/zones/${zoneId}/calibrate-pump`, {
        run_token: started.run_token,
        actual_ml: 3,
      }),
      404,
      'pump_calibration_run_not_found',
    );
  }, 30_000);

  it('a typed value replaces the active record; history stays listed', async () => {
    const put = api.data<PumpCalibrationView>(
      await api.call('PUT', `/api/zones/${zoneId}/pump-calibrations/pump_acid`, {
        ml_per_sec: 2.5,
        k_ms_per_ml_l: 10,
      }),
    );
    expect(put).toMatchObject({ ml_per_sec: 2.5, k_ms_per_ml_l: 10, source: 'manual' });
    const list = api.data<PumpCalibrationView[]>(
      await api.call('GET', `/api/zones/${zoneId}/pump-calibrations`),
    );
    expect(list.filter((r) => r.is_active).map((r) => r.id)).toEqual([put.id]);
    expect(list.length).toBeGreaterThanOrEqual(2);
    const audit = await h.core.storage.audit.list({ limit: 50, targetType: 'zone' });
    expect(audit.map((a) => a.action)).toContain('pump_calibration.create');
  });

  it('refuses roles that are not bound pumps (422), out-of-range values (422) and viewers (403)', async () => {
    for (const role of ['pump_base', 'ph_sensor'])
      api.expectError(
        await api.call('POST', `/api/zones/${zoneId}/calibrate-pump`, { role, duration_sec: 1 }),
        422,
        'calibration_role_not_bound',
      );
    api.expectError(
      await api.call('PUT', `/api/zones/${zoneId}/pump-calibrations/pump_acid`, {
        ml_per_sec: 0.001,
      }),
      422,
      'validation_failed',
    );
    api.expectError(
      await api.call('POST', `/api/zones/${zoneId}/calibrate-pump`, {
        role: 'pump_acid',
        duration_sec: 61,
      }),
      422,
      'validation_failed',
    );
    const viewer = await api.tokenFor('viewer');
    api.expectError(
      await api.call(
        'POST',
        `/api/zones/${zoneId}/calibrate-pump`,
        { role: 'pump_acid', duration_sec: 1 },
        viewer,
      ),
      403,
      'forbidden',
    );
    expect(
      (await api.call('GET', `/api/zones/${zoneId}/pump-calibrations`, undefined, viewer)).status,
    ).toBe(200);
  });
});

describe('sensor calibration', () => {
  it('walks both points through the node to completed; a wrong stage is 409', async () => {
    const created = api.data<SensorCalibrationView>(
      await api.call('POST', `/api/zones/${zoneId}/sensor-calibrations`, { role: 'ph_sensor' }),
      201,
    );
    expect(created).toMatchObject({ status: 'started', sensor_type: 'ph' });
    const base = `/api/zones/${zoneId}/sensor-calibrations/${created.id}`;
    api.expectError(
      await api.call('POST', `${base}/point`, { stage: 2, reference_value: 9.18 }),
      409,
      'sensor_calibration_invalid_state',
    );
    for (const [stage, value, done] of [
      [1, 4.01, 'point_1_done'],
      [2, 9.18, 'completed'],
    ] as const) {
      const sent = api.data<SensorCalibrationView>(
        await api.call('POST', `${base}/point`, { stage, reference_value: value }),
      );
      const cmdId = sent.points.at(-1)!.cmd_id;
      expect((await h.core.storage.commands.byCmdId(cmdId))!.params).toEqual({
        stage,
        known_ph: value,
      });
      expect((await awaitDone(cmdId)).status).toBe('DONE');
      const listed = api.data<SensorCalibrationView[]>(
        await api.call('GET', `/api/zones/${zoneId}/sensor-calibrations`),
      );
      expect(listed.find((s) => s.id === created.id)!.status).toBe(done);
    }
    api.expectError(
      await api.call('POST', `${base}/cancel`),
      409,
      'sensor_calibration_invalid_state',
    );
  }, 30_000);

  it('cancels an open session; an unbound probe role is 422', async () => {
    const created = api.data<SensorCalibrationView>(
      await api.call('POST', `/api/zones/${zoneId}/sensor-calibrations`, { role: 'ph_sensor' }),
      201,
    );
    const cancelled = api.data<SensorCalibrationView>(
      await api.call('POST', `/api/zones/${zoneId}/sensor-calibrations/${created.id}/cancel`),
    );
    expect(cancelled.status).toBe('cancelled');
    api.expectError(
      await api.call('POST', `/api/zones/${zoneId}/sensor-calibrations`, { role: 'ec_sensor' }),
      422,
      'calibration_role_not_bound',
    );
  });
});

describe('zone telemetry and commands', () => {
  it('reads the bound pH sensor as the zone value and its bucketed history', async () => {
    await expect
      .poll(
        async () =>
          api.data<ZoneLastTelemetry>(await api.call('GET', `/api/zones/${zoneId}/telemetry/last`))
            .ph,
        { timeout: 15_000 },
      )
      .not.toBeNull();
    const last = api.data<ZoneLastTelemetry>(
      await api.call('GET', `/api/zones/${zoneId}/telemetry/last`),
    );
    expect(last.ec).toBeNull();
    expect(last.channels).toEqual([
      expect.objectContaining({ role: 'ph_sensor', node_id: node.id, channel: 'ph_sensor' }),
    ]);
    expect(last.last_updated).toBe(last.channels[0]!.ts);
    const stored = await h.core.storage.telemetry.latest(node.id, 50);
    expect(stored.some((s) => s.channel === 'ph_sensor' && s.value === last.ph)).toBe(true);

    const to = Date.now() + 1000;
    const history = api.data<{ series: { role: string; channel: string; points: unknown[] }[] }>(
      await api.call(
        'GET',
        `/api/zones/${zoneId}/telemetry/history?metric=PH&from=${to - 3_600_000}&to=${to}&points=50`,
      ),
    );
    expect(history.series.map((s) => [s.role, s.channel])).toEqual([['ph_sensor', 'ph_sensor']]);
    expect(history.series[0]!.points.length).toBeGreaterThan(0);
    expect(history.series[0]!.points.length).toBeLessThanOrEqual(50);
  }, 30_000);

  it("lists the zone's commands newest first, filtered by status", async () => {
    const all = api.data<CommandView[]>(await api.call('GET', `/api/zones/${zoneId}/commands`));
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.every((c) => c.zone_id === zoneId)).toBe(true);
    expect(all.map((c) => c.cmd)).toContain('run_pump');
    const done = api.data<CommandView[]>(
      await api.call('GET', `/api/zones/${zoneId}/commands?status=DONE&per_page=2`),
    );
    expect(done).toHaveLength(2);
    expect(done.every((c) => c.status === 'DONE')).toBe(true);
    expect(
      api.data<CommandView[]>(await api.call('GET', `/api/zones/${zoneId}/commands?active_only=1`)),
    ).toEqual([]);
    api.expectError(await api.call('GET', '/api/zones/9999/commands'), 404, 'zone_not_found');
  });
});
