import { isTerminalCommandStatus } from '../../contracts/mqtt/enums.js';
import type { TaskRecord } from '../../storage/automation-types.js';
import type { CommandStep } from './plans.js';
import type { StepResult } from './workflow.js';
import type { ZoneIo } from './zone-io.js';

/** A command plan in flight, kept in the task state so a restart knows what was sent. */
export interface PlanState {
  name: string;
  steps: CommandStep[];
  index: number;
  /** The command of `steps[index]` once it was handed to the gateway. */
  cmdId: string | null;
  seq: number;
  then: string;
  thenDeadlineMs: number | null;
  failCode: string;
}

/** While a command is on its way the task is looked at again this soon. */
export const PLAN_POLL_MS = 250;

export function planOf(state: Record<string, unknown>): PlanState | null {
  return (state.plan as PlanState | undefined) ?? null;
}

export function startPlan(
  state: Record<string, unknown>,
  result: Extract<StepResult, { kind: 'plan' }>,
): void {
  const seq = nextSeq(state);
  state.planSeq = seq;
  const plan: PlanState = {
    name: result.name,
    steps: [...result.steps],
    index: 0,
    cmdId: null,
    seq,
    then: result.then,
    thenDeadlineMs: result.thenDeadlineMs ?? null,
    failCode: result.failCode ?? 'command_failed',
  };
  state.plan = plan;
}

const nextSeq = (state: Record<string, unknown>) =>
  ((state.planSeq as number | undefined) ?? 0) + 1;

/** The cmd_id step `index` of the task's next plan will have (a run its next stage watches). */
export function nextPlanCmdId(taskId: number, state: Record<string, unknown>, index: number) {
  return planCmdId(taskId, nextSeq(state), index);
}

/** The cmd_id of step `index` of plan number `seq` of a task (stable across restarts). */
export function planCmdId(taskId: number, seq: number, index: number): string {
  return `at${taskId}-${seq}-${index}`;
}

export type PlanProgress =
  | { kind: 'send'; cmdId: string; step: CommandStep }
  | { kind: 'wait' }
  | { kind: 'done'; then: string; thenDeadlineMs: number | null }
  | { kind: 'failed'; code: string; status: string; step: CommandStep };

/**
 * Where the plan stands (reference-domain §0.3, DONE-only): the current command DONE moves to
 * the next step (a timed run's ACK too: it has started, and the next stage watches it);
 * QUEUED/SENT/ACK waits; any other terminal status fails the plan. The cmd_id of
 * a step is stable (task, plan number, step), so a re-send after a crash is a no-op.
 */
export async function planProgress(
  task: TaskRecord,
  plan: PlanState,
  io: ZoneIo,
): Promise<PlanProgress> {
  for (;;) {
    if (plan.index >= plan.steps.length)
      return { kind: 'done', then: plan.then, thenDeadlineMs: plan.thenDeadlineMs };
    const step = plan.steps[plan.index]!;
    if (plan.cmdId === null) {
      return { kind: 'send', cmdId: planCmdId(task.id, plan.seq, plan.index), step };
    }
    const status = await io.status(plan.cmdId);
    if (status === 'DONE' || (status === 'ACK' && step.startsOnAck)) {
      plan.index++;
      plan.cmdId = null;
      continue;
    }
    if (status !== null && isTerminalCommandStatus(status))
      return { kind: 'failed', code: plan.failCode, status, step };
    return { kind: 'wait' };
  }
}
