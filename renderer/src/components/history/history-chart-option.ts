import type { HistorySeries } from '../../api/telemetry.js';
import { seriesId } from '../../api/telemetry.js';
import { toBand, type BandData } from './band.js';

/** What the chart needs to know about a series besides its points. */
export interface SeriesMeta {
  name: string;
  /** Display unit; series with the same unit share a panel (and its y axis). */
  unit: string;
  switchLike: boolean;
}

export interface ChartStyle {
  text: string;
  muted: string;
  grid: string;
  palette: readonly string[];
  /** Pixel height of one panel. */
  panelHeight: number;
}

export interface HistoryChart {
  option: Record<string, unknown>;
  height: number;
  /** Band data by series id, for the tooltip. */
  bands: Map<string, BandData>;
}

const TOP = 52;
const GAP = 40;
const ZOOM_HEIGHT = 56;

const idOf = (s: HistorySeries) => seriesId({ nodeId: s.node_id, channel: s.channel });

/**
 * An ECharts option with one panel per unit (pH, °C and mS/cm never share an axis), stacked
 * over one time axis and one zoom. Each series is an average line over its min–max band; the
 * three parts share a name so the legend shows and hides them together. The core already
 * bucketed the data to about one point per pixel, so no client sampling or symbols are needed
 * (field-notes §2e); the band keeps spikes that an average or LTTB would hide.
 */
export function buildHistoryChart(
  series: readonly HistorySeries[],
  meta: (id: string) => SeriesMeta,
  window: { from: number; to: number },
  style: ChartStyle,
): HistoryChart {
  const units = [...new Set(series.map((s) => meta(idOf(s)).unit))];
  const switchUnits = new Set(
    series.map((s) => meta(idOf(s))).flatMap((m) => (m.switchLike ? [m.unit] : [])),
  );
  const bands = new Map<string, BandData>();
  const lines = series.flatMap((s, i) => {
    const band = toBand(s.points, s.step_ms);
    bands.set(idOf(s), band);
    const m = meta(idOf(s));
    return bandSeries(
      idOf(s),
      band,
      m,
      units.indexOf(m.unit),
      style.palette[i % style.palette.length]!,
    );
  });
  const allAxes = units.map((_, i) => i);
  return {
    bands,
    height: TOP + units.length * (style.panelHeight + GAP) + ZOOM_HEIGHT,
    option: {
      animation: false,
      legend: {
        top: 0,
        type: 'scroll',
        textStyle: { color: style.text },
        data: series.map((s) => meta(idOf(s)).name),
      },
      ...panels(units, switchUnits, window, style),
      axisPointer: { link: [{ xAxisIndex: 'all' }] },
      tooltip: { trigger: 'axis', confine: true },
      dataZoom: [
        { type: 'inside', xAxisIndex: allAxes, filterMode: 'none' },
        { type: 'slider', xAxisIndex: allAxes, filterMode: 'none', bottom: 8, height: 24 },
      ],
      series: lines,
    },
  };
}

/** One grid with its x and y axis per unit; only the bottom panel labels the time axis. */
function panels(
  units: readonly string[],
  switchUnits: ReadonlySet<string>,
  window: { from: number; to: number },
  style: ChartStyle,
) {
  const axisLabel = { color: style.muted, fontSize: 11 };
  return {
    grid: units.map((_, i) => ({
      left: 56,
      right: 20,
      top: TOP + i * (style.panelHeight + GAP),
      height: style.panelHeight,
    })),
    xAxis: units.map((_, i) => ({
      type: 'time',
      gridIndex: i,
      min: window.from,
      max: window.to,
      axisLabel: { ...axisLabel, show: i === units.length - 1, hideOverlap: true },
      axisLine: { lineStyle: { color: style.grid } },
      splitLine: { show: false },
    })),
    yAxis: units.map((unit, i) => ({
      type: 'value',
      gridIndex: i,
      name: unit,
      nameTextStyle: { color: style.muted, align: 'left' },
      // On/off switches read as 0 and 1; measurements zoom to their own range.
      ...(switchUnits.has(unit) ? { min: 0, max: 1, interval: 1 } : { scale: true }),
      axisLabel,
      splitLine: { lineStyle: { color: style.grid } },
    })),
  };
}

/** The lower edge, the stacked min–max fill and the average line of one series. */
function bandSeries(id: string, band: BandData, m: SeriesMeta, panel: number, color: string) {
  const common = {
    type: 'line',
    name: m.name,
    showSymbol: false,
    color,
    xAxisIndex: panel,
    yAxisIndex: panel,
    step: m.switchLike ? 'end' : undefined,
  };
  return [
    { ...common, id: `lower:${id}`, data: band.lower, stack: id, lineStyle: { opacity: 0 } },
    {
      ...common,
      id: `spread:${id}`,
      data: band.spread,
      stack: id,
      lineStyle: { opacity: 0 },
      areaStyle: { color, opacity: 0.18 },
    },
    { ...common, id: `avg:${id}`, data: band.avg, lineStyle: { width: 1.5 } },
  ];
}
