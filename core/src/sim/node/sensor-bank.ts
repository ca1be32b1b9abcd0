import type { Clock } from '../../runtime/clock.js';
import type { SeededRandom } from '../random.js';
import { clamp } from '../physics/solution-chemistry.js';
import type { NodeFaults } from './faults.js';

/** Noise of one reading and the step between readings above which the firmware flags `stable:false`. */
interface MetricModel {
  readonly sigma: (value: number) => number;
  readonly unstableDelta: number;
  readonly range: readonly [number, number];
  /** Raw ADC-ish value the firmware reports next to the calibrated one. */
  readonly raw?: (value: number) => number;
}

const MODELS: Readonly<Record<string, MetricModel>> = {
  PH: { sigma: () => 0.008, unstableDelta: 0.05, range: [0, 14], raw: (v) => Math.round(v * 1000) },
  EC: { sigma: () => 0.004, unstableDelta: 0.05, range: [0, 20], raw: (v) => Math.round(v * 1000) },
  TDS: { sigma: () => 2, unstableDelta: 25, range: [0, 10_000] },
  TEMPERATURE: { sigma: () => 0.04, unstableDelta: 0.5, range: [-40, 85] },
  HUMIDITY: { sigma: () => 0.3, unstableDelta: 3, range: [0, 100] },
  CO2: { sigma: () => 4, unstableDelta: 50, range: [0, 10_000] },
  LIGHT: {
    sigma: (v) => 3 + 0.01 * v,
    unstableDelta: Number.POSITIVE_INFINITY,
    range: [0, 200_000],
  },
  PUMP_CURRENT: { sigma: () => 1.5, unstableDelta: Number.POSITIVE_INFINITY, range: [0, 5000] },
  WATER_LEVEL_SWITCH: { sigma: () => 0, unstableDelta: Number.POSITIVE_INFINITY, range: [0, 1] },
};
const FALLBACK: MetricModel = {
  sigma: () => 0,
  unstableDelta: Number.POSITIVE_INFINITY,
  range: [-1e9, 1e9],
};

export interface SensorReading {
  readonly value: number;
  readonly raw?: number;
  readonly stable: boolean;
  /** Set when the value is not a live measurement (EC last-good cache). */
  readonly stub?: boolean;
  readonly staleAgeS?: number;
}

interface ChannelMemory {
  last?: number;
  lastGood?: { value: number; atMs: number };
}

/** Firmware prints `%.3f`. */
function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Turns the physical truth into what a probe reports: noise, the stuck/noisy/failed faults, the
 * `stable` flag, and the EC node's last-good cache when a read fails (§4.1 `stale_age_sec`).
 */
export class SensorBank {
  private readonly memory = new Map<string, ChannelMemory>();

  constructor(
    private readonly clock: Clock,
    private readonly rng: SeededRandom,
    private readonly faults: () => NodeFaults,
  ) {}

  /** `unstable` forces `stable:false` (e.g. probes still settling after activation). */
  read(channel: string, metric: string, truth: number, unstable = false): SensorReading | null {
    const model = MODELS[metric] ?? FALLBACK;
    const memory = this.memoryOf(channel);
    const faults = this.faults();
    if (faults.failedSensors.includes(channel)) return this.cached(metric, memory);
    const stuck = faults.stuckSensors[channel];
    const noise = this.rng.gaussian(model.sigma(truth) * (faults.noisySensors[channel] ?? 1));
    const value =
      stuck !== undefined
        ? (stuck ?? memory.last ?? truth)
        : round3(clamp(truth + noise, model.range[0], model.range[1]));
    const stable =
      !unstable &&
      (memory.last === undefined || Math.abs(value - memory.last) <= model.unstableDelta);
    memory.last = value;
    memory.lastGood = { value, atMs: this.clock.monotonic() };
    const raw = model.raw?.(value);
    return raw === undefined || raw === 0 ? { value, stable } : { value, raw, stable };
  }

  /** Power loss: probes start with no history. */
  reset(): void {
    this.memory.clear();
  }

  private cached(metric: string, memory: ChannelMemory): SensorReading | null {
    // Only the EC firmware keeps a last-good value; other sensors simply stop reporting.
    if (metric !== 'EC' || !memory.lastGood) return null;
    const staleAgeS = Math.floor((this.clock.monotonic() - memory.lastGood.atMs) / 1000);
    return { value: memory.lastGood.value, stable: false, stub: true, staleAgeS };
  }

  private memoryOf(channel: string): ChannelMemory {
    let memory = this.memory.get(channel);
    if (!memory) {
      memory = {};
      this.memory.set(channel, memory);
    }
    return memory;
  }
}
