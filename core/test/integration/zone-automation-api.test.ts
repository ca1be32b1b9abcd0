import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bindDemoRoles } from '../../src/cli/demo-zone.js';
import {
  EmergencyStopResultSchema,
  StartedTaskSchema,
  ZoneAutomationStateSchema,
  type TaskView,
} from '../../src/contracts/automation.js';
import type { CommandView } from '../../src/contracts/devices.js';
import type { ZoneEventView } from '../../src/contracts/events.js';
import { systemClock } from '../../src/runtime/clock.js';
import { createSimulatedGreenhouse, type SimulatedGreenhouse } from '../../src/sim/greenhouse.js';
import { apiClient } from '../helpers/api-client.js';
import { startCore, type Harness } from '../helpers/core-harness.js';

/**
 * The zone runtime's HTTP API on a real core (embedded broker, SQLite, the engine on the real
 * clock) with simulated irrigation, pH and EC nodes bound to a two-tank zone.
 */
let h: Harness;
let sim: SimulatedGreenhouse;
let api: ReturnType<typeof apiClient>;
let zoneId: number;

const until = (check: () => Promise<boolean>) =>
  vi.waitFor(
    async () => {
      if (!(await check())) throw new Error('not yet');
    },
    { timeout: 20_000, interval: 100 },
  );
const path = (suffix: string) => `/api/zones/${zoneId}/${suffix}`;
const state = async () =>
  ZoneAutomationStateSchema.parse(api.data(await api.call('GET', path('state'))));
const tasks = async () => api.data<TaskView[]>(await api.call('GET', path('tasks?limit=10')));
const eventTypes = async () =>
  api
    .data<{ events: ZoneEventView[] }>(await api.call('GET', path('events?limit=200')))
    .events.map((e) => e.type);

beforeAll(async () => {
  h = await startCore();
  api = apiClient(h);
  const gh = api.data(await api.call('POST', '/api/greenhouses', { name: 'Runtime House' }), 201);
  zoneId = api.data(
    await api.call('POST', '/api/zones', {
      greenhouse_id: gh.id,
      name: 'Tanks',
      topology: 'two_tank',
    }),
    201,
  ).id;
  sim = createSimulatedGreenhouse({
    brokerUrl: h.urls.mqtt,
    seed: 11,
    types: ['irrig', 'ph', 'ec'],
    timing: { bootMs: 0 },
  });
  await sim.start();
  const ours = async () => (await h.core.storage.nodes.list()).filter((n) => n.status === 'online');
  await until(async () => (await ours()).length === 3);
  for (const node of await ours())
    api.data(await api.call('PATCH', `/api/nodes/${node.id}`, { zone_id: zoneId }));
  const zone = (await h.core.storage.zones.byId(zoneId))!;
  await until(
    async () => (await bindDemoRoles(h.core.storage, h.core.domain, zone, systemClock)) >= 15,
  );
}, 60_000);
afterAll(async () => {
  await sim.stop();
  await h.stop();
});

describe('zone automation API', () => {
  it('answers 404 for a missing zone, 422 with field errors, 403 to a viewer', async () => {
    api.expectError(await api.call('GET', '/api/zones/999999/state'), 404, 'zone_not_found');
    api.expectError(await api.call('POST', '/api/zones/999999/start-cycle'), 404, 'zone_not_found');
    const invalid = api.expectError(
      await api.call('POST', path('start-irrigation'), {
        mode: 'often',
        requested_duration_sec: 0,
      }),
      422,
      'validation_failed',
    );
    expect(Object.keys(invalid.errors ?? {}).sort()).toEqual(['mode', 'requested_duration_sec']);
    const noStep = api.expectError(
      await api.call('POST', path('manual-step'), {}),
      422,
      'validation_failed',
    );
    expect(noStep.errors).toHaveProperty('manual_step');
    const viewer = await api.tokenFor('viewer');
    for (const action of ['start-cycle', 'start-irrigation', 'manual-step', 'emergency-stop'])
      api.expectError(await api.call('POST', path(action), {}, viewer), 403, 'forbidden');
    expect((await api.call('GET', path('state'), undefined, viewer)).status).toBe(200);
    expect((await api.call('GET', path('tasks'), undefined, viewer)).status).toBe(200);
  });

  it('refuses irrigation before the tank is prepared and operator steps without a task', async () => {
    expect((await state()).workflow_phase).toBe('idle');
    api.expectError(
      await api.call('POST', path('start-irrigation'), { mode: 'force' }),
      409,
      'start_irrigation_setup_pending',
    );
    api.expectError(
      await api.call('POST', path('manual-step'), { manual_step: 'irrigation_stop' }),
      409,
      'no_active_task',
    );
    expect(await tasks()).toEqual([]);
  });

  it('start-cycle creates a task seen in /state and /tasks; one task per zone; steps by mode', async () => {
    api.data(
      await api.call('PATCH', path('control-mode'), { control_mode: 'manual', reason: 'setup' }),
    );
    expect(await eventTypes()).toContain('CONTROL_MODE_CHANGED');
    const started = StartedTaskSchema.parse(
      api.data(await api.call('POST', path('start-cycle')), 201),
    );
    expect(started.task).toMatchObject({ kind: 'cycle_start', source: 'operator:api-token' });
    const now = await state();
    expect(now).toMatchObject({
      control_mode: 'manual',
      active_task: { id: started.task_id, status: 'active' },
    });
    expect(now.nodes.map((n) => n.online)).toEqual([true, true, true]);
    expect(now.current_levels.switches).toHaveProperty('level_solution_min');
    expect((await tasks())[0]).toMatchObject({ id: started.task_id, kind: 'cycle_start' });
    api.expectError(await api.call('POST', path('start-cycle')), 409, 'zone_busy');
    api.expectError(await api.call('POST', path('start-irrigation'), {}), 409, 'zone_busy');
    api.expectError(
      await api.call('POST', path('manual-step'), { manual_step: 'nonsense_stop' }),
      422,
      'manual_step_not_allowed',
    );
    api.data(await api.call('PATCH', path('control-mode'), { control_mode: 'auto' }));
    api.expectError(
      await api.call('POST', path('manual-step'), { manual_step: 'clean_fill_start' }),
      409,
      'manual_step_forbidden_in_auto_mode',
    );
    expect((await state()).allowed_manual_steps.every((s) => s.endsWith('_stop'))).toBe(true);
  });

  it('the emergency stop fails the task, switches the zone to manual and everything off', async () => {
    const running = (await tasks())[0]!;
    expect(running.status).toBe('active');
    const stopped = EmergencyStopResultSchema.parse(
      api.data(await api.call('POST', path('emergency-stop'), { reason: 'smoke' })),
    );
    expect(stopped).toMatchObject({
      failed_task_id: running.id,
      control_mode: 'manual',
      workflow_phase: 'idle',
    });
    expect((await tasks())[0]).toMatchObject({
      id: running.id,
      status: 'failed',
      outcome: 'emergency_stop_activated',
    });
    const offs = async () =>
      api
        .data<CommandView[]>(await api.call('GET', path('commands?per_page=100')))
        .filter((c) => c.cmd === 'set_relay' && c.params.state === false)
        .map((c) => c.channel);
    await until(async () => (await offs()).includes('pump_main'));
    expect(await offs()).toEqual(
      expect.arrayContaining(['pump_main', 'valve_irrigation', 'valve_clean_fill']),
    );
    // The dosing firmware has no stop command: its node leaves sensor mode and refuses doses.
    const sensorModeOff = api
      .data<CommandView[]>(await api.call('GET', path('commands?per_page=100')))
      .filter((c) => c.cmd === 'deactivate_sensor_mode');
    expect(sensorModeOff.length).toBeGreaterThan(0);
    expect(await eventTypes()).toEqual(
      expect.arrayContaining([
        'EMERGENCY_STOP_ACTIVATED',
        'AE_TASK_FAILED',
        'CONTROL_MODE_CHANGED',
      ]),
    );
    const after = await state();
    expect(after).toMatchObject({
      control_mode: 'manual',
      active_task: null,
      last_terminal_task: { id: running.id, outcome: 'emergency_stop_activated' },
    });
    expect(after.estop_at).not.toBeNull();
    const audit = await h.core.storage.audit.list({
      limit: 100,
      targetType: 'zone',
      targetId: zoneId,
    });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['zone.start_cycle_start', 'zone.emergency_stop']),
    );
  });

  it('never resumes by itself after an emergency stop', async () => {
    const before = (await tasks()).length;
    await sleep(2_000);
    expect(await tasks()).toHaveLength(before);
    expect((await state()).active_task).toBeNull();
    // The tank must be prepared again: irrigation is refused until a new start-cycle.
    api.expectError(
      await api.call('POST', path('start-irrigation'), { mode: 'force' }),
      409,
      'start_irrigation_setup_pending',
    );
  });
});
