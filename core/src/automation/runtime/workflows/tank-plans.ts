import type { ZoneTopology } from '../../../contracts/zones.js';
import { FAIL_SAFE_ROLES, off, on, stopOf, type CommandStep } from '../plans.js';
import type { ZoneIo } from '../zone-io.js';
import { PUMP_GUARD_SLACK_MS } from './tank-config.js';

/**
 * The command plans of tank preparation (reference-domain §1.3): start plans open valves first
 * and start the pump last, stop plans stop the pump first. A pump started for a stage carries the
 * stage's timeout plus a slack (`timeout_ms` + `stage`), so the irrigation node stops it on its
 * own should the runtime go quiet.
 */

type PumpStage = 'solution_fill' | 'prepare_recirculation';

const pumpFor = (stage: PumpStage, timeoutMs: number): CommandStep =>
  on('pump_main', { timeout_ms: Math.round(timeoutMs + PUMP_GUARD_SLACK_MS), stage });

/** Two tank: mains into the clean tank. */
export const CLEAN_FILL_START: readonly CommandStep[] = [on('valve_clean_fill')];
export const CLEAN_FILL_STOP: readonly CommandStep[] = stopOf(CLEAN_FILL_START);

/** Two tank: clean tank → pump → solution tank (also the top-up plan, §5.5). */
export function solutionFillStart(timeoutMs: number): CommandStep[] {
  return [on('valve_clean_supply'), on('valve_solution_fill'), pumpFor('solution_fill', timeoutMs)];
}
export const SOLUTION_FILL_STOP: readonly CommandStep[] = stopOf(solutionFillStart(1));

/** Two tank: solution tank → pump → solution tank, past the probes. */
export function recirculationStart(timeoutMs: number): CommandStep[] {
  return [
    on('valve_solution_supply'),
    on('valve_solution_fill'),
    pumpFor('prepare_recirculation', timeoutMs),
  ];
}
export const RECIRCULATION_STOP: readonly CommandStep[] = stopOf(recirculationStart(1));

/** Two tank, solution change: solution tank to waste. */
export const DRAIN_START: readonly CommandStep[] = [on('valve_drain')];
export const DRAIN_STOP: readonly CommandStep[] = stopOf(DRAIN_START);

/** Single tank: mains into the reservoir. */
export const TANK_FILL_START: readonly CommandStep[] = [on('valve_clean_fill')];
export const TANK_FILL_STOP: readonly CommandStep[] = stopOf(TANK_FILL_START);

/** Single tank: the pump circulates the reservoir back into itself, past the probes. */
export function mixStart(timeoutMs: number): CommandStep[] {
  return [pumpFor('prepare_recirculation', timeoutMs)];
}
export const MIX_STOP: readonly CommandStep[] = stopOf(mixStart(1));

/**
 * Every bound flow actuator of the topology OFF, pump first, confirmed one by one: the stop
 * behind the manual → auto re-probe (§8.1) and the solution-change gates.
 */
export async function allFlowOff(io: ZoneIo, topology: ZoneTopology): Promise<CommandStep[]> {
  const steps: CommandStep[] = [];
  for (const role of FAIL_SAFE_ROLES[topology]) if (await io.has(role)) steps.push(off(role));
  return steps;
}
