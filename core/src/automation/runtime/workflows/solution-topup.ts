import type { StageContext, StepResult, Workflow } from '../workflow.js';
import {
  LEAK_DELAY_MS,
  LEVEL_POLL_MS,
  SOURCE_EMPTY_DELAY_MS,
  TOPUP_COOLDOWN_MS,
  TOPUP_TIMEOUT_MS,
} from './tank-config.js';
import { readLevels } from './tank-levels.js';
import { SOLUTION_FILL_STOP, solutionFillStart } from './tank-plans.js';
import { deadlinePassed, flowForMs, operatorStop, pumpRest, wait } from './tank-steps.js';

/**
 * `solution_topup` on a two-tank zone in `ready` (reference-domain §5.5): clean water is pumped
 * into a half-empty solution tank (`level_solution_min` set, `level_solution_max` clear) until it
 * is full again. No chemistry, and the zone's phase stays `ready`.
 *
 * guard → start (solution fill plan) → check → stop → complete
 *
 * Triggers (the max switch falling, a scheduler tick, the operator) start the task; the guard
 * decides whether a top-up is due. `payload.mode = 'force'` skips the cooldown, never the guards.
 */

const LAST_TOPUP_KEY = 'last_topup_at';

const skip = async (ctx: StageContext, reason: string, detail: Record<string, unknown> = {}) => {
  await ctx.event('SOLUTION_TOPUP_SKIPPED', { reason, ...detail });
  return { kind: 'complete', outcome: `skipped_${reason}` } as const;
};

async function guard(ctx: StageContext): Promise<StepResult> {
  if (ctx.zone.workflowPhase !== 'ready')
    return skip(ctx, 'not_ready', { phase: ctx.zone.workflowPhase });
  const read = await readLevels(ctx, [
    'level_clean_min',
    'level_solution_min',
    'level_solution_max',
  ]);
  if (read.kind === 'stop') return read.result;
  const { levels } = read;
  if (levels.level_solution_max) return skip(ctx, 'full');
  // An empty solution tank is the depletion guard's business (§5.4): it needs a new preparation.
  if (!levels.level_solution_min) return skip(ctx, 'depleted');
  const last = (await ctx.zoneMemory())[LAST_TOPUP_KEY];
  const force = ctx.task.payload.mode === 'force';
  if (!force && typeof last === 'number' && ctx.now - last < TOPUP_COOLDOWN_MS)
    return skip(ctx, 'cooldown', { last_topup_at: new Date(last).toISOString() });
  if (!levels.level_clean_min) {
    await ctx.event('SOLUTION_TOPUP_SOURCE_EMPTY', { at: 'guard' });
    return sourceEmpty();
  }
  await ctx.event('SOLUTION_TOPUP_STARTED', { force });
  return { kind: 'goto', stage: 'solution_topup_start' };
}

function start(ctx: StageContext): Promise<StepResult> {
  const rest = pumpRest(ctx);
  if (rest) return Promise.resolve(rest);
  delete ctx.state.flowSince;
  return Promise.resolve({
    kind: 'plan',
    name: 'solution_topup_start',
    steps: solutionFillStart(TOPUP_TIMEOUT_MS),
    then: 'solution_topup_check',
    thenDeadlineMs: TOPUP_TIMEOUT_MS,
  });
}

async function check(ctx: StageContext): Promise<StepResult> {
  const stop = await operatorStop(ctx, SOLUTION_FILL_STOP);
  if (stop) return stop;
  const read = await readLevels(ctx, [
    'level_clean_min',
    'level_solution_min',
    'level_solution_max',
  ]);
  if (read.kind === 'stop') return read.result;
  const { levels } = read;
  const flowMs = flowForMs(ctx);
  if (levels.level_solution_max) {
    return {
      kind: 'plan',
      name: 'solution_topup_stop',
      steps: SOLUTION_FILL_STOP,
      then: 'solution_topup_done',
      failCode: 'flow_stop_unconfirmed',
    };
  }
  if (flowMs >= SOURCE_EMPTY_DELAY_MS && !levels.level_clean_min) {
    await ctx.event('SOLUTION_TOPUP_SOURCE_EMPTY', { flow_ms: flowMs });
    return sourceEmpty();
  }
  if (flowMs >= LEAK_DELAY_MS && !levels.level_solution_min) {
    await ctx.event('SOLUTION_TOPUP_LEAK_DETECTED', { flow_ms: flowMs });
    return {
      kind: 'fail',
      code: 'solution_topup_leak_detected',
      alert: {
        code: 'biz_solution_topup_leak',
        severity: 'error',
        message: 'The solution tank lost its minimum level while being topped up',
        details: { flow_ms: flowMs },
      },
    };
  }
  if (!deadlinePassed(ctx)) return wait(LEVEL_POLL_MS);
  await ctx.event('SOLUTION_TOPUP_TIMEOUT', { flow_ms: flowMs });
  return {
    kind: 'fail',
    code: 'solution_topup_timeout',
    alert: {
      code: 'biz_solution_topup_timeout',
      severity: 'warning',
      message: `The solution tank was not topped up in ${TOPUP_TIMEOUT_MS / 1000} s`,
      details: { timeout_sec: TOPUP_TIMEOUT_MS / 1000 },
    },
  };
}

function sourceEmpty(): StepResult {
  return {
    kind: 'fail',
    code: 'solution_topup_source_empty',
    alert: {
      code: 'biz_solution_topup_source_empty',
      severity: 'error',
      message: 'The clean tank is empty: the solution tank cannot be topped up',
    },
  };
}

async function done(ctx: StageContext): Promise<StepResult> {
  await ctx.rememberForZone({ [LAST_TOPUP_KEY]: ctx.now });
  await ctx.event('SOLUTION_TOPUP_DONE', {});
  return { kind: 'complete', outcome: 'completed' };
}

export const solutionTopup: Workflow = {
  kind: 'solution_topup',
  firstStage: 'solution_topup_guard',
  firstDeadlineMs: null,
  stages: {
    solution_topup_guard: guard,
    solution_topup_start: start,
    solution_topup_check: check,
    solution_topup_done: done,
    // A stopped top-up leaves a usable tank: the zone stays `ready`.
    stopped_by_operator: () =>
      Promise.resolve({ kind: 'complete', outcome: 'stopped_by_operator' }),
  },
  // Top-up runs inside `ready` and never changes the phase (a failure still drops it to idle).
  phaseOf: () => null,
  flowPath: true,
  holds: { solution_topup_check: { stop: SOLUTION_FILL_STOP, resume: 'solution_topup_start' } },
  manualSteps: {
    solution_topup_start: ['solution_topup_start', 'solution_topup_stop'],
    solution_topup_check: ['solution_topup_start', 'solution_topup_stop'],
  },
};
