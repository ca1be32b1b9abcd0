import type { EffectiveTargets } from '../../../contracts/zones.js';

/**
 * The irrigation decision gate (reference-domain §5.3 step 3): whether this run irrigates. The
 * decision is taken once per task and frozen in its state, so a restart never re-decides. The
 * strategy comes with the task (`payload.strategy`, the scheduler's): `task` (default) always
 * runs, `smart_soil_v1` decides by soil moisture.
 */

export interface IrrigationDecision {
  outcome: 'run' | 'skip' | 'degraded_run';
  reason_code: string;
  strategy: string;
  mode: 'normal' | 'force';
  degraded: boolean;
}

export type DecisionResult =
  { ok: true; decision: IrrigationDecision } | { ok: false; code: string; strategy: string };

export function decideIrrigation(
  payload: Record<string, unknown>,
  targets: Pick<EffectiveTargets, 'irrigation'>,
): DecisionResult {
  const mode = payload.mode === 'force' ? 'force' : 'normal';
  const strategy = typeof payload.strategy === 'string' ? payload.strategy : 'task';
  const decide = (outcome: IrrigationDecision['outcome'], reason_code: string): DecisionResult => ({
    ok: true,
    decision: { outcome, reason_code, strategy, mode, degraded: outcome === 'degraded_run' },
  });
  // Force bypasses the decision only, never the ready and safety checks (§8.2).
  if (mode === 'force') return decide('run', 'forced_by_operator');
  if (!targets.irrigation.enabled) return decide('skip', 'irrigation_disabled');
  switch (strategy) {
    case 'task':
      return decide('run', 'strategy_task');
    case 'smart_soil_v1':
      // No soil-moisture role or soil targets exist in this build: §5.3 treats missing data
      // or a missing target as a degraded run (warning), not a skip.
      return decide('degraded_run', 'soil_moisture_unavailable');
    default:
      return { ok: false, code: 'irrigation_decision_strategy_unknown', strategy };
  }
}
