import { describe, expect, it } from 'vitest';
import { decideIrrigation } from '../../../../src/automation/runtime/workflows/irrigation-decision.js';
import {
  IRRIGATION_STOP,
  irrigationDuration,
} from '../../../../src/automation/runtime/workflows/irrigation-plans.js';

const targets = (duration_sec: number | null, enabled = true) => ({
  irrigation: { enabled, mode: null, interval_sec: null, duration_sec },
});

describe('irrigation duration', () => {
  it('takes the request, else the targets, else 120 s', () => {
    expect(irrigationDuration({ requested_duration_sec: 45 }, targets(90))).toEqual({
      ok: true,
      durationSec: 45,
      source: 'requested',
    });
    expect(irrigationDuration({ duration_sec: 30 }, targets(90))).toMatchObject({
      durationSec: 30,
      source: 'requested',
    });
    expect(irrigationDuration({}, targets(90))).toMatchObject({
      durationSec: 90,
      source: 'targets',
    });
    expect(irrigationDuration({}, targets(null))).toMatchObject({
      durationSec: 120,
      source: 'default',
    });
  });

  it('clamps to 1..3600 s and refuses more than one 300 s pump run', () => {
    expect(irrigationDuration({ requested_duration_sec: 0.2 }, targets(null))).toMatchObject({
      ok: true,
      durationSec: 1,
    });
    expect(irrigationDuration({ requested_duration_sec: 300 }, targets(null)).ok).toBe(true);
    expect(irrigationDuration({ requested_duration_sec: 301 }, targets(null))).toEqual({
      ok: false,
      durationSec: 301,
    });
    expect(irrigationDuration({ requested_duration_sec: 9_999 }, targets(null))).toEqual({
      ok: false,
      durationSec: 3_600,
    });
  });

  it('stops the pump before the valves on both topologies', () => {
    expect(IRRIGATION_STOP.two_tank.map((s) => s.role)).toEqual([
      'pump_main',
      'valve_irrigation',
      'valve_solution_supply',
    ]);
    expect(IRRIGATION_STOP.single_tank.map((s) => s.role)).toEqual([
      'pump_main',
      'valve_irrigation',
    ]);
  });
});

describe('irrigation decision gate', () => {
  it('force always runs, even with irrigation disabled', () => {
    expect(decideIrrigation({ mode: 'force' }, targets(null, false))).toMatchObject({
      ok: true,
      decision: { outcome: 'run', reason_code: 'forced_by_operator', mode: 'force' },
    });
  });

  it('task strategy runs, disabled irrigation skips, smart_soil_v1 without data runs degraded', () => {
    expect(decideIrrigation({}, targets(null))).toMatchObject({
      decision: { outcome: 'run', strategy: 'task', degraded: false },
    });
    expect(decideIrrigation({}, targets(null, false))).toMatchObject({
      decision: { outcome: 'skip', reason_code: 'irrigation_disabled' },
    });
    expect(decideIrrigation({ strategy: 'smart_soil_v1' }, targets(null))).toMatchObject({
      decision: { outcome: 'degraded_run', degraded: true },
    });
    expect(decideIrrigation({ strategy: 'x' }, targets(null))).toEqual({
      ok: false,
      code: 'irrigation_decision_strategy_unknown',
      strategy: 'x',
    });
  });
});
