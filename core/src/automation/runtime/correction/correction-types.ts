import type { AlertIntent, StepResult } from '../workflow.js';

/**
 * How a flow stage runs pH/EC correction inside itself (reference-domain §4.1, §4.3): the stage's
 * handler calls the correction tick each time it is stepped and acts on the outcome. The
 * correction's sub-state (`corr_step`, controller memory, counters) lives in `ctx.state.corr`.
 */
export type CorrectionStage = 'solution_fill' | 'tank_recirc' | 'irrigation';

export type CorrectionOutcome =
  /** Keep going: return this result from the stage handler (a wait, or a dose plan that re-enters the stage). */
  | { kind: 'continue'; result: StepResult }
  /** Targets reached (recirc: the whole pipeline; fill: T_ca; irrigation: pH). */
  | { kind: 'done' }
  /** Correction gave up (no-effect limit, attempts exhausted, blocked): the stage decides what follows. */
  | { kind: 'exhausted'; code: string; alert?: AlertIntent }
  /** Configuration or calibration missing, non-positive nutrient budget…: fail closed. */
  | { kind: 'fail'; code: string; alert?: AlertIntent }
  /** `level_solution_min` lost: the stage stops its flow (recirc → back to startup). */
  | { kind: 'low_water' };
