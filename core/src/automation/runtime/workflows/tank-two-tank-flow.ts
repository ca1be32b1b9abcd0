import { correctionTick, resetCorrection } from '../correction/runner.js';
import type { StageContext, StageHandler, StepResult } from '../workflow.js';
import {
  CLEAN_FILL_RETRY_CYCLES,
  CLEAN_FILL_TIMEOUT_MS,
  LEAK_DELAY_MS,
  LEVEL_POLL_MS,
  RECIRC_WINDOW_MS,
  SOLUTION_FILL_TIMEOUT_MS,
  SOURCE_EMPTY_DELAY_MS,
} from './tank-config.js';
import { readLevels } from './tank-levels.js';
import { baselineMissing, captureBaseline } from './tank-baseline.js';
import { circulate, openWindow, type Circulation } from './tank-recirculation.js';
import {
  CLEAN_FILL_START,
  CLEAN_FILL_STOP,
  RECIRCULATION_STOP,
  SOLUTION_FILL_STOP,
  recirculationStart,
  solutionFillStart,
} from './tank-plans.js';
import {
  count,
  deadlinePassed,
  flowForMs,
  operatorStop,
  pumpRest,
  readiness,
  stopPlan,
  stoppedByOperator,
  wait,
  type Route,
} from './tank-steps.js';

/**
 * The flow stages of two-tank preparation (reference-domain §5.2), shared by `cycle_start` and
 * `solution_change`: clean fill → solution fill with in-flow calcium → recirculation with the
 * full correction pipeline. Each `*_start` stage opens its flow path by plan and enters its
 * `*_check` stage with the stage deadline; each check polls the level switches, runs its guards
 * and the correction, and leaves by a stop plan.
 */

export interface TwoTankRoutes {
  /** Where a full solution tank goes, by whether pH and EC already meet the ready band. */
  afterFill(ready: boolean): Route;
  /** Where recirculation goes when the solution tank runs low (a re-fill, not a failure). */
  lowWater: Route;
}

function cleanFillStart(ctx: StageContext): Promise<StepResult> {
  delete ctx.state.flowSince;
  return Promise.resolve({
    kind: 'plan',
    name: 'clean_fill_start',
    steps: CLEAN_FILL_START,
    then: 'clean_fill_check',
    thenDeadlineMs: CLEAN_FILL_TIMEOUT_MS,
  });
}

async function cleanFillCheck(ctx: StageContext): Promise<StepResult> {
  const stop = await operatorStop(ctx, CLEAN_FILL_STOP);
  if (stop) return stop;
  const read = await readLevels(ctx, ['level_clean_min', 'level_clean_max']);
  if (read.kind === 'stop') return read.result;
  if (read.levels.level_clean_max) {
    await ctx.event('CLEAN_FILL_COMPLETED', { attempt: count(ctx.state.cleanFillRetries) + 1 });
    delete ctx.state.cleanFillRetries;
    return stopPlan('clean_fill_stop', CLEAN_FILL_STOP, {
      stage: 'solution_fill_start',
      deadlineMs: null,
    });
  }
  if (!deadlinePassed(ctx)) return wait(LEVEL_POLL_MS);
  const retries = count(ctx.state.cleanFillRetries);
  if (retries < CLEAN_FILL_RETRY_CYCLES) {
    ctx.state.cleanFillRetries = retries + 1;
    await ctx.event('CLEAN_FILL_RETRY', { attempt: retries + 2, of: CLEAN_FILL_RETRY_CYCLES + 1 });
    return { kind: 'goto', stage: 'clean_fill_start' };
  }
  await ctx.event('CLEAN_FILL_TIMEOUT', { attempts: retries + 1 });
  return {
    kind: 'fail',
    code: 'clean_tank_not_filled_timeout',
    alert: {
      code: 'biz_clean_fill_timeout',
      severity: 'warning',
      message: `The clean tank did not fill in ${retries + 1} attempts of ${CLEAN_FILL_TIMEOUT_MS / 1000} s`,
      details: { attempts: retries + 1, timeout_sec: CLEAN_FILL_TIMEOUT_MS / 1000 },
    },
  };
}

function solutionFillStartStage(ctx: StageContext): Promise<StepResult> {
  const rest = pumpRest(ctx);
  if (rest) return Promise.resolve(rest);
  delete ctx.state.flowSince;
  delete ctx.state.fillCorrection;
  // A new fill is a new preparation: the correction opens a new window (probes re-activated).
  resetCorrection(ctx.state);
  return Promise.resolve({
    kind: 'plan',
    name: 'solution_fill_start',
    steps: solutionFillStart(SOLUTION_FILL_TIMEOUT_MS),
    then: 'solution_fill_check',
    thenDeadlineMs: SOLUTION_FILL_TIMEOUT_MS,
  });
}

async function solutionFillCheck(ctx: StageContext, routes: TwoTankRoutes): Promise<StepResult> {
  const stop = await operatorStop(ctx, SOLUTION_FILL_STOP);
  if (stop) return stop;
  const read = await readLevels(ctx, [
    'level_clean_min',
    'level_solution_min',
    'level_solution_max',
  ]);
  if (read.kind === 'stop') return read.result;
  const { levels } = read;
  if (levels.level_solution_max) return solutionTankFull(ctx, routes);
  const flowMs = flowForMs(ctx);
  if (flowMs >= SOURCE_EMPTY_DELAY_MS && !levels.level_clean_min) {
    await ctx.event('SOLUTION_FILL_SOURCE_EMPTY', { flow_ms: flowMs });
    return { kind: 'fail', code: 'solution_fill_source_empty' };
  }
  if (flowMs >= LEAK_DELAY_MS && !levels.level_solution_min) {
    await ctx.event('SOLUTION_FILL_LEAK_DETECTED', { flow_ms: flowMs });
    return { kind: 'fail', code: 'solution_fill_leak_detected' };
  }
  if (deadlinePassed(ctx)) {
    await ctx.event('SOLUTION_FILL_TIMEOUT', { flow_ms: flowMs });
    return {
      kind: 'fail',
      code: 'solution_tank_not_filled_timeout',
      alert: {
        code: 'biz_solution_fill_timeout',
        severity: 'warning',
        message: `The solution tank did not fill in ${SOLUTION_FILL_TIMEOUT_MS / 1000} s`,
        details: { timeout_sec: SOLUTION_FILL_TIMEOUT_MS / 1000 },
      },
    };
  }
  return fillCorrection(ctx);
}

/** Calcium in-flow (reference-domain §4.1): one window for the whole fill. */
async function fillCorrection(ctx: StageContext): Promise<StepResult> {
  if (ctx.state.fillCorrection === 'done') return wait(LEVEL_POLL_MS);
  const outcome = await correctionTick(ctx, 'solution_fill');
  switch (outcome.kind) {
    case 'continue':
      return outcome.result;
    case 'done':
      ctx.state.fillCorrection = 'done';
      return wait(LEVEL_POLL_MS);
    // §4.8: a fill whose correction gave up (no effect) stops terminally.
    case 'exhausted':
    case 'fail':
      return {
        kind: 'fail',
        code: outcome.code,
        ...(outcome.alert ? { alert: outcome.alert } : {}),
      };
    // The solution tank is still filling up to its minimum: the leak guard watches that.
    case 'low_water':
      return wait(LEVEL_POLL_MS);
  }
}

async function solutionTankFull(ctx: StageContext, routes: TwoTankRoutes): Promise<StepResult> {
  // Judged before the stop: the probes read only while the solution flows past them.
  const ready = await readiness(ctx);
  await ctx.event('SOLUTION_FILL_COMPLETED', {
    ready: ready.ready,
    ph: ready.ph,
    ec: ready.ec,
    reason: ready.reason,
  });
  return stopPlan('solution_fill_stop', SOLUTION_FILL_STOP, routes.afterFill(ready.ready));
}

const recirculation = (lowWater: Route): Circulation => ({
  start: 'prepare_recirculation_start',
  check: 'prepare_recirculation_check',
  stop: RECIRCULATION_STOP,
  lowWater,
});

const completeReady: StageHandler = () =>
  Promise.resolve({ kind: 'complete', outcome: 'ready', phase: 'ready' });

export function twoTankFlowStages(routes: TwoTankRoutes): Record<string, StageHandler> {
  return {
    clean_fill_start: cleanFillStart,
    clean_fill_check: cleanFillCheck,
    solution_fill_start: solutionFillStartStage,
    solution_fill_check: (ctx) => solutionFillCheck(ctx, routes),
    prepare_recirculation_start: (ctx) =>
      Promise.resolve(
        openWindow(ctx, recirculation(routes.lowWater), recirculationStart(RECIRC_WINDOW_MS)),
      ),
    prepare_recirculation_check: (ctx) =>
      circulate(ctx, recirculation(routes.lowWater), async (c) =>
        (await baselineMissing(c)) ? captureBaseline(c, 'solution_tank') : null,
      ),
    complete_ready: completeReady,
    stopped_by_operator: stoppedByOperator,
  };
}

/** Flow stages parked by manual (and semi) mode: their stop plan and where they resume. */
export const TWO_TANK_HOLDS = {
  clean_fill_check: { stop: CLEAN_FILL_STOP, resume: 'clean_fill_start' },
  solution_fill_check: { stop: SOLUTION_FILL_STOP, resume: 'solution_fill_start' },
  prepare_recirculation_check: { stop: RECIRCULATION_STOP, resume: 'prepare_recirculation_start' },
} as const;

const startStop = (flow: string) => [`${flow}_start`, `${flow}_stop`];

/** Operator steps of the flow stages (reference-domain §8.1). */
export const TWO_TANK_FLOW_STEPS: Record<string, readonly string[]> = {
  clean_fill_start: startStop('clean_fill'),
  clean_fill_check: startStop('clean_fill'),
  solution_fill_start: startStop('solution_fill'),
  solution_fill_check: startStop('solution_fill'),
  prepare_recirculation_start: startStop('prepare_recirculation'),
  prepare_recirculation_check: startStop('prepare_recirculation'),
};

/** The zone phase of the two-tank flow stages. */
export function twoTankFlowPhase(stage: string): 'tank_filling' | 'tank_recirc' | null {
  if (stage.startsWith('clean_fill') || stage.startsWith('solution_fill')) return 'tank_filling';
  if (stage.startsWith('prepare_recirculation')) return 'tank_recirc';
  return null;
}
