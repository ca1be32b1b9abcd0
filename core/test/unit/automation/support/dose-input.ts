import {
  DOSE_POLICY_DEFAULTS,
  PID_DEFAULTS,
  type Metric,
} from '../../../../src/automation/correction/config.js';
import {
  INITIAL_CONTROLLER_STATE,
  type ControllerState,
  type DoseTickInput,
} from '../../../../src/automation/correction/dose-types.js';

/** A dose tick built around the reference worked example (EC) and a pH 6.5 → 5.8 case. */
export const NOW = 1_736_935_200_000;
export const CAL = { transportDelaySec: 4, settleSec: 12 };
export const EC_PUMP = { channel: 'pump_b', mlPerSec: 1, gainPerMl: 0.006 };
export const ACID = { channel: 'pump_acid', mlPerSec: 0.5, gainPerMl: 0.015 };
export const BASE = { channel: 'pump_base', mlPerSec: 0.5, gainPerMl: 0.015 };

export function input(metric: Metric, over: Partial<DoseTickInput> = {}): DoseTickInput {
  const base: DoseTickInput =
    metric === 'ec'
      ? {
          metric,
          now: NOW,
          value: 0.3,
          target: 0.768,
          pid: PID_DEFAULTS.ec,
          policy: DOSE_POLICY_DEFAULTS.ec,
          calibration: CAL,
          state: INITIAL_CONTROLLER_STATE,
          pumps: { up: EC_PUMP },
        }
      : {
          metric,
          now: NOW,
          value: 6.5,
          target: 5.8,
          pid: PID_DEFAULTS.ph,
          policy: DOSE_POLICY_DEFAULTS.ph,
          calibration: CAL,
          state: INITIAL_CONTROLLER_STATE,
          pumps: { up: BASE, down: ACID },
        };
  return { ...base, ...over };
}
export const state = (over: Partial<ControllerState>): ControllerState => ({
  ...INITIAL_CONTROLLER_STATE,
  ...over,
});
