import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/storage/storage.js';
import { EXPORT_PAGE_ROWS, type ExportRow } from '../../src/storage/telemetry-history.js';
import type { SampleInput } from '../../src/storage/types.js';
import { planBuckets } from '../../src/telemetry/resolution.js';
import { nodeInput, sample } from './records.js';
import {
  DAY,
  DAY0,
  expectedSeries,
  HOUR,
  MIN,
  pointsMatch,
  randomSamples,
  rollupRowsBefore,
  shuffled,
  storedOf,
} from './telemetry-oracle.js';

export interface TelemetryStoreUnderTest {
  storage: Storage;
  close(): Promise<void>;
}

/**
 * The telemetry store every dialect must provide: batched inserts with rollups and last values,
 * history series within a point budget, paged export, retention and disk usage. Expectations
 * are recomputed in JS from the raw samples (telemetry-oracle.ts), never read back from SQL.
 */
export function describeTelemetryContract(
  name: string,
  makeStore: () => Promise<TelemetryStoreUnderTest>,
): void {
  describe(`Telemetry contract: ${name}`, () => {
    let store: TelemetryStoreUnderTest;
    let s: Storage;
    let nodeId: number;
    beforeEach(async () => {
      store = await makeStore();
      s = store.storage;
      nodeId = (await s.nodes.create(nodeInput(1))).id;
    });
    afterEach(() => store.close());

    async function insertInBatches(samples: SampleInput[], size: number): Promise<number> {
      let written = 0;
      for (let i = 0; i < samples.length; i += size)
        written += await s.telemetry.insertSamples(samples.slice(i, i + size));
      return written;
    }

    async function exported(channel: string, from: number, to: number): Promise<ExportRow[]> {
      const rows: ExportRow[] = [];
      for await (const row of s.telemetryHistory.rows(nodeId, channel, from, to)) rows.push(row);
      return rows;
    }

    const asRows = (samples: SampleInput[]): ExportRow[] =>
      samples.map((x) => ({
        ts: x.ts,
        value: x.value,
        metric_type: x.metricType,
        quality: x.quality,
      }));

    it('keeps every rollup equal to a recomputation from the raw rows, duplicates counted once', async () => {
      const channels = ['ph_sensor', 'ec_sensor'];
      const samples = shuffled(randomSamples(nodeId, channels, 3000, DAY0, 3 * DAY));
      const stored = storedOf(samples);
      expect(await insertInBatches(samples, 250)).toBe(stored.length);
      for (const channel of channels) {
        const raw = await exported(channel, DAY0, DAY0 + 3 * DAY);
        expect(raw).toEqual(asRows(stored.filter((x) => x.channel === channel)));
        const rawSamples = raw.map((r) => sample(nodeId, channel, r.ts, r.value));
        // A budget of range / width makes the plan read each rollup row unmerged.
        for (const [source, width] of [
          ['1m', MIN],
          ['1h', HOUR],
          ['1d', DAY],
        ] as const) {
          const q = { fromMs: DAY0, toMs: DAY0 + 3 * DAY, budget: (3 * DAY) / width };
          const series = await s.telemetryHistory.series({ nodeId, channel, ...q });
          expect([series.source, series.step_ms]).toEqual([source, width]);
          expect(pointsMatch(series.points, expectedSeries(rawSamples, q).points)).toBeNull();
        }
      }
    });

    it('lets only a newer timestamp replace a last value, whatever order samples arrive in', async () => {
      const at = (
        channel: string,
        ts: number,
        value: number,
        quality: SampleInput['quality'] = 'good',
      ) => ({
        ...sample(nodeId, channel, DAY0 + ts, value),
        quality,
      });
      expect(await s.telemetryHistory.lastValues(nodeId)).toEqual([]);
      await s.telemetry.insertSamples([at('pha', 5000, 6.5)]);
      await s.telemetry.insertSamples([at('pha', 1000, 5.0), at('pha', 4000, 5.5)]);
      const last = (value: number, ts: number, channel = 'pha', quality = 'good') => ({
        channel,
        metric_type: 'PH',
        ts: DAY0 + ts,
        value,
        quality,
      });
      expect(await s.telemetryHistory.lastValues(nodeId)).toEqual([last(6.5, 5000)]);
      // Inside one batch the newest wins, not the last in the array.
      await s.telemetry.insertSamples([at('pha', 7000, 7.0), at('pha', 6000, 6.0)]);
      // A redelivery of the newest timestamp with another value is ignored with its raw row.
      await s.telemetry.insertSamples([at('pha', 7000, 9.9), at('ph_b', 100, 1.5, 'uncertain')]);
      // Binary order by channel ('_' sorts before 'a'), whatever the database's locale says.
      expect(await s.telemetryHistory.lastValues(nodeId)).toEqual([
        last(1.5, 100, 'ph_b', 'uncertain'),
        last(7.0, 7000),
      ]);
      expect(await s.telemetryHistory.lastValues(nodeId + 1)).toEqual([]);
    });

    it('deletes exactly what retention says is due, per table, boundaries kept', async () => {
      const now = DAY0 + 120 * DAY;
      const policy = { rawDays: 30, minuteDays: 60, hourDays: 90, dayDays: null };
      const cut = (days: number) => now - days * DAY;
      const edges = [cut(30) - 1, cut(30), cut(30) + 1, cut(60) - MIN, cut(60), cut(90) - HOUR];
      const samples = [
        ...randomSamples(nodeId, ['ph_sensor', 'temp'], 4000, DAY0, 120 * DAY),
        ...edges.map((ts) => sample(nodeId, 'ph_sensor', ts, 5)),
      ];
      await insertInBatches(samples, 500);
      const stored = storedOf(samples);
      const due = {
        telemetry_samples: stored.filter((x) => x.ts < cut(30)).length,
        telemetry_1m: rollupRowsBefore(stored, MIN, cut(60)),
        telemetry_1h: rollupRowsBefore(stored, HOUR, cut(90)),
        telemetry_1d: 0,
      };
      expect(due.telemetry_samples).toBeGreaterThan(0);
      expect(await s.telemetryHistory.applyRetention(policy, now)).toEqual(due);
      expect(await s.telemetryHistory.applyRetention(policy, now)).toEqual({
        telemetry_samples: 0,
        telemetry_1m: 0,
        telemetry_1h: 0,
        telemetry_1d: 0,
      });
      const kept = stored.filter((x) => x.channel === 'ph_sensor' && x.ts >= cut(30));
      expect(await exported('ph_sensor', DAY0, now)).toEqual(asRows(kept));
      expect(kept[0]!.ts).toBe(cut(30));
      // Daily rollups are kept forever until a day limit is set.
      const days = await s.telemetryHistory.series({
        nodeId,
        channel: 'ph_sensor',
        fromMs: DAY0,
        toMs: now,
        budget: 120,
      });
      expect(days.points[0]!.ts).toBe(DAY0);
      expect(days.points.reduce((n, p) => n + p.count, 0)).toBe(
        stored.filter((x) => x.channel === 'ph_sensor').length,
      );
      const dayLimit = { ...policy, dayDays: 100 };
      expect(await s.telemetryHistory.applyRetention(dayLimit, now)).toEqual({
        telemetry_samples: 0,
        telemetry_1m: 0,
        telemetry_1h: 0,
        telemetry_1d: rollupRowsBefore(stored, DAY, cut(100)),
      });
    });

    it('exports the stored rows of [from, to) in time order, across pages', async () => {
      const step = 10_000;
      const count = 2 * EXPORT_PAGE_ROWS + 500;
      const mine = Array.from({ length: count }, (_, i) => ({
        ...sample(nodeId, 'ph_sensor', DAY0 + i * step, 5 + (i % 97) / 100),
        quality: i % 7 === 0 ? ('uncertain' as const) : ('good' as const),
      }));
      const other = await s.nodes.create(nodeInput(2));
      const noise = [
        sample(nodeId, 'temp', DAY0 + step, 20),
        sample(other.id, 'ph_sensor', DAY0 + step, 9),
      ];
      await insertInBatches(shuffled([...mine, ...noise]), 1000);
      const from = DAY0 + 3 * step;
      const to = DAY0 + (count - 3) * step;
      expect(await exported('ph_sensor', from, to)).toEqual(
        asRows(mine.filter((x) => x.ts >= from && x.ts < to)),
      );
      // Exactly two full pages: the reader must stop on the empty third one.
      const twoPages = DAY0 + 2 * EXPORT_PAGE_ROWS * step;
      expect(await exported('ph_sensor', DAY0, twoPages)).toHaveLength(2 * EXPORT_PAGE_ROWS);
      expect(await exported('ph_sensor', to, to + DAY)).toHaveLength(3);
      expect(await exported('missing', DAY0, to)).toEqual([]);
    });

    it('answers series within the point budget, from raw rows or the rollup the range calls for', async () => {
      const samples = randomSamples(nodeId, ['ph_sensor'], 12_000, DAY0, 10 * DAY, 5);
      await insertInBatches(samples, 1000);
      const stored = storedOf(samples);
      const cases: [from: number, range: number, budget: number][] = [
        [DAY0 + 37_123, 10 * MIN, 1000],
        [DAY0 + 5 * HOUR + 17, HOUR, 100],
        [DAY0 + 12_345, DAY, 300],
        [DAY0 + HOUR, 7 * DAY, 200],
        [DAY0 - DAY, 12 * DAY, 50],
        [DAY0, 10 * DAY, 5],
      ];
      const sources = new Set<string>();
      for (const [fromMs, range, budget] of cases) {
        const q = { nodeId, channel: 'ph_sensor', fromMs, toMs: fromMs + range, budget };
        const series = await s.telemetryHistory.series(q);
        const plan = planBuckets(q.fromMs, q.toMs, budget);
        expect({ source: series.source, step: series.step_ms }).toEqual({
          source: plan.source,
          step: plan.stepMs,
        });
        expect(series.points.length).toBeLessThanOrEqual(budget);
        expect(pointsMatch(series.points, expectedSeries(stored, q).points)).toBeNull();
        sources.add(series.source);
      }
      expect([...sources].sort()).toEqual(['1d', '1h', '1m', 'raw']);
      const empty = await s.telemetryHistory.series({
        nodeId,
        channel: 'missing',
        fromMs: DAY0,
        toMs: DAY0 + DAY,
        budget: 100,
      });
      expect(empty).toMatchObject({ node_id: nodeId, channel: 'missing', points: [] });
    });

    it('reports disk usage for every telemetry table, largest first', async () => {
      await insertInBatches(randomSamples(nodeId, ['ph_sensor'], 2000, DAY0, DAY), 1000);
      const usage = await s.telemetryHistory.diskUsage();
      const tables = usage.map((u) => u.table);
      for (const table of [
        'telemetry_samples',
        'telemetry_last',
        'telemetry_1m',
        'telemetry_1h',
        'telemetry_1d',
      ])
        expect(tables).toContain(table);
      for (const u of usage) expect(Number.isSafeInteger(u.bytes) && u.bytes >= 0).toBe(true);
      expect(usage.map((u) => u.bytes)).toEqual(usage.map((u) => u.bytes).sort((a, b) => b - a));
      expect(usage.find((u) => u.table === 'telemetry_samples')!.bytes).toBeGreaterThan(0);
    });
  });
}
