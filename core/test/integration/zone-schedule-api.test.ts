import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZoneScheduleViewSchema, type ZoneScheduleView } from '../../src/contracts/schedule.js';
import type { Health } from '../../src/contracts/health.js';
import { apiClient } from '../helpers/api-client.js';
import { startCore, type Harness } from '../helpers/core-harness.js';

let h: Harness;
let api: ReturnType<typeof apiClient>;
let greenhouseId: number;

const SETTINGS = {
  irrigation: { interval_sec: 3600, duration_sec: 60 },
  lighting: { start_time: '06:00', photoperiod_hours: 16 },
  schedules: [
    { id: 'feed', task: 'irrigation', kind: 'time', at: ['08:00', '20:00'], catch_up: 'skip' },
    { id: 'topup', task: 'solution_topup', kind: 'interval', every_sec: 7200, enabled: false },
  ],
};

async function newZone(name: string, settings: unknown): Promise<number> {
  const reply = await api.call('POST', '/api/zones', {
    greenhouse_id: greenhouseId,
    name,
    settings,
  });
  return api.data(reply, 201).id;
}

async function schedule(zoneId: number, query = ''): Promise<ZoneScheduleView> {
  return ZoneScheduleViewSchema.parse(
    api.data(await api.call('GET', `/api/zones/${zoneId}/schedule${query}`)),
  );
}

beforeAll(async () => {
  h = await startCore();
  api = apiClient(h);
  greenhouseId = api.data(
    await api.call('POST', '/api/greenhouses', { name: 'Sched House', timezone: 'Europe/Berlin' }),
    201,
  ).id;
});
afterAll(() => h.stop());

describe('zone schedules in the zone settings', () => {
  it('are validated strictly, with a field error for each mistake', async () => {
    const zoneId = await newZone('Validated', {});
    const bad = [
      [{ id: 'a', task: 'irrigation', kind: 'time' }, 'settings.schedules.0.at'],
      [
        { id: 'a', task: 'irrigation', kind: 'interval', every_sec: 30 },
        'settings.schedules.0.every_sec',
      ],
      [{ id: 'a', task: 'lighting', kind: 'time', at: '06:00' }, 'settings.schedules.0.kind'],
      [{ id: 'a', task: 'irrigation', kind: 'time', at: '25:00' }, 'settings.schedules.0.at'],
      [
        { id: 'a', task: 'irrigation', kind: 'time', at: '06:00', days_of_week: [8] },
        'settings.schedules.0.days_of_week.0',
      ],
      [
        { id: 'a', task: 'irrigation', kind: 'time', at: '06:00', every_sec: 600 },
        'settings.schedules.0.every_sec',
      ],
      [
        { id: 'A b', task: 'irrigation', kind: 'once', run_at: '2026-01-01T00:00:00Z' },
        'settings.schedules.0.id',
      ],
      [
        { id: 'a', task: 'irrigation', kind: 'once', run_at: 'tomorrow' },
        'settings.schedules.0.run_at',
      ],
    ] as const;
    for (const [item, field] of bad) {
      const reply = await api.call('PATCH', `/api/zones/${zoneId}`, {
        settings: { schedules: [item] },
      });
      const error = api.expectError(reply, 422, 'validation_failed');
      expect(Object.keys(error.errors ?? {}), JSON.stringify(item)).toContain(field);
    }
    const twice = { id: 'a', task: 'irrigation', kind: 'time', at: '06:00' };
    const dup = await api.call('PATCH', `/api/zones/${zoneId}`, {
      settings: { schedules: [twice, twice] },
    });
    api.expectError(dup, 422, 'validation_failed');
    const policy = await api.call('PATCH', `/api/zones/${zoneId}`, {
      settings: { catch_up: 'sometimes' },
    });
    api.expectError(policy, 422, 'validation_failed');
  });
});

describe('GET /api/zones/{id}/schedule', () => {
  it('lists the recipe and zone schedules and their slots over the horizon', async () => {
    const zoneId = await newZone('Planned', SETTINGS);
    const day = await schedule(zoneId);
    expect(day).toMatchObject({ zone_id: zoneId, timezone: 'Europe/Berlin', horizon: '24h' });
    expect(day.lanes.map((l) => [l.key, l.task, l.kind, l.origin, l.suppressed])).toEqual([
      ['recipe:irrigation', 'irrigation', 'interval', 'recipe', null],
      ['recipe:lighting', 'lighting', 'window', 'recipe', null],
      ['zone:feed', 'irrigation', 'time', 'zone_schedule', null],
    ]);
    const of = (v: ZoneScheduleView, key: string) => v.windows.filter((w) => w.key === key);
    // Never ran: the interval is due now, then hourly (24 if the scheduler ticked meanwhile).
    expect([24, 25]).toContain(of(day, 'recipe:irrigation').length);
    const feed = of(day, 'zone:feed');
    // Two a day (three when a DST change shortens the day inside the horizon).
    expect(feed.length).toBeGreaterThanOrEqual(2);
    expect(feed.length).toBeLessThanOrEqual(3);
    expect(feed.every((w) => /T(08|20):00:00\+0[12]:00$/.test(w.local))).toBe(true);
    const light = of(day, 'recipe:lighting');
    expect(light.map((w) => w.state).sort()).toEqual(['off', 'on']);
    expect(light.every((w) => /T(06|22):00:00\+0[12]:00$/.test(w.local))).toBe(true);
    expect([...day.windows].sort((a, b) => a.at.localeCompare(b.at))).toEqual(day.windows);

    const week = await schedule(zoneId, '?horizon=7d');
    expect([168, 169]).toContain(of(week, 'recipe:irrigation').length);
    expect(of(week, 'zone:feed').length).toBeGreaterThanOrEqual(13);
    expect(Date.parse(week.to) - Date.parse(week.from)).toBe(7 * 86_400_000);
  });

  it('shows recent runs with outcome and reason, and counts every outcome including missed runs', async () => {
    // A zone with nothing scheduled, so the running scheduler leaves its record alone.
    const zoneId = await newZone('Recorded', {});
    const now = Date.now();
    const runs = [
      ['dispatched', null, now - 3_600_000, null],
      ['skipped', 'control_mode_manual', now - 7_200_000, null],
      ['missed', 'interval_not_replayed', now - 9_000_000, { unlisted: 4 }],
      ['busy', 'zone_busy', now - 9_500_000, null],
      ['failed', 'role_not_bound', now - 10_000_000, null],
      ['dispatched', null, now - 3 * 86_400_000, null],
    ] as const;
    for (const [i, [outcome, reason, slotAt, details]] of runs.entries()) {
      await h.core.storage.schedule.recordRun(
        {
          zoneId,
          task: 'irrigation',
          slotAt,
          idempotencyKey: `sch:z${zoneId}:irrigation:run-${i}`,
          outcome,
          reason,
          taskId: null,
          details,
        },
        now,
      );
    }
    const day = await schedule(zoneId);
    expect(day.counters).toEqual({ dispatched: 1, skipped: 1, missed: 5, busy: 1, failed: 1 });
    expect(day.recent_runs.map((r) => [r.outcome, r.reason])).toEqual([
      ['dispatched', null],
      ['skipped', 'control_mode_manual'],
      ['missed', 'interval_not_replayed'],
      ['busy', 'zone_busy'],
      ['failed', 'role_not_bound'],
    ]);
    expect(day.lanes).toEqual([]);
    const week = await schedule(zoneId, '?horizon=7d');
    expect(week.counters.dispatched).toBe(2);
  });

  it('answers 404 for an unknown zone and 422 for an unknown horizon', async () => {
    api.expectError(await api.call('GET', '/api/zones/999999/schedule'), 404, 'zone_not_found');
    const zoneId = await newZone('Horizon', {});
    api.expectError(
      await api.call('GET', `/api/zones/${zoneId}/schedule?horizon=1y`),
      422,
      'validation_failed',
    );
  });

  it('the scheduler and the zone climate controller run in the core and report their counters', async () => {
    const health = api.data<Health>(await api.call('GET', '/api/health'));
    const scheduler = health.components.find((c) => c.name === 'scheduler');
    expect(typeof scheduler?.metrics.missed_windows_total).toBe('number');
    expect(health.components.map((c) => c.name)).toContain('zone-climate');
  });
});
