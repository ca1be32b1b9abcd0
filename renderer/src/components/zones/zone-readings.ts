import type { BindingRole, BindingView } from '@contracts/bindings.js';
import type { NodeView } from '@contracts/devices.js';
import type { EffectiveTargets } from '@contracts/zones.js';
import type { SeriesKey } from '../../api/telemetry.js';
import type { Tone } from '../status-tones.js';

/** The four readings a grower checks first on every zone (reference-backend-ui §4.3). */
export type Headline = 'ph' | 'ec' | 'temperature' | 'humidity';

export interface HeadlineSpec {
  key: Headline;
  role: BindingRole;
  metric: string;
  /** Display unit; pH has none (its label says pH). */
  unit: string;
  /** Node types whose channel of this metric is the zone's one (air, not solution, temperature). */
  nodeTypes: readonly string[];
}

export const HEADLINES: readonly HeadlineSpec[] = [
  { key: 'ph', role: 'ph_sensor', metric: 'PH', unit: '', nodeTypes: ['ph'] },
  { key: 'ec', role: 'ec_sensor', metric: 'EC', unit: 'mS/cm', nodeTypes: ['ec'] },
  {
    key: 'temperature',
    role: 'temperature_sensor',
    metric: 'TEMPERATURE',
    unit: '°C',
    nodeTypes: ['climate'],
  },
  {
    key: 'humidity',
    role: 'humidity_sensor',
    metric: 'HUMIDITY',
    unit: '%',
    nodeTypes: ['climate'],
  },
];

/** Where a reading comes from; `bound` is false when no role binding names it yet. */
export interface ReadingSource extends SeriesKey {
  bound: boolean;
}

/**
 * The channel that plays `role` in the zone: its binding, else the zone node channel that a
 * reference firmware would bind to it (the same name, or the only sensor of that metric on the
 * expected node type). Automation only uses bindings; the fallback lets a zone whose roles are not
 * bound yet still show what its nodes measure.
 */
export function sourceOf(
  role: BindingRole,
  bindings: readonly BindingView[],
  zoneNodes: readonly NodeView[],
  metric?: string,
  nodeTypes: readonly string[] = [],
): ReadingSource | null {
  const binding = bindings.find((b) => b.role === role);
  if (binding) return { nodeId: binding.node_id, channel: binding.channel, bound: true };
  const sensors = zoneNodes.flatMap((node) =>
    node.channels.filter((c) => c.type === 'SENSOR').map((c) => ({ node, c })),
  );
  const match =
    sensors.find(({ c }) => c.channel === role) ??
    sensors.find(({ node, c }) => c.metric === metric && nodeTypes.includes(node.type));
  return match ? { nodeId: match.node.id, channel: match.c.channel, bound: false } : null;
}

export interface Band {
  min: number;
  max: number;
  target: number;
}

/**
 * Air temperature and humidity targets are single values; these are the deviations a grower
 * treats as fine. Beyond a band by up to half its width is a warning, further is out.
 */
const CLIMATE_TOLERANCE = { temperature: 2, humidity: 10 } as const;

export function bandOf(key: Headline, targets: EffectiveTargets | undefined): Band | null {
  if (!targets) return null;
  if (key === 'ph' || key === 'ec') return targets[key];
  const target =
    key === 'temperature' ? targets.climate.temp_air_target : targets.climate.humidity_target;
  if (target === null) return null;
  const tolerance = CLIMATE_TOLERANCE[key];
  return { min: target - tolerance, max: target + tolerance, target };
}

export type BandState = 'in' | 'warn' | 'out' | 'none';

export const BAND_TONES: Record<BandState, Tone> = {
  in: 'success',
  warn: 'warning',
  out: 'error',
  none: 'neutral',
};

export function bandState(value: number | null, band: Band | null): BandState {
  if (value === null || band === null) return 'none';
  if (value >= band.min && value <= band.max) return 'in';
  const slack = (band.max - band.min) / 2;
  const off = value < band.min ? band.min - value : value - band.max;
  return off <= slack ? 'warn' : 'out';
}

/** A reading older than this is shown greyed out and never counts as in band. */
export const STALE_MS = 10 * 60_000;

export type TankLevel = 'full' | 'partial' | 'low' | 'unknown';

/** What two level switches say about a tank: max wet means full, min dry means low. */
export function tankLevel(min: number | undefined, max: number | undefined): TankLevel {
  if (max !== undefined && max > 0) return 'full';
  if (min !== undefined && min <= 0) return 'low';
  if (min !== undefined) return 'partial';
  return 'unknown';
}

export const TANK_TONES: Record<TankLevel, Tone> = {
  full: 'success',
  partial: 'success',
  low: 'warning',
  unknown: 'neutral',
};

export const TANKS = {
  clean: ['level_clean_min', 'level_clean_max'],
  solution: ['level_solution_min', 'level_solution_max'],
} as const satisfies Record<string, readonly [BindingRole, BindingRole]>;

export type TankName = keyof typeof TANKS;
