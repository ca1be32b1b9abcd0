import type { StageContext, StageHandler, StepResult, Workflow } from '../workflow.js';
import {
  DRAIN_TIMEOUT_MS,
  GATE_TIMEOUT_MS,
  LEVEL_POLL_MS,
  OPERATOR_POLL_MS,
} from './tank-config.js';
import { readLevels } from './tank-levels.js';
import { DRAIN_START, DRAIN_STOP, allFlowOff } from './tank-plans.js';
import {
  SOLUTION_CHANGE_ABORTED,
  deadlinePassed,
  operatorStop,
  wait,
  waitWithin,
} from './tank-steps.js';
import {
  TWO_TANK_FLOW_STEPS,
  TWO_TANK_HOLDS,
  twoTankFlowPhase,
  twoTankFlowStages,
} from './tank-two-tank-flow.js';

/**
 * `solution_change` on a two-tank zone in `ready` (reference-domain §5.6): the old solution is
 * drained and a new tank prepared, with two operator gates no scheduler can pass.
 *
 * start (all flow OFF) → G1 await_operator_drain_confirm → solution_drain_start/check
 *   → clean_fill_* → solution_fill_* (calcium in-flow) → G2 await_operator_refill_confirm
 *   → prepare_recirculation_* → ready
 *
 * `solution_change_abort` (any stage, any mode) stops everything and leaves the zone `idle`.
 */

const ABORT = 'solution_change_abort';

async function start(ctx: StageContext): Promise<StepResult> {
  if (ctx.zone.workflowPhase !== 'ready') {
    await ctx.event('SOLUTION_CHANGE_REJECTED', {
      reason: 'not_ready',
      phase: ctx.zone.workflowPhase,
    });
    return { kind: 'fail', code: 'solution_change_requires_ready' };
  }
  if (!(await ctx.io.has('valve_drain'))) {
    await ctx.event('SOLUTION_CHANGE_REJECTED', { reason: 'valve_drain_not_bound' });
    return { kind: 'fail', code: 'solution_change_drain_not_bound' };
  }
  await ctx.event('SOLUTION_CHANGE_STARTED', {});
  return {
    kind: 'plan',
    name: 'solution_change_flow_off',
    steps: await allFlowOff(ctx.io, 'two_tank'),
    then: 'await_operator_drain_confirm',
    thenDeadlineMs: GATE_TIMEOUT_MS,
    failCode: 'flow_stop_unconfirmed',
  };
}

/** An operator gate: only its confirm step passes it; abort ends the change. */
function gate(name: 'G1' | 'G2', confirm: string, next: string): StageHandler {
  return async (ctx) => {
    const step = ctx.takeOperatorStep();
    if (step === confirm) {
      await ctx.event('SOLUTION_CHANGE_GATE_PASSED', { gate: name, step });
      return { kind: 'goto', stage: next };
    }
    if (step === ABORT) {
      await ctx.event('OPERATOR_STOP_APPLIED', { step, gate: name });
      return {
        kind: 'plan',
        name: ABORT,
        steps: await allFlowOff(ctx.io, 'two_tank'),
        then: SOLUTION_CHANGE_ABORTED,
        failCode: 'flow_stop_unconfirmed',
      };
    }
    if (step !== null) await ctx.event('OPERATOR_STEP_IGNORED', { step, gate: name });
    if (deadlinePassed(ctx)) {
      await ctx.event('SOLUTION_CHANGE_OPERATOR_TIMEOUT', { gate: name });
      return { kind: 'fail', code: 'solution_change_operator_timeout' };
    }
    return waitWithin(ctx, OPERATOR_POLL_MS);
  };
}

function drainStart(ctx: StageContext): Promise<StepResult> {
  delete ctx.state.flowSince;
  return Promise.resolve({
    kind: 'plan',
    name: 'solution_drain_start',
    steps: DRAIN_START,
    then: 'solution_drain_check',
    thenDeadlineMs: DRAIN_TIMEOUT_MS,
  });
}

/** Drain until `level_solution_min` clears (the pump inlet is dry from there on). */
async function drainCheck(ctx: StageContext): Promise<StepResult> {
  const stop = await operatorStop(ctx, DRAIN_STOP);
  if (stop) return stop;
  const read = await readLevels(ctx, ['level_solution_min', 'level_solution_max']);
  if (read.kind === 'stop') return read.result;
  if (!read.levels.level_solution_min) {
    await ctx.event('SOLUTION_CHANGE_DRAINED', {});
    return {
      kind: 'plan',
      name: 'solution_drain_stop',
      steps: DRAIN_STOP,
      then: 'clean_fill_start',
      failCode: 'flow_stop_unconfirmed',
    };
  }
  if (!deadlinePassed(ctx)) return wait(LEVEL_POLL_MS);
  return {
    kind: 'fail',
    code: 'solution_tank_not_drained_timeout',
    alert: {
      code: 'biz_solution_drain_timeout',
      severity: 'warning',
      message: `The solution tank did not drain in ${DRAIN_TIMEOUT_MS / 1000} s`,
      details: { timeout_sec: DRAIN_TIMEOUT_MS / 1000 },
    },
  };
}

async function completed(ctx: StageContext): Promise<StepResult> {
  await ctx.event('SOLUTION_CHANGE_COMPLETED', {});
  return { kind: 'complete', outcome: 'ready', phase: 'ready' };
}

async function aborted(ctx: StageContext): Promise<StepResult> {
  await ctx.event('SOLUTION_CHANGE_ABORTED', {});
  return { kind: 'complete', outcome: 'aborted', phase: 'idle' };
}

const withAbort = (steps: Record<string, readonly string[]>) =>
  Object.fromEntries(Object.entries(steps).map(([stage, list]) => [stage, [...list, ABORT]]));

export const solutionChange: Workflow = {
  kind: 'solution_change',
  firstStage: 'solution_change_start',
  firstDeadlineMs: null,
  stages: {
    solution_change_start: start,
    await_operator_drain_confirm: gate('G1', 'solution_drain_confirm', 'solution_drain_start'),
    solution_drain_start: drainStart,
    solution_drain_check: drainCheck,
    ...twoTankFlowStages({
      afterFill: () => ({ stage: 'await_operator_refill_confirm', deadlineMs: GATE_TIMEOUT_MS }),
      // Back to a fresh fill: the clean fill ends at once when the clean tank is still full.
      lowWater: { stage: 'clean_fill_start', deadlineMs: null },
    }),
    await_operator_refill_confirm: gate(
      'G2',
      'solution_refill_confirm',
      'prepare_recirculation_start',
    ),
    complete_ready: completed,
    [SOLUTION_CHANGE_ABORTED]: aborted,
  },
  phaseOf(stage) {
    if (stage.startsWith('solution_drain')) return 'idle';
    return twoTankFlowPhase(stage);
  },
  flowPath: true,
  holds: {
    ...TWO_TANK_HOLDS,
    solution_drain_check: { stop: DRAIN_STOP, resume: 'solution_drain_start' },
  },
  manualSteps: withAbort({
    solution_change_start: [],
    await_operator_drain_confirm: ['solution_drain_confirm'],
    solution_drain_start: ['solution_drain_start', 'solution_drain_stop'],
    solution_drain_check: ['solution_drain_start', 'solution_drain_stop'],
    ...TWO_TANK_FLOW_STEPS,
    await_operator_refill_confirm: ['solution_refill_confirm'],
  }),
};
