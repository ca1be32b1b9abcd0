import type { NutrientComponent } from '../../../contracts/catalog.js';
import type { BindingRole } from '../../../contracts/bindings.js';
import type { Direction, Metric } from '../../correction/config.js';
import { INITIAL_CONTROLLER_STATE, type ControllerState } from '../../correction/dose-types.js';
import type { Expectation } from '../../correction/observe.js';
import type { CorrectionStage } from './correction-types.js';

/**
 * What the correction runner remembers in the task state (reference-domain §4.3), in two parts:
 * - `state.corr`, the correction window (`corr_step`, its timers, the dose in flight, the
 *   expectation being observed). `resetCorrection` drops it when a stage opens a new window.
 * - `state.corrCtl`, what outlives a window within the task: both controllers (PID memory,
 *   cooldown, no-effect counts, so a new window does not dose again into an empty bottle) and the
 *   recirculation pipeline position (so a new window does not restart at calcium and "dilute" the
 *   magnesium already added). A solution fill starts a new preparation: pipeline back to calcium.
 */

export type CorrStep =
  | 'activate'
  | 'activating'
  | 'stabilize'
  | 'check'
  | 'dosing'
  | 'hold'
  | 'dilute_opening'
  | 'dilute_pulse'
  | 'dilute_closing'
  | 'dilute_settle';

/** A dose handed to the engine as a plan; settled once its command is DONE. */
export interface PendingDose {
  metric: Metric;
  direction: Direction;
  pump: BindingRole;
  /** The plan's number: the dose command is step 0 of it (plan-runner `planCmdId`). */
  planSeq: number;
  ml: number;
  requestedMl: number;
  /** Caps that reduced the dose (`max_ms` ⇒ CORRECTION_DOSE_CLAMPED). */
  clampedBy: string[];
  gainPerMl: number;
  /** Window median the dose was computed from, and the target it aimed at. */
  value: number;
  target: number;
  pipelineStep: string | null;
  component: NutrientComponent | null;
  /** Controller state to persist once the dose is DONE (PID memory of this tick). */
  controller: ControllerState;
}

export interface CorrWindow {
  step: CorrStep;
  /** End of the current timed step (stabilisation, dilution pulse, dilution settle). */
  until: number | null;
  /** `corr_check` waits until then (cooldown, stale or unready window, low water). */
  retryAt: number | null;
  /** Samples before the probes were activated are not used. */
  activatedAt: number | null;
  lastDosed: Metric | null;
  dose: PendingDose | null;
  expectation: Expectation | null;
  /** The pump whose dose is being observed (its learned gain is updated). */
  observedPump: BindingRole | null;
  /** Dilutions in the current pipeline step (§4.9). */
  dilutions: number;
  baselineCaptured: boolean;
  baselineTries: number;
}

export interface CorrControllers {
  ph: ControllerState;
  ec: ControllerState;
  /** Index into RECIRC_PIPELINE. */
  pipe: number;
}

const freshWindow = (): CorrWindow => ({
  step: 'activate',
  until: null,
  retryAt: null,
  activatedAt: null,
  lastDosed: null,
  dose: null,
  expectation: null,
  observedPump: null,
  dilutions: 0,
  baselineCaptured: false,
  baselineTries: 0,
});

/** The task's correction window, opened on first use. */
export function windowOf(state: Record<string, unknown>, stage: CorrectionStage): CorrWindow {
  const existing = state.corr as CorrWindow | undefined;
  if (existing) return existing;
  const window = freshWindow();
  state.corr = window;
  if (stage === 'solution_fill') controllersOf(state).pipe = 0;
  return window;
}

export function controllersOf(state: Record<string, unknown>): CorrControllers {
  const existing = state.corrCtl as CorrControllers | undefined;
  if (existing) return existing;
  const controllers: CorrControllers = {
    ph: { ...INITIAL_CONTROLLER_STATE },
    ec: { ...INITIAL_CONTROLLER_STATE },
    pipe: 0,
  };
  state.corrCtl = controllers;
  return controllers;
}

/**
 * A new window: the sub-state starts over (activate the probes again) and the per-window attempt
 * caps are cleared; PID memory, cooldown, no-effect counts and the pipeline position stay.
 */
export function resetWindow(state: Record<string, unknown>): void {
  delete state.corr;
  const controllers = state.corrCtl as CorrControllers | undefined;
  if (!controllers) return;
  controllers.ph = { ...controllers.ph, attempts: 0 };
  controllers.ec = { ...controllers.ec, attempts: 0 };
}
