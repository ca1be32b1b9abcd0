import type { StageContext, StepResult, Workflow } from '../workflow.js';
import {
  LEVEL_POLL_MS,
  SINGLE_FILL_NO_INFLOW_MS,
  SINGLE_FILL_TIMEOUT_MS,
  STARTUP_HOLD_MS,
} from './tank-config.js';
import { readLevels } from './tank-levels.js';
import { MIX_STOP, TANK_FILL_START, TANK_FILL_STOP } from './tank-plans.js';
import { SINGLE_TANK_MIX_STAGES } from './tank-single-mix.js';
import { ignoreStep, routeTo, startupStage } from './tank-startup.js';
import { deadlinePassed, flowForMs, operatorStop, stoppedByOperator, wait } from './tank-steps.js';

/**
 * `cycle_start` on a single-tank zone (DWC, NFT, ebb-and-flow from one reservoir): mains fills
 * the reservoir through `valve_clean_fill` up to `level_solution_max`, then `pump_main`
 * circulates it past the probes while the correction runs the recirculation pipeline.
 *
 * startup → fill_start/check → mix_start/check → ready
 *
 * The reservoir running low while mixing goes back to startup (a re-fill, not a failure).
 */

/**
 * Auto: a full reservoir goes straight to mixing. Operator steps (semi, manual): `fill_start`;
 * `mix_start` only with water above the minimum switch (the pump must not run dry).
 */
async function route(ctx: StageContext, step: string | null): Promise<StepResult | null> {
  if (step === 'fill_start') return routeTo(ctx, 'fill_start', { step });
  if (step !== null && step !== 'mix_start') return ignoreStep(ctx, step, 'not_a_startup_step');
  const read = await readLevels(ctx, ['level_solution_min', 'level_solution_max']);
  if (read.kind === 'stop') return read.result;
  const { level_solution_min: min, level_solution_max: full } = read.levels;
  if (step !== null) {
    if (!min) return ignoreStep(ctx, step, 'reservoir_below_min');
    return routeTo(ctx, 'mix_start', { step, level_solution_max: full });
  }
  return routeTo(ctx, full ? 'mix_start' : 'fill_start', { step, level_solution_max: full });
}

function fillStart(ctx: StageContext): Promise<StepResult> {
  delete ctx.state.flowSince;
  delete ctx.state.fillSawMin;
  // Fresh mains water in the reservoir: mixing takes a new water baseline.
  ctx.state.filled = true;
  return Promise.resolve({
    kind: 'plan',
    name: 'fill_start',
    steps: TANK_FILL_START,
    then: 'fill_check',
    thenDeadlineMs: SINGLE_FILL_TIMEOUT_MS,
  });
}

async function fillCheck(ctx: StageContext): Promise<StepResult> {
  const stop = await operatorStop(ctx, TANK_FILL_STOP);
  if (stop) return stop;
  const read = await readLevels(ctx, ['level_solution_min', 'level_solution_max']);
  if (read.kind === 'stop') return read.result;
  const { level_solution_min: min, level_solution_max: full } = read.levels;
  const flowMs = flowForMs(ctx);
  if (full) {
    await ctx.event('SOLUTION_FILL_COMPLETED', { flow_ms: flowMs, topology: 'single_tank' });
    return {
      kind: 'plan',
      name: 'fill_stop',
      steps: TANK_FILL_STOP,
      then: 'mix_start',
      failCode: 'flow_stop_unconfirmed',
    };
  }
  if (min) ctx.state.fillSawMin = true;
  else if (ctx.state.fillSawMin === true) {
    // The level fell back below the minimum while mains water was flowing in.
    await ctx.event('SOLUTION_FILL_LEAK_DETECTED', { flow_ms: flowMs });
    return { kind: 'fail', code: 'single_tank_fill_leak_detected' };
  } else if (flowMs >= SINGLE_FILL_NO_INFLOW_MS) {
    await ctx.event('SOLUTION_FILL_SOURCE_EMPTY', { flow_ms: flowMs });
    return { kind: 'fail', code: 'single_tank_fill_no_inflow' };
  }
  if (!deadlinePassed(ctx)) return wait(LEVEL_POLL_MS);
  await ctx.event('SOLUTION_FILL_TIMEOUT', { flow_ms: flowMs });
  return {
    kind: 'fail',
    code: 'single_tank_not_filled_timeout',
    alert: {
      code: 'biz_solution_fill_timeout',
      severity: 'warning',
      message: `The reservoir did not fill in ${SINGLE_FILL_TIMEOUT_MS / 1000} s`,
      details: { timeout_sec: SINGLE_FILL_TIMEOUT_MS / 1000 },
    },
  };
}

export const singleTankPrepare: Workflow = {
  kind: 'cycle_start',
  firstStage: 'startup',
  firstDeadlineMs: STARTUP_HOLD_MS,
  stages: {
    startup: startupStage('single_tank', route),
    fill_start: fillStart,
    fill_check: fillCheck,
    ...SINGLE_TANK_MIX_STAGES,
    complete_ready: () => Promise.resolve({ kind: 'complete', outcome: 'ready', phase: 'ready' }),
    stopped_by_operator: stoppedByOperator,
  },
  phaseOf(stage) {
    if (stage === 'startup') return 'idle';
    if (stage.startsWith('fill_')) return 'tank_filling';
    if (stage.startsWith('mix_')) return 'tank_recirc';
    return null;
  },
  flowPath: true,
  holds: {
    fill_check: { stop: TANK_FILL_STOP, resume: 'fill_start' },
    mix_check: { stop: MIX_STOP, resume: 'mix_start' },
  },
  manualSteps: {
    startup: ['fill_start', 'mix_start'],
    fill_start: ['fill_start', 'fill_stop'],
    fill_check: ['fill_start', 'fill_stop'],
    mix_start: ['mix_start', 'mix_stop'],
    mix_check: ['mix_start', 'mix_stop'],
  },
};
