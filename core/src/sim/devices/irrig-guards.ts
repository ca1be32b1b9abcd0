import { GUARD_TIMEOUT_MAX_MS } from '../../contracts/mqtt/node-config.js';
import type { LevelSwitches, WaterActuator, WaterActuators } from '../physics/water-system.js';

/** `fail_safe_guards` with the firmware defaults filled in (§11.3). */
export interface IrrigSettings {
  readonly solutionFillCleanMinDelayMs: number;
  readonly solutionFillSolutionMinDelayMs: number;
  readonly recirculationSolutionMinGuard: boolean;
  readonly irrigationSolutionMinGuard: boolean;
  readonly irrigationTimeoutMs: number;
  readonly estopDebounceMs: number;
}

export function irrigSettings(guards: Record<string, unknown> | undefined): IrrigSettings {
  const num = (key: string, fallback: number) => {
    const value = guards?.[key];
    return typeof value === 'number' && value >= 0 ? value : fallback;
  };
  const flag = (key: string) => guards?.[key] !== false;
  const timeoutSec = guards?.irrigation_timeout_sec;
  const timeoutMs = num(
    'irrigation_timeout_ms',
    typeof timeoutSec === 'number' ? timeoutSec * 1000 : 600_000,
  );
  return {
    solutionFillCleanMinDelayMs: num('solution_fill_clean_min_check_delay_ms', 5000),
    solutionFillSolutionMinDelayMs: num('solution_fill_solution_min_check_delay_ms', 60_000),
    recirculationSolutionMinGuard: flag('recirculation_solution_min_guard_enabled'),
    irrigationSolutionMinGuard: flag('irrigation_solution_min_guard_enabled'),
    irrigationTimeoutMs: Math.min(timeoutMs, GUARD_TIMEOUT_MAX_MS),
    estopDebounceMs: num('estop_debounce_ms', 80),
  };
}

/** The actuators each flow path uses; stop plans switch exactly these off. */
export const PATHS = {
  solution_fill: ['pump_main', 'valve_solution_fill', 'valve_clean_supply'],
  prepare_recirculation: ['pump_main', 'valve_solution_fill', 'valve_solution_supply'],
  irrigation: ['pump_main', 'valve_solution_supply', 'valve_irrigation'],
  clean_fill: ['valve_clean_fill'],
} as const satisfies Record<string, readonly WaterActuator[]>;
export type FlowPath = keyof typeof PATHS;

export function isActive(path: FlowPath, a: WaterActuators): boolean {
  return PATHS[path].every((name) => a[name]);
}

export interface GuardTrip {
  readonly path: FlowPath;
  readonly event: string;
}

export interface GuardInput {
  readonly actuators: WaterActuators;
  readonly levels: LevelSwitches;
  /** How long the solution-fill path has been running. */
  readonly solutionFillForMs: number | undefined;
  readonly settings: IrrigSettings;
}

/**
 * The local completions and fail-safes of the two-tank node, checked on every level scan
 * (§11.3). Returns the first that applies; the caller stops the path and publishes the event.
 */
export function checkGuards({
  actuators: a,
  levels,
  solutionFillForMs,
  settings,
}: GuardInput): GuardTrip | null {
  if (isActive('clean_fill', a) && levels.level_clean_max) {
    return { path: 'clean_fill', event: 'clean_fill_completed' };
  }
  if (isActive('solution_fill', a)) {
    if (levels.level_solution_max)
      return { path: 'solution_fill', event: 'solution_fill_completed' };
    const forMs = solutionFillForMs ?? 0;
    if (forMs >= settings.solutionFillCleanMinDelayMs && !levels.level_clean_min) {
      return { path: 'solution_fill', event: 'solution_fill_source_empty' };
    }
    if (forMs >= settings.solutionFillSolutionMinDelayMs && !levels.level_solution_min) {
      return { path: 'solution_fill', event: 'solution_fill_leak_detected' };
    }
  }
  if (
    isActive('prepare_recirculation', a) &&
    settings.recirculationSolutionMinGuard &&
    !levels.level_solution_min
  ) {
    return { path: 'prepare_recirculation', event: 'recirculation_solution_low' };
  }
  if (
    isActive('irrigation', a) &&
    settings.irrigationSolutionMinGuard &&
    !levels.level_solution_min
  ) {
    return { path: 'irrigation', event: 'irrigation_solution_low' };
  }
  return null;
}

/** `(clean_supply ∨ solution_supply) ∧ (solution_fill ∨ irrigation)` (§6 set_relay). */
export function pumpInterlockOk(a: WaterActuators): boolean {
  return (
    (a.valve_clean_supply || a.valve_solution_supply) &&
    (a.valve_solution_fill || a.valve_irrigation)
  );
}

/** Short pump runs may go without a flow path (priming / dry-run test). */
export const DRY_RUN_MAX_MS = 3000;
