import { HydroError } from '../../runtime/errors.js';
import type { TaskRecord } from '../../storage/automation-types.js';
import type { ZoneRecord } from '../../storage/domain-types.js';
import { requiredNodesGuard } from './node-guard.js';
import { PLAN_POLL_MS, planOf, planProgress, startPlan } from './plan-runner.js';
import type { RuntimeContext } from './runtime-context.js';
import { completeTask, failTask, raiseIntent, saveTask, setPhase } from './task-outcomes.js';
import type { StageContext, StepResult, Workflow } from './workflow.js';
import type { ZoneIo } from './zone-io.js';

/** Manual hold (reference-domain §8.1): the operator has an hour to act before the task fails. */
export const MANUAL_HOLD_MS = 3_600_000;
/** A stage whose handler has not acted on its own deadline within this is failed here. */
export const DEADLINE_GRACE_MS = 30_000;
export const MANUAL_HOLD = 'manual_hold';

interface Run {
  task: TaskRecord;
  state: Record<string, unknown>;
  zone: ZoneRecord;
  workflow: Workflow;
}

/**
 * One step of one task: the command plan in flight first, then manual parking, the deadline
 * safety net and finally the stage's handler. Returns the saved task (null when it ended or
 * someone else saved it first).
 */
export async function stepTask(
  ctx: RuntimeContext,
  io: ZoneIo,
  run: Run,
): Promise<TaskRecord | null> {
  const { task, state, workflow } = run;
  const plan = planOf(state);
  if (plan) return stepPlan(ctx, io, run);
  const mode = run.zone.controlMode;
  const hold = workflow.holds[task.stage];
  // A flow the operator released (startup or manual_hold step) runs in semi/manual until the
  // mode changes again (engine.controlModeChanged forgets the release).
  if (hold && parks(mode, run.zone) && state.operatorFlow !== task.stage) {
    state.held = task.stage;
    await ctx.zoneEvents.record(run.zone.id, 'CONTROL_MODE_FLOW_STOPPED', {
      task_id: task.id,
      stage: task.stage,
      mode,
    });
    return apply(ctx, io, run, {
      kind: 'plan',
      name: 'manual_hold_stop',
      steps: hold.stop,
      then: MANUAL_HOLD,
      thenDeadlineMs: MANUAL_HOLD_MS,
      failCode: 'flow_stop_unconfirmed',
    });
  }
  if (task.stage === MANUAL_HOLD) return apply(ctx, io, run, stepHold(run, ctx.clock.now()));
  if (task.stageDeadlineAt !== null && ctx.clock.now() > task.stageDeadlineAt + DEADLINE_GRACE_MS)
    return apply(ctx, io, run, { kind: 'fail', code: `${task.stage}_deadline_exceeded` });
  if (workflow.flowPath) {
    const gap = await requiredNodesGuard(io, ctx.clock.now(), state);
    if (gap) return apply(ctx, io, run, gap);
  }
  const handler = workflow.stages[task.stage];
  if (!handler) return apply(ctx, io, run, { kind: 'fail', code: 'unknown_stage' });
  const targets = await ctx.targets(run.zone.id);
  const greenhouse = await ctx.storage.greenhouses.byId(run.zone.greenhouseId);
  return apply(ctx, io, run, await handler(stageContext(ctx, io, run, targets, greenhouse)));
}

/** Manual always parks a flow stage; semi parks it unless the zone allows active flow. */
function parks(mode: string, zone: ZoneRecord): boolean {
  if (mode === 'manual') return true;
  if (mode !== 'semi') return false;
  return (zone.settings as { semi_allows_active_flow?: boolean }).semi_allows_active_flow !== true;
}

function stepHold(run: Run, now: number): StepResult {
  const held = run.state.held as string;
  const resume = run.workflow.holds[held]?.resume;
  if (!resume) return { kind: 'fail', code: 'manual_hold_unknown_stage' };
  if (run.zone.controlMode === 'auto') {
    delete run.state.held;
    return { kind: 'goto', stage: resume };
  }
  const step = run.state.operatorStep as string | undefined;
  if (step !== undefined) {
    delete run.state.operatorStep;
    if (step.endsWith('_stop') || step === 'solution_change_abort') {
      // The flow is off already; the workflow's own ending stage (if any) sets the zone phase.
      const ending = step.endsWith('_stop') ? 'stopped_by_operator' : 'solution_change_aborted';
      if (!run.workflow.stages[ending]) return { kind: 'complete', outcome: 'stopped_by_operator' };
      delete run.state.held;
      return { kind: 'goto', stage: ending };
    }
    if ((run.workflow.manualSteps[held] ?? []).includes(step) || step === resume) {
      delete run.state.held;
      run.state.operatorFlow = held;
      return { kind: 'goto', stage: resume };
    }
  }
  if (run.task.stageDeadlineAt !== null && now >= run.task.stageDeadlineAt)
    return { kind: 'fail', code: 'manual_hold_timeout' };
  return { kind: 'wait', delayMs: 1_000 };
}

async function stepPlan(ctx: RuntimeContext, io: ZoneIo, run: Run): Promise<TaskRecord | null> {
  const plan = planOf(run.state)!;
  const progress = await planProgress(run.task, plan, io);
  switch (progress.kind) {
    case 'wait':
      return persist(ctx, run, { dueAt: ctx.clock.now() + PLAN_POLL_MS });
    case 'failed':
      await ctx.zoneEvents.record(run.zone.id, 'COMMAND_PLAN_FAILED', {
        task_id: run.task.id,
        plan: plan.name,
        role: progress.step.role,
        cmd: progress.step.cmd,
        status: progress.status,
      });
      delete run.state.plan;
      return failTask(ctx, io, run, progress.code);
    case 'done':
      delete run.state.plan;
      // A plan that returns to the stage it was started from (a dose inside a correcting stage)
      // continues that stage: same start, same deadline, no stage change.
      if (progress.then === run.task.stage) return persist(ctx, run, { dueAt: ctx.clock.now() });
      return apply(ctx, io, run, {
        kind: 'goto',
        stage: progress.then,
        deadlineMs: progress.thenDeadlineMs,
      });
    case 'send': {
      // Saved before it is sent: after a crash the task knows a command may be out there.
      plan.cmdId = progress.cmdId;
      const saved = await persist(ctx, run, { dueAt: ctx.clock.now() + PLAN_POLL_MS });
      if (!saved) return null;
      try {
        await io.send(progress.step, progress.cmdId);
      } catch (error) {
        const code = error instanceof HydroError ? error.code : 'command_send_failed';
        delete run.state.plan;
        return failTask(ctx, io, { ...run, task: saved }, `${plan.failCode}:${code}`);
      }
      return saved;
    }
  }
}

async function apply(
  ctx: RuntimeContext,
  io: ZoneIo,
  run: Run,
  result: StepResult,
): Promise<TaskRecord | null> {
  const now = ctx.clock.now();
  switch (result.kind) {
    case 'wait':
      return persist(ctx, run, { dueAt: now + result.delayMs });
    case 'goto': {
      await ctx.zoneEvents.record(run.zone.id, 'AE_STAGE_CHANGED', {
        task_id: run.task.id,
        from: run.task.stage,
        to: result.stage,
      });
      const phase = run.workflow.phaseOf(result.stage);
      if (phase) await setPhase(ctx, run.zone, phase);
      const deadline = result.deadlineMs ?? null;
      return persist(ctx, run, {
        stage: result.stage,
        stageStartedAt: now,
        stageDeadlineAt: deadline === null ? null : now + deadline,
        dueAt: now + (result.delayMs ?? 0),
      });
    }
    case 'plan':
      startPlan(run.state, result);
      return persist(ctx, run, { dueAt: now });
    case 'complete':
      return completeTask(ctx, run, result.outcome, result.phase);
    case 'fail':
      return failTask(ctx, io, run, result.code, result.alert);
  }
}

function persist(
  ctx: RuntimeContext,
  run: Run,
  patch: Parameters<typeof saveTask>[2],
): Promise<TaskRecord | null> {
  return saveTask(ctx, run.task, { ...patch, state: run.state });
}

function stageContext(
  ctx: RuntimeContext,
  io: ZoneIo,
  run: Run,
  targets: StageContext['targets'],
  greenhouse: { timezone: string } | null,
): StageContext {
  const { task, state, zone } = run;
  return {
    task,
    state,
    zone,
    mode: zone.controlMode,
    targets,
    timezone: greenhouse?.timezone ?? 'UTC',
    now: ctx.clock.now(),
    io,
    takeOperatorStep() {
      const step = state.operatorStep;
      delete state.operatorStep;
      return typeof step === 'string' ? step : null;
    },
    event: async (type, payload = {}) => {
      await ctx.zoneEvents.record(zone.id, type, {
        ...payload,
        task_id: task.id,
        stage: task.stage,
      });
    },
    alert: (intent) => raiseIntent(ctx, zone.id, intent),
    resolveAlert: async (code, scope) => {
      await ctx.alerts.resolveByKey(`${code}:${zone.id}${scope === undefined ? '' : `:${scope}`}`);
    },
    zoneMemory: () => ctx.storage.zoneRuntime.get(zone.id),
    rememberForZone: (patch) => ctx.storage.zoneRuntime.merge(zone.id, patch, ctx.clock.now()),
  };
}
