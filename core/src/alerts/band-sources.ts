import {
  bandAround,
  TARGET_BAND_HALF_WIDTH,
  type Band,
  type BandMetric,
} from '../automation/alerts/band.js';
import type { WorkflowPhase } from '../automation/runtime/workflow.js';
import type { BindingRole } from '../contracts/bindings.js';
import type { EffectiveTargets } from '../contracts/zones.js';
import type { ZoneRecord } from '../storage/domain-types.js';
import type { Storage } from '../storage/storage.js';

/**
 * Where the band alerts get their bands and samples from, and when a sample may be judged at all.
 */

/** The sensor role whose samples are judged per metric. */
export const BAND_METRIC_ROLES: Record<BandMetric, BindingRole> = {
  ph: 'ph_sensor',
  ec: 'ec_sensor',
  air_temp: 'temperature_sensor',
  humidity: 'humidity_sensor',
  solution_temp: 'solution_temp_sensor',
};

export const BAND_METRICS = Object.keys(BAND_METRIC_ROLES) as BandMetric[];

/**
 * Zone phases in which solution flows past the pH/EC probes and the runtime holds them in active
 * sensor mode (reference-domain §4.1): only then do their readings mean anything.
 */
export const PROBE_FLOW_PHASES: readonly WorkflowPhase[] = ['tank_recirc', 'irrigating'];

/**
 * pH and EC are judged against the phase band only while irrigating: during tank preparation
 * (fill, recirculation) the solution is expected to be outside the band until correction brings it
 * in, which is the workflow's job and its own timeouts' to report.
 */
export const PH_EC_JUDGED_PHASES: readonly WorkflowPhase[] = ['irrigating'];

/**
 * Probe samples of the first moments of a flow are not judged: the probes stabilise for 30 s after
 * sensor mode is activated (reference-domain §4.10); the margin covers the flow start itself.
 */
export const PROBE_SETTLE_MS = 60_000;

/**
 * After a day/night switch the air-temperature and humidity targets jump; the climate needs time
 * to follow, so samples of the next half hour are not judged against the new band.
 */
export const CLIMATE_PERIOD_SETTLE_MS = 30 * 60_000;

/**
 * The longest gap between two samples over which a pending excursion still counts as continuous.
 * Climate and solution-temperature sensors report every few seconds, so a longer gap means
 * nothing is known about the time between (the stale-sensor alert covers that). pH and EC are
 * measured only while solution flows; the solution stays in the tank between flows, so an
 * excursion seen in one irrigation and still there in the next counts as persisting.
 */
export const BAND_MAX_GAP_MS: Record<BandMetric, number | null> = {
  ph: null,
  ec: null,
  air_temp: 20 * 60_000,
  humidity: 20 * 60_000,
  solution_temp: 10 * 60_000,
};

/** How a value is named in alert messages. */
export const BAND_METRIC_LABELS: Record<BandMetric, { name: string; unit: string }> = {
  ph: { name: 'pH', unit: '' },
  ec: { name: 'EC', unit: ' mS/cm' },
  air_temp: { name: 'Air temperature', unit: ' °C' },
  humidity: { name: 'Humidity', unit: ' %' },
  solution_temp: { name: 'Solution temperature', unit: ' °C' },
};

/**
 * The solution-temperature band of the zone's targets. Phase snapshots carry no
 * `solution_temp_target/min/max` yet (reference-domain §3.2), and there are no hard-coded default
 * targets (§3.4), so the default finds none and the alert stays silent until they exist.
 */
export type SolutionTempBandOf = (targets: EffectiveTargets) => Band | null;
export const noSolutionTempBand: SolutionTempBandOf = () => null;

/**
 * The band `metric` is judged against now, or null when there is none: pH and EC only from a
 * running cycle's phase; air temperature and humidity around the day or night target (± 2 °C,
 * ± 15 %, reference-domain §9.3) unless the zone turned climate off.
 */
export function bandFor(
  metric: BandMetric,
  targets: EffectiveTargets,
  solutionTemp: SolutionTempBandOf,
): Band | null {
  const { climate } = targets;
  switch (metric) {
    case 'ph':
    case 'ec': {
      const band = targets[metric];
      return band === null ? null : { min: band.min, max: band.max };
    }
    case 'air_temp':
      return climate.enabled && climate.temp_air_target !== null
        ? bandAround(climate.temp_air_target, TARGET_BAND_HALF_WIDTH.air_temp)
        : null;
    case 'humidity':
      return climate.enabled && climate.humidity_target !== null
        ? bandAround(climate.humidity_target, TARGET_BAND_HALF_WIDTH.humidity)
        : null;
    case 'solution_temp':
      return solutionTemp(targets);
  }
}

/**
 * Since when solution has been flowing past the probes, or null when it is not: the zone is in
 * one of `phases` and a task is running it (a phase left behind by a crash moves no water). The
 * runtime writes the phase as it enters it, so the zone's `updatedAt` is that moment (a later
 * edit of the zone only moves it later, which judges less, never more).
 */
export async function flowSince(
  storage: Storage,
  zone: ZoneRecord,
  phases: readonly WorkflowPhase[],
): Promise<number | null> {
  if (!(phases as readonly string[]).includes(zone.workflowPhase)) return null;
  if (!(await storage.tasks.activeForZone(zone.id))) return null;
  return zone.updatedAt;
}

/** `good`, `uncertain` or `bad` from a stored quality, whatever its case. */
export function qualityOf(quality: string): 'good' | 'uncertain' | 'bad' {
  const q = quality.toLowerCase();
  return q === 'uncertain' || q === 'bad' ? q : 'good';
}
