import type { NutrientComponent } from '../../contracts/catalog.js';
import type { Metric } from './config.js';

/**
 * What to correct, towards which target, in which order (reference-domain §4.1, §4.2, §4.5, §4.7).
 */

/** Flow stages that may correct (§4.1); nothing corrects without flow past the probes. */
export type CorrectionStage = 'solution_fill' | 'tank_recirc' | 'irrigation';

/**
 * §4.1 [code]: the fill doses calcium only and never pH; recirculation runs the full pipeline;
 * irrigation is pH-only (the planner vetoes EC there, whatever the docs and config say, §12).
 */
export const STAGE_PERMISSIONS: Record<CorrectionStage, { ec: boolean; ph: boolean }> = {
  solution_fill: { ec: true, ph: false },
  tank_recirc: { ec: true, ph: true },
  irrigation: { ec: false, ph: true },
};

/** Success band, percent of target (§4.5): `|value − target| ≤ |target| · pct / 100`. */
export function inTolerance(value: number, target: number, tolerancePct: number): boolean {
  return Math.abs(value - target) <= (Math.abs(target) * tolerancePct) / 100;
}

/**
 * "Workflow ready" (§4.5) is stricter than correction success: explicit recipe min/max form the
 * ready band when present, the tolerance band otherwise.
 */
export function workflowReady(
  value: number,
  target: number,
  tolerancePct: number,
  band: { min: number | null; max: number | null },
): boolean {
  if (band.min !== null && band.max !== null) return value >= band.min && value <= band.max;
  return inTolerance(value, target, tolerancePct);
}

export interface EcStepTargets {
  budget: number;
  /** After calcium (the fill and `recirc_ca`). */
  ca: number;
  caMg: number;
  caMgNpk: number;
  /** `target_ec`. */
  full: number;
}

/**
 * Cumulative EC targets per component from the water baseline (§4.2):
 * `T = water_ec + budget · Σ r` in the order Ca, Mg, NPK, Micro. Null when the budget is not
 * positive (water already at or above the target) or the ratios do not sum to a positive number:
 * both fail closed (§11.11).
 */
export function ecStepTargets(
  targetEc: number,
  waterEc: number,
  ratiosPct: Record<NutrientComponent, number>,
): EcStepTargets | null {
  const budget = targetEc - waterEc;
  const positive = (c: NutrientComponent): number => Math.max(0, ratiosPct[c]);
  const sum = positive('calcium') + positive('magnesium') + positive('npk') + positive('micro');
  if (!(budget > 0) || !(sum > 0)) return null;
  const share = (c: NutrientComponent): number => positive(c) / sum;
  const ca = waterEc + budget * share('calcium');
  const caMg = ca + budget * share('magnesium');
  const caMgNpk = caMg + budget * share('npk');
  return { budget, ca, caMg, caMgNpk, full: targetEc };
}

export interface PipelineStep {
  name: string;
  metric: Metric;
  /** EC steps: the component dosed and the cumulative target it aims at. */
  component?: NutrientComponent;
  target?: keyof Omit<EcStepTargets, 'budget'>;
}

/** The recirculation pipeline (§4.2): each EC component followed by a pH gate. */
export const RECIRC_PIPELINE: readonly PipelineStep[] = [
  { name: 'recirc_ca', metric: 'ec', component: 'calcium', target: 'ca' },
  { name: 'recirc_ph_after_ca', metric: 'ph' },
  { name: 'recirc_mg', metric: 'ec', component: 'magnesium', target: 'caMg' },
  { name: 'recirc_ph_after_mg', metric: 'ph' },
  { name: 'recirc_npk', metric: 'ec', component: 'npk', target: 'caMgNpk' },
  { name: 'recirc_ph_after_npk', metric: 'ph' },
  { name: 'recirc_micro', metric: 'ec', component: 'micro', target: 'full' },
  { name: 'recirc_ph_final', metric: 'ph' },
];

/**
 * Which controller doses next inside one window (§4.7): exactly one dose per step, an observe
 * step between any two doses (the runtime's job), and
 * 1. after an EC dose with pH still off target, pH goes next (the EC dose moved pH);
 * 2. otherwise EC first while it is needed, pH pending in the same window;
 * 3. otherwise pH.
 * Metrics the stage forbids are never chosen. Null: nothing to dose.
 */
export function nextCorrection(input: {
  stage: CorrectionStage;
  ecNeeded: boolean;
  phNeeded: boolean;
  lastDosed: Metric | null;
}): Metric | null {
  const allowed = STAGE_PERMISSIONS[input.stage];
  const ph = input.phNeeded && allowed.ph;
  const ec = input.ecNeeded && allowed.ec;
  if (input.lastDosed === 'ec' && ph) return 'ph';
  if (ec) return 'ec';
  return ph ? 'ph' : null;
}
