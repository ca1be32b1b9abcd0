import type { EffectiveTargets } from '../../../contracts/zones.js';
import { soilDecision, type SoilReading } from './soil-moisture.js';

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
  /** smart_soil_v1: the mean it decided on and its band. */
  soil?: { mean: number | null; samples: number; min: number | null; max: number | null };
}

export type DecisionResult =
  { ok: true; decision: IrrigationDecision } | { ok: false; code: string; strategy: string };

export function decideIrrigation(
  payload: Record<string, unknown>,
  targets: Pick<EffectiveTargets, 'irrigation'>,
  strategy: string,
  soil: SoilReading | null,
): DecisionResult {
  const mode = payload.mode === 'force' ? 'force' : 'normal';
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
    case 'smart_soil_v1': {
      const reading = soil ?? { target: null, mean: null, samples: 0 };
      const { outcome, reason_code } = soilDecision(reading);
      const result = decide(outcome, reason_code);
      if (result.ok)
        result.decision.soil = {
          mean: reading.mean === null ? null : Math.round(reading.mean * 10) / 10,
          samples: reading.samples,
          min: reading.target?.min ?? null,
          max: reading.target?.max ?? null,
        };
      return result;
    }
    default:
      return { ok: false, code: 'irrigation_decision_strategy_unknown', strategy };
  }
}
