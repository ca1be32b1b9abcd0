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
  const soil = (mean: number | null, target: { min: number; max: number } | null = BAND) => ({
    target,
    mean,
    samples: mean === null ? 0 : 6,
  });
  const BAND = { min: 40, max: 60 };

  it('force always runs, even with irrigation disabled', () => {
    expect(decideIrrigation({ mode: 'force' }, targets(null, false), 'task', null)).toMatchObject({
      ok: true,
      decision: { outcome: 'run', reason_code: 'forced_by_operator', mode: 'force' },
    });
  });

  it('task strategy runs, disabled irrigation skips, an unknown strategy fails', () => {
    expect(decideIrrigation({}, targets(null), 'task', null)).toMatchObject({
      decision: { outcome: 'run', strategy: 'task', degraded: false },
    });
    expect(decideIrrigation({}, targets(null, false), 'task', null)).toMatchObject({
      decision: { outcome: 'skip', reason_code: 'irrigation_disabled' },
    });
    expect(decideIrrigation({}, targets(null), 'x', null)).toEqual({
      ok: false,
      code: 'irrigation_decision_strategy_unknown',
      strategy: 'x',
    });
  });

  it('smart_soil_v1 runs below the band minus 2 %, skips within it and above it (hysteresis)', () => {
    const decide = (mean: number) =>
      decideIrrigation({}, targets(null), 'smart_soil_v1', soil(mean));
    expect(decide(37.9)).toMatchObject({
      decision: {
        outcome: 'run',
        reason_code: 'soil_below_target',
        soil: { mean: 37.9, samples: 6, min: 40, max: 60 },
      },
    });
    expect(decide(38.5)).toMatchObject({
      decision: { outcome: 'skip', reason_code: 'soil_within_target' },
    });
    expect(decide(61.5)).toMatchObject({
      decision: { outcome: 'skip', reason_code: 'soil_within_target' },
    });
    expect(decide(62.1)).toMatchObject({
      decision: { outcome: 'skip', reason_code: 'soil_above_target' },
    });
  });

  it('smart_soil_v1 without a target or fresh data runs degraded', () => {
    const decide = (reading: ReturnType<typeof soil> | null) =>
      decideIrrigation({}, targets(null), 'smart_soil_v1', reading);
    expect(decide(soil(30, null))).toMatchObject({
      decision: { outcome: 'degraded_run', reason_code: 'soil_target_missing', degraded: true },
    });
    expect(decide(soil(null))).toMatchObject({
      decision: { outcome: 'degraded_run', reason_code: 'soil_moisture_stale' },
    });
    expect(decide(null)).toMatchObject({ decision: { outcome: 'degraded_run' } });
  });
});
