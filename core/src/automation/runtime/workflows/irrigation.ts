import { isTerminalCommandStatus } from '../../../contracts/mqtt/enums.js';
import type { ZoneTopology } from '../../../contracts/zones.js';
import { correctionTick, resetCorrection } from '../correction/runner.js';
import { nextPlanCmdId } from '../plan-runner.js';
import { MANUAL_HOLD } from '../task-stepper.js';
import type { StageContext, StageHandler, StepResult, Workflow } from '../workflow.js';
import { pumpRest } from './tank-steps.js';
import { AWAIT_READY_MS, awaitReady, decisionGate, goto, wait } from './irrigation-gate.js';
import {
  IRRIGATION_STOP,
  MAX_PUMP_RUN_SEC,
  irrigationDuration,
  irrigationFlow,
  missingActuator,
  stopPlan,
} from './irrigation-plans.js';

/**
 * The irrigation workflow (reference-domain §5.3), both topologies:
 * `await_ready` → `decision_gate` → `irrigation_start` (plan) → `irrigation_check` → stop plan →
 * `irrigation_done` (completed_run, phase ready) | `irrigation_stopped` (operator) |
 * `irrigation_solution_low` (tank ran low: phase idle, preparation must run again).
 *
 * Back to setup, in our one-task-per-zone model: the reference sends the same task back to its
 * `startup` stage. Here the task ends with `solution_low_back_to_setup` and the zone goes `idle`,
 * so irrigation is refused (`start_irrigation_setup_pending`) until a new `cycle_start` prepares
 * the tank. The replay budget (`max_setup_replays` = 1) counts such endings in zone memory
 * (`irrigation_setup_replays`, cleared by a completed run): the second one in a row fails with
 * `irrigation_solution_min_replay_exhausted` and alert `biz_irrigation_replay_exhausted`.
 */

/** `level_poll_interval_sec`: how often a running irrigation looks at the tank and the clock. */
export const CHECK_POLL_MS = 2_000;
export const MAX_SETUP_REPLAYS = 1;

/** The run's memory in `state.irr`: the time served survives a manual hold. */
interface RunState {
  duration_ms: number;
  served_ms: number;
  /** The last check step, null right after the flow (re)opened. */
  last_at: number | null;
  /** Inline pH correction still wanted (off once done or exhausted, §4.1). */
  correction: boolean;
  /** The pump's timed run now going (its cmd_id), null before the first start. */
  pump_cmd: string | null;
}

const runOf = (ctx: StageContext) => ctx.state.irr as RunState | undefined;

/** First entry plans the run; after a manual hold it re-opens the flow for the time left. */
function irrigationStart(topology: ZoneTopology): StageHandler {
  return async (ctx) => {
    let run = runOf(ctx);
    if (!run) {
      const planned = await planRun(ctx, topology);
      if ('kind' in planned) return planned;
      run = planned;
      ctx.state.irr = run;
    }
    const level = await ctx.io.level('level_solution_min');
    // Nothing flows yet: a level not reported lately (nodes reconnecting after a restart) is
    // waited for a little before the run is refused.
    if (level.triggered === null)
      return ctx.now - ctx.task.stageStartedAt < START_LEVEL_WAIT_MS ? wait(2_000) : failStale();
    if (!level.triggered) {
      await ctx.event('IRRIGATION_SOLUTION_LOW', { served_ms: run.served_ms });
      return goto('irrigation_solution_low');
    }
    const remaining = run.duration_ms - run.served_ms;
    if (remaining <= 0) return goto('irrigation_done');
    run.last_at = null;
    resetCorrection(ctx.state);
    // A stage the engine would park at once (manual, semi): do not pulse the pump for nothing.
    if (parksFlow(ctx)) return goto('irrigation_check', remaining);
    // The node refuses to restart pump_main right after a stop (a preparation that just ended).
    const rest = pumpRest(ctx);
    if (rest) return rest;
    const steps = irrigationFlow(topology, remaining);
    run.pump_cmd = nextPlanCmdId(ctx.task.id, ctx.state, steps.length - 1);
    return {
      kind: 'plan',
      name: 'irrigation_start',
      steps,
      then: 'irrigation_check',
      thenDeadlineMs: remaining,
      failCode: 'irrigation_start_failed',
    };
  };
}

async function planRun(
  ctx: StageContext,
  topology: ZoneTopology,
): Promise<RunState | Extract<StepResult, { kind: 'fail' }>> {
  const duration = irrigationDuration(ctx.task.payload, ctx.targets);
  if (!duration.ok) {
    return {
      kind: 'fail',
      code: 'irrigation_duration_exceeds_pump_limit',
      alert: {
        code: 'biz_irrigation_config_invalid',
        message: `Irrigation of ${duration.durationSec} s exceeds one pump run (${MAX_PUMP_RUN_SEC} s)`,
        details: { duration_sec: duration.durationSec },
      },
    };
  }
  const missing = await missingActuator(ctx.io, topology);
  if (missing) {
    return {
      kind: 'fail',
      code: 'irrigation_actuator_not_bound',
      alert: {
        code: 'biz_irrigation_config_invalid',
        message: `Irrigation needs ${missing} bound to a node channel`,
        details: { role: missing },
      },
    };
  }
  await ctx.event('IRRIGATION_DECISION_SNAPSHOT_LOCKED', {
    duration_sec: duration.durationSec,
    duration_source: duration.source,
    topology,
  });
  return {
    duration_ms: duration.durationSec * 1000,
    served_ms: 0,
    last_at: null,
    correction: true,
    pump_cmd: null,
  };
}

function irrigationCheck(topology: ZoneTopology): StageHandler {
  return async (ctx) => {
    const run = runOf(ctx);
    if (!run) return { kind: 'fail', code: 'irrigation_state_missing' };
    if (run.last_at !== null) run.served_ms += Math.max(0, ctx.now - run.last_at);
    run.last_at = ctx.now;
    if (ctx.takeOperatorStep() === 'irrigation_stop')
      return stop(ctx, topology, 'irrigation_stopped');
    const level = await ctx.io.level('level_solution_min');
    if (level.triggered === null) return failStale();
    if (!level.triggered) return solutionLow(ctx, topology);
    const pump = await pumpRun(ctx, run);
    if (pump === 'failed') return { kind: 'fail', code: 'irrigation_pump_run_failed' };
    // The node's own guard stopped the pump before the tank level reached us.
    if (pump === 'solution_low') return solutionLow(ctx, topology);
    const remaining = run.duration_ms - run.served_ms;
    if (remaining <= 0 || pump === 'ended') return stop(ctx, topology, 'irrigation_done');
    const poll = Math.min(CHECK_POLL_MS, remaining);
    if (!run.correction) return wait(poll);
    const outcome = await correctionTick(ctx, 'irrigation');
    switch (outcome.kind) {
      case 'continue':
        // The correction's own retry delays must not hold up the tank and duration checks.
        return outcome.result.kind === 'wait'
          ? wait(Math.min(outcome.result.delayMs, poll))
          : outcome.result;
      case 'done':
        run.correction = false;
        return wait(poll);
      case 'exhausted':
        run.correction = false;
        await ctx.alert(
          outcome.alert ?? {
            code: 'biz_irrigation_correction_exhausted',
            message: `pH correction during irrigation gave up: ${outcome.code}`,
            details: { task_id: ctx.task.id, code: outcome.code },
          },
        );
        return wait(poll);
      case 'fail':
        return { kind: 'fail', code: outcome.code, alert: outcome.alert };
      case 'low_water':
        return solutionLow(ctx, topology);
    }
  };
}

async function stop(ctx: StageContext, topology: ZoneTopology, then: string): Promise<StepResult> {
  return {
    kind: 'plan',
    name: 'irrigation_stop',
    steps: await stopPlan(ctx.io, topology),
    then,
    failCode: 'irrigation_stop_failed',
  };
}

async function solutionLow(ctx: StageContext, topology: ZoneTopology): Promise<StepResult> {
  await ctx.event('IRRIGATION_SOLUTION_LOW', { served_ms: runOf(ctx)?.served_ms ?? 0 });
  return stop(ctx, topology, 'irrigation_solution_low');
}

/**
 * The pump's timed run: still going, ended (the node's DONE when its time was up), stopped by
 * the node's low-solution guard (DONE with that reason), or failed (any other terminal status).
 */
async function pumpRun(
  ctx: StageContext,
  run: RunState,
): Promise<'running' | 'ended' | 'solution_low' | 'failed'> {
  if (run.pump_cmd === null) return 'running';
  const status = await ctx.io.status(run.pump_cmd);
  if (status === null || !isTerminalCommandStatus(status)) return 'running';
  if (status !== 'DONE') return 'failed';
  const details = await ctx.io.details(run.pump_cmd);
  return details?.reason_code === 'irrigation_solution_low' ? 'solution_low' : 'ended';
}

/** How long irrigation_start waits for a fresh tank level before it refuses the run. */
const START_LEVEL_WAIT_MS = 60_000;

const failStale = (): StepResult => ({ kind: 'fail', code: 'irrigation_solution_level_stale' });

/** The flow is stopped: the tank must be prepared again, within the replay budget. */
const afterSolutionLow: StageHandler = async (ctx) => {
  const memory = await ctx.zoneMemory();
  const replays =
    typeof memory.irrigation_setup_replays === 'number' ? memory.irrigation_setup_replays : 0;
  if (replays >= MAX_SETUP_REPLAYS) {
    return {
      kind: 'fail',
      code: 'irrigation_solution_min_replay_exhausted',
      alert: {
        code: 'biz_irrigation_replay_exhausted',
        message: 'The solution tank ran low during irrigation again after a new preparation',
        details: { replays, max_setup_replays: MAX_SETUP_REPLAYS },
      },
    };
  }
  await ctx.rememberForZone({ irrigation_setup_replays: replays + 1 });
  await ctx.event('IRRIGATION_STOP_TO_SETUP', {
    replays: replays + 1,
    max_setup_replays: MAX_SETUP_REPLAYS,
  });
  return { kind: 'complete', outcome: 'solution_low_back_to_setup', phase: 'idle' };
};

const done: StageHandler = async (ctx) => {
  await ctx.rememberForZone({ irrigation_setup_replays: null });
  return { kind: 'complete', outcome: 'completed_run', phase: 'ready' };
};

/** The tank is still prepared: an operator stop leaves the zone ready. */
const stopped: StageHandler = () =>
  Promise.resolve({ kind: 'complete', outcome: 'stopped_by_operator', phase: 'ready' });

/** Mirrors the engine's parking rule (reference-domain §8.1). */
function parksFlow(ctx: StageContext): boolean {
  if (ctx.mode === 'manual') return true;
  const settings = ctx.zone.settings as { semi_allows_active_flow?: boolean };
  return ctx.mode === 'semi' && settings.semi_allows_active_flow !== true;
}

const PHASES: Readonly<Record<string, 'irrigating' | 'ready'>> = {
  irrigation_start: 'irrigating',
  irrigation_check: 'irrigating',
  // Parked with the flow stopped, the tank is still prepared.
  [MANUAL_HOLD]: 'ready',
};

function irrigationWorkflow(topology: ZoneTopology): Workflow {
  return {
    kind: 'irrigation',
    firstStage: 'await_ready',
    firstDeadlineMs: AWAIT_READY_MS,
    stages: {
      await_ready: awaitReady,
      decision_gate: decisionGate,
      irrigation_start: irrigationStart(topology),
      irrigation_check: irrigationCheck(topology),
      irrigation_done: done,
      irrigation_stopped: stopped,
      irrigation_solution_low: afterSolutionLow,
    },
    phaseOf: (stage) => PHASES[stage] ?? null,
    flowPath: true,
    holds: { irrigation_check: { stop: IRRIGATION_STOP[topology], resume: 'irrigation_start' } },
    manualSteps: { irrigation_check: ['irrigation_stop'] },
  };
}

export const IRRIGATION_WORKFLOWS: Record<ZoneTopology, Workflow> = {
  two_tank: irrigationWorkflow('two_tank'),
  single_tank: irrigationWorkflow('single_tank'),
};
