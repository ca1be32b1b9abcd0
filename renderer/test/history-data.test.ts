import { describe, expect, it } from 'vitest';
import type { HistoryPoint } from '../src/api/telemetry.js';
import { toBand, withDetail } from '../src/components/history/band.js';
import { buildHistoryChart } from '../src/components/history/history-chart-option.js';
import {
  rangeFromQuery,
  rangeToQuery,
  resolveRange,
} from '../src/components/history/history-range.js';

const point = (ts: number, min: number, avg: number, max: number): HistoryPoint => ({
  ts,
  min,
  avg,
  max,
  count: 1,
});

describe('toBand', () => {
  it('stacks max − min on the minimum and keeps the average', () => {
    const band = toBand([point(0, 5, 6, 8), point(60_000, 6, 6.5, 7)], 60_000);
    expect(band.lower).toEqual([
      [0, 5],
      [60_000, 6],
    ]);
    expect(band.spread).toEqual([
      [0, 3],
      [60_000, 1],
    ]);
    expect(band.avg).toEqual([
      [0, 6],
      [60_000, 6.5],
    ]);
  });

  it('breaks the lines where buckets are missing for more than two steps', () => {
    const band = toBand(
      [point(0, 1, 1, 1), point(60_000, 1, 1, 1), point(600_000, 2, 2, 2)],
      60_000,
    );
    expect(band.avg).toEqual([
      [0, 1],
      [60_000, 1],
      [120_000, null],
      [600_000, 2],
    ]);
    expect(band.lower[2]).toEqual([120_000, null]);
    expect(band.spread[2]).toEqual([120_000, null]);
  });

  it('joins raw samples polled less often than the bucket step', () => {
    // A 3 s poll read through 100 ms raw buckets is continuous, not a row of gaps.
    const samples = [0, 3000, 6000, 9000].map((ts) => point(ts, 7, 7, 7));
    expect(toBand(samples, 100).avg.every(([, v]) => v !== null)).toBe(true);
    const withOutage = [...samples, point(60_000, 7, 7, 7)];
    expect(toBand(withOutage, 100).avg.filter(([, v]) => v === null)).toHaveLength(1);
  });
});

describe('withDetail', () => {
  it('replaces the zoomed window with finer buckets and keeps the rest', () => {
    const coarse = [0, 10, 20, 30].map((ts) => point(ts, 0, 0, 0));
    const fine = [10, 12, 14, 16, 18, 20].map((ts) => point(ts, 1, 1, 1));
    expect(withDetail(coarse, fine, 10, 20).map((p) => [p.ts, p.avg])).toEqual([
      [0, 0],
      [10, 1],
      [12, 1],
      [14, 1],
      [16, 1],
      [18, 1],
      [20, 0],
      [30, 0],
    ]);
  });
});

describe('history ranges', () => {
  it('resolves presets against now and keeps custom windows', () => {
    expect(resolveRange({ preset: '24h' }, 100_000_000)).toEqual({
      from: 100_000_000 - 86_400_000,
      to: 100_000_000,
    });
    expect(resolveRange({ from: 5, to: 9 }, 100)).toEqual({ from: 5, to: 9 });
  });

  it('reads and writes the URL query, defaulting to 24 hours', () => {
    expect(rangeFromQuery({ range: '7d' })).toEqual({ preset: '7d' });
    expect(rangeFromQuery({ from: '1000', to: '2000' })).toEqual({ from: 1000, to: 2000 });
    expect(rangeFromQuery({ from: '2000', to: '1000' })).toEqual({ preset: '24h' });
    expect(rangeFromQuery({ range: 'forever' })).toEqual({ preset: '24h' });
    expect(rangeFromQuery({})).toEqual({ preset: '24h' });
    expect(rangeToQuery({ preset: '30d' })).toEqual({ range: '30d' });
    expect(rangeToQuery({ from: 1, to: 2 })).toEqual({ from: '1', to: '2' });
  });
});

describe('buildHistoryChart', () => {
  const style = {
    text: '#fff',
    muted: '#999',
    grid: '#333',
    palette: ['#a', '#b'],
    panelHeight: 100,
  };
  const series = (nodeId: number, channel: string) => ({
    node_id: nodeId,
    channel,
    source: 'raw' as const,
    step_ms: 1000,
    points: [point(0, 1, 2, 3), point(1000, 2, 3, 4)],
  });
  const meta = (id: string) =>
    id.endsWith('temp')
      ? { name: id, unit: '°C', switchLike: false }
      : id.endsWith('level')
        ? { name: id, unit: 'bool', switchLike: true }
        : { name: id, unit: 'pH', switchLike: false };

  it('gives each unit its own panel and each series a band and an average line', () => {
    const chart = buildHistoryChart(
      [series(1, 'ph'), series(2, 'ph'), series(1, 'temp'), series(3, 'level')],
      meta,
      { from: 0, to: 2000 },
      style,
    );
    const option = chart.option as {
      grid: unknown[];
      yAxis: { name: string; min?: number; max?: number }[];
      series: { id: string; xAxisIndex: number; stack?: string; name: string }[];
      legend: { data: string[] };
    };
    expect(option.grid).toHaveLength(3);
    expect(option.yAxis.map((a) => a.name)).toEqual(['pH', '°C', 'bool']);
    expect(option.yAxis[2]).toMatchObject({ min: 0, max: 1 });
    expect(option.series).toHaveLength(12);
    expect(option.series.filter((s) => s.id.startsWith('avg:')).map((s) => s.xAxisIndex)).toEqual([
      0, 0, 1, 2,
    ]);
    // The legend toggles the three parts of a series together, by their shared name.
    expect(new Set(option.series.slice(0, 3).map((s) => s.name))).toEqual(new Set(['1:ph']));
    expect(option.legend.data).toEqual(['1:ph', '2:ph', '1:temp', '3:level']);
    expect(chart.bands.get('1:temp')?.avg).toEqual([
      [0, 2],
      [1000, 3],
    ]);
    expect(chart.height).toBeGreaterThan(3 * 100);
  });
});
