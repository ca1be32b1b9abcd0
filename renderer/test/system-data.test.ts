import { describe, expect, it } from 'vitest';
import { addSample, counterOf, rateOver, throughputOf } from '../src/components/throughput.js';
import { backupIntervalOf, retentionOf } from '../src/components/settings/retention.js';
import { groupOf, groupUsage } from '../src/components/settings/storage-groups.js';
import { healthSnapshot } from './health-fixtures.js';

const componentHealth = (
  name: string,
  metrics: Record<string, number | string>,
  detail: string | null = null,
) => ({
  name,
  state: 'healthy' as const,
  detail,
  since: '2026-01-01T00:00:00.000Z',
  metrics,
});

describe('throughput', () => {
  it('reads queue depth and broker clients from component metrics', () => {
    const health = healthSnapshot({
      components: [
        componentHealth('devices', { queue: 2, samples_pending: 5, samples_written: 100 }),
        componentHealth('broker', { clients: 6 }),
      ],
    });
    expect(throughputOf(health, 4.5)).toEqual({
      ingestPerSecond: 4.5,
      queueDepth: 7,
      brokerClients: 6,
    });
    expect(throughputOf(healthSnapshot({ components: [] }), null)).toEqual({
      ingestPerSecond: null,
      queueDepth: null,
      brokerClients: null,
    });
  });

  it('stamps the ingest counter with the core clock', () => {
    const health = healthSnapshot({
      started_at: '2026-01-01T00:00:00.000Z',
      uptime_s: 10,
      components: [componentHealth('devices', { samples_written: 42 })],
    });
    expect(counterOf(health)).toEqual({ at: Date.parse('2026-01-01T00:00:10.000Z'), written: 42 });
  });

  it('measures samples per second over the window, the last reading holding until now', () => {
    let samples = addSample([], { at: 0, written: 0 }, 10_000);
    samples = addSample(samples, { at: 5000, written: 50 }, 10_000);
    samples = addSample(samples, { at: 10_000, written: 100 }, 10_000);
    expect(rateOver(samples, 10_000, 10_000)).toBe(10);
    // No snapshot since: nothing was written, so the rate falls as time passes.
    expect(rateOver(samples, 15_000, 10_000)).toBe(5);
    expect(rateOver(samples, 20_000, 10_000)).toBe(0);
    expect(rateOver(samples.slice(0, 1), 500, 10_000)).toBeNull();
    expect(rateOver([], 0, 10_000)).toBeNull();
  });

  it('keeps only what the window needs and starts afresh after a restart', () => {
    let samples = [0, 5000, 10_000, 15_000, 20_000].reduce(
      (list, at) => addSample(list, { at, written: at / 100 }, 10_000),
      addSample([], { at: -1000, written: 0 }, 10_000),
    );
    expect(samples.map((s) => s.at)).toEqual([10_000, 15_000, 20_000]);
    samples = addSample(samples, { at: 21_000, written: 3 }, 10_000);
    expect(samples).toEqual([{ at: 21_000, written: 3 }]);
  });
});

describe('retention and backup settings from health', () => {
  it('reads the policy the retention component reports', () => {
    const health = healthSnapshot({
      components: [
        componentHealth(
          'retention',
          { last_run: 1_700_000_000_000, last_deleted_rows: 12 },
          'raw 30 d, 1 min 90 d, 1 h 730 d, 1 d ∞',
        ),
        componentHealth('backups', { interval_hours: 24 }),
      ],
    });
    expect(retentionOf(health)).toEqual({
      rawDays: 30,
      minuteDays: 90,
      hourDays: 730,
      dayDays: null,
      lastRun: 1_700_000_000_000,
      lastDeletedRows: 12,
    });
    expect(backupIntervalOf(health)).toBe(24);
  });

  it('gives up on a policy line it does not know, and before the first run has no time', () => {
    const odd = healthSnapshot({
      components: [componentHealth('retention', {}, 'keeps everything')],
    });
    expect(retentionOf(odd)).toBeNull();
    const fresh = healthSnapshot({
      components: [
        componentHealth('retention', { last_run: 0 }, 'raw 7 d, 1 min 30 d, 1 h 365 d, 1 d 3650'),
      ],
    });
    expect(retentionOf(fresh)).toMatchObject({ rawDays: 7, dayDays: 3650, lastRun: null });
    expect(backupIntervalOf(fresh)).toBeNull();
  });
});

describe('storage groups', () => {
  it('sorts tables by what they hold, unknown ones as farm records', () => {
    expect(
      [
        'telemetry_1m',
        'nodes',
        'node_errors',
        'commands',
        'event_log',
        'alerts',
        'users',
        'audit_log',
        'sqlite_schema',
        'meta',
        'zones',
        'shiny_new',
      ].map(groupOf),
    ).toEqual([
      'readings',
      'devices',
      'devices',
      'devices',
      'alerts',
      'alerts',
      'accounts',
      'accounts',
      'internal',
      'internal',
      'farm',
      'farm',
    ]);
  });

  it('adds up each group, largest first', () => {
    const groups = groupUsage([
      { table: 'nodes', bytes: 10 },
      { table: 'telemetry_samples', bytes: 100 },
      { table: 'telemetry_1m', bytes: 50 },
    ]);
    expect(groups.map((g) => [g.group, g.bytes, g.tables.length])).toEqual([
      ['readings', 150, 2],
      ['devices', 10, 1],
    ]);
  });
});
