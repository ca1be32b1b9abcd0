import { afterEach, describe, expect, it } from 'vitest';
import { lightingCmdId } from '../../../src/automation/lighting/lighting-dispatch.js';
import type { ZoneSettings } from '../../../src/contracts/zones.js';
import { nodeInput } from '../../contract/records.js';
import {
  at,
  describeRun,
  schedulerFixture,
  type SchedulerFixture,
} from './support/scheduler-fixture.js';

const TZ = 'Europe/Berlin';
/** The recipe's light window: 06:00 local for 16 h (off at 22:00 local on an ordinary day). */
const PHOTOPERIOD: ZoneSettings = { lighting: { start_time: '06:00', photoperiod_hours: 16 } };
let f: SchedulerFixture;
afterEach(() => f?.close());

async function bindLight(actuatorType: 'PWM' | 'RELAY'): Promise<number> {
  const now = f.clock.now();
  const node = await f.storage.nodes.create(nodeInput(7, { zoneId: f.zoneId, type: 'relay' }));
  await f.storage.nodes.replaceChannels(node.id, [
    { channel: 'grow_light', type: 'ACTUATOR', metric: null, unit: null, actuatorType, config: {} },
  ]);
  await f.storage.bindings.put(
    { zoneId: f.zoneId, role: 'light', nodeId: node.id, channel: 'grow_light' },
    now,
  );
  return node.id;
}

/** Tick 1 ms before each boundary (nothing may happen) and exactly at it. */
async function crossBoundaries(boundaries: readonly string[]): Promise<void> {
  for (const boundary of boundaries) {
    const sentBefore = f.sent.length;
    await f.tickAt(at(boundary) - 1);
    expect(f.sent.length, `nothing before ${boundary}`).toBe(sentBefore);
    await f.tickAt(at(boundary));
    expect(f.sent.length, `one command at ${boundary}`).toBe(sentBefore + 1);
  }
}

const summary = () => f.sent.map((c) => `${c.cmd} ${JSON.stringify(c.params)} ${c.cmdId}`);

describe('lighting at window boundaries in the greenhouse time zone (issue check i)', () => {
  it('spring forward (Europe/Berlin 2026-03-29): 06:00 and 22:00 local on both sides of the change', async () => {
    f = await schedulerFixture(TZ, PHOTOPERIOD, at('2026-03-28T12:00:00Z'));
    await bindLight('PWM');
    await f.tickAt(at('2026-03-28T12:00:00Z'));
    await crossBoundaries([
      '2026-03-28T21:00:00Z', // 22:00 CET
      '2026-03-29T04:00:00Z', // 06:00 CEST, the first morning of summer time
      '2026-03-29T20:00:00Z', // 22:00 CEST: 16 elapsed hours later
      '2026-03-30T04:00:00Z',
    ]);
    const z = `sch_z${f.zoneId}_lighting_`;
    expect(summary()).toEqual([
      // Started mid-photoperiod: the state is asserted at once, keyed by the last boundary.
      `set_pwm {"value":100} ${z}2026-03-28T06_00_00p01_00_on`,
      `set_pwm {"value":0} ${z}2026-03-28T22_00_00p01_00_off`,
      `set_pwm {"value":100} ${z}2026-03-29T06_00_00p02_00_on`,
      `set_pwm {"value":0} ${z}2026-03-29T22_00_00p02_00_off`,
      `set_pwm {"value":100} ${z}2026-03-30T06_00_00p02_00_on`,
    ]);
    expect(f.sent.every((c) => c.channel === 'grow_light')).toBe(true);
    const runs = await f.runs();
    expect(runs.map(describeRun)).toEqual([
      'dispatched @2026-03-28T05:00',
      'dispatched @2026-03-28T21:00',
      'dispatched @2026-03-29T04:00',
      'dispatched @2026-03-29T20:00',
      'dispatched @2026-03-30T04:00',
    ]);
    expect(runs.every((r) => r.task === 'lighting' && r.taskId === null)).toBe(true);
    const events = await f.storage.events.list(f.zoneId, { limit: 50 });
    expect(events.filter((e) => e.type.startsWith('LIGHT_')).length).toBe(5);
  });

  it('fall back (Europe/Berlin 2026-10-25): 06:00 and 22:00 local on both sides of the change', async () => {
    f = await schedulerFixture(TZ, PHOTOPERIOD, at('2026-10-24T02:00:00Z'));
    await bindLight('RELAY');
    await f.tickAt(at('2026-10-24T02:00:00Z'));
    await crossBoundaries([
      '2026-10-24T04:00:00Z', // 06:00 CEST
      '2026-10-24T20:00:00Z', // 22:00 CEST
      '2026-10-25T05:00:00Z', // 06:00 CET, the first morning of winter time
      '2026-10-25T21:00:00Z', // 22:00 CET
    ]);
    const z = `sch_z${f.zoneId}_lighting_`;
    expect(summary()).toEqual([
      `set_relay {"state":false} ${z}2026-10-23T22_00_00p02_00_off`,
      `set_relay {"state":true} ${z}2026-10-24T06_00_00p02_00_on`,
      `set_relay {"state":false} ${z}2026-10-24T22_00_00p02_00_off`,
      `set_relay {"state":true} ${z}2026-10-25T06_00_00p01_00_on`,
      `set_relay {"state":false} ${z}2026-10-25T22_00_00p01_00_off`,
    ]);
  });

  it('a zone window that ends inside the spring-forward gap ends when the gap does (02:30 → 03:30 CEST)', async () => {
    const settings: ZoneSettings = {
      schedules: [{ id: 'night', task: 'lighting', kind: 'window', start: '20:00', end: '02:30' }],
    };
    f = await schedulerFixture(TZ, settings, at('2026-03-28T18:00:00Z'));
    await bindLight('PWM');
    await f.tickAt(at('2026-03-28T18:00:00Z'));
    await crossBoundaries(['2026-03-28T19:00:00Z', '2026-03-29T01:30:00Z']);
    expect(summary().slice(1)).toEqual([
      `set_pwm {"value":100} sch_z${f.zoneId}_lighting_2026-03-28T20_00_00p01_00_on`,
      `set_pwm {"value":0} sch_z${f.zoneId}_lighting_2026-03-29T03_30_00p02_00_off`,
    ]);
  });
});

describe('lighting dispatch', () => {
  it('is not held behind a busy zone: the light is not on the flow path', async () => {
    f = await schedulerFixture(TZ, PHOTOPERIOD, at('2026-03-10T04:00:00Z'));
    await bindLight('PWM');
    await f.tickAt(at('2026-03-10T04:00:00Z'));
    await f.storage.tasks.create(
      {
        zoneId: f.zoneId,
        kind: 'cycle_start',
        stage: 'solution_fill',
        stageDeadlineAt: null,
        dueAt: f.clock.now(),
        source: 'scheduler',
        idempotencyKey: null,
        payload: {},
      },
      f.clock.now(),
    );
    await f.tickAt(at('2026-03-10T05:00:00Z'));
    expect(f.sent.at(-1)?.params).toEqual({ value: 100 });
  });

  it('in manual mode records the boundary skipped and switches nothing; back in auto it asserts the state', async () => {
    f = await schedulerFixture(TZ, PHOTOPERIOD, at('2026-03-10T04:00:00Z'));
    await bindLight('PWM');
    await f.tickAt(at('2026-03-10T04:00:00Z'));
    await f.setZone({ controlMode: 'manual' });
    await f.tickAt(at('2026-03-10T05:00:00Z'));
    await f.tickAt(at('2026-03-10T05:00:30Z'));
    expect(f.sent).toHaveLength(1); // the start-up assertion (off) only
    await f.setZone({ controlMode: 'auto' });
    await f.tickAt(at('2026-03-10T05:01:00Z'));
    expect(summary().at(-1)).toBe(
      `set_pwm {"value":100} sch_z${f.zoneId}_lighting_2026-03-10T06_00_00p01_00_on`,
    );
    expect((await f.runs()).map(describeRun)).toEqual([
      'dispatched @2026-03-09T21:00',
      'skipped control_mode_manual @2026-03-10T05:00',
      'dispatched @2026-03-10T05:00',
    ]);
  });

  it('re-asserts the current state after a restart, and a repeated tick sends nothing twice', async () => {
    f = await schedulerFixture(TZ, PHOTOPERIOD, at('2026-03-10T04:59:00Z'));
    await bindLight('PWM');
    await f.tickAt(at('2026-03-10T04:59:00Z'));
    await f.tickAt(at('2026-03-10T05:00:00Z'));
    await f.tickAt(at('2026-03-10T05:00:00Z'));
    expect(f.sent).toHaveLength(2);
    f.restart();
    await f.tickAt(at('2026-03-10T09:00:00Z'));
    await f.tickAt(at('2026-03-10T09:00:30Z'));
    expect(summary().slice(2)).toEqual([
      `set_pwm {"value":100} sch_z${f.zoneId}_lighting_2026-03-10T10_00_00p01_00_on`,
    ]);
  });

  it('fails the slot (recorded) when no light is bound, and has no window without start and hours', async () => {
    f = await schedulerFixture(TZ, PHOTOPERIOD, at('2026-03-10T05:00:00Z'));
    await f.tickAt(at('2026-03-10T05:00:00Z'));
    const [run] = await f.runs();
    expect(run).toMatchObject({ outcome: 'failed', reason: 'role_not_bound' });
    expect(lightingCmdId('sch:z1:lighting:2026-10-25T02:30:00+01:00:on')).toBe(
      'sch_z1_lighting_2026-10-25T02_30_00p01_00_on',
    );
  });

  it("dims a PWM light to the zone's brightness setting while on", async () => {
    const dimmed: ZoneSettings = { lighting: { ...PHOTOPERIOD.lighting, brightness_pct: 40 } };
    f = await schedulerFixture(TZ, dimmed, at('2026-03-28T12:00:00Z'));
    await bindLight('PWM');
    await f.tickAt(at('2026-03-28T12:00:00Z'));
    await crossBoundaries(['2026-03-28T21:00:00Z']);
    expect(f.sent.map((c) => c.params)).toEqual([{ value: 40 }, { value: 0 }]);
  });
});
