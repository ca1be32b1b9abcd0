import { zoneView } from '../../domain/views.js';
import type { TaskPatch, TaskRecord } from '../../storage/automation-types.js';
import type { ZoneRecord } from '../../storage/domain-types.js';
import { sensorModeSteps } from './correction/probes.js';
import { FAIL_SAFE_ROLES, off } from './plans.js';
import type { RuntimeContext } from './runtime-context.js';
import { taskView } from './task-view.js';
import type { AlertIntent, Workflow, WorkflowPhase } from './workflow.js';
import type { ZoneIo } from './zone-io.js';

/** Task endings and stage changes: the only writers of task status and the zone's phase. */

export async function setPhase(
  ctx: RuntimeContext,
  zone: ZoneRecord,
  phase: WorkflowPhase,
): Promise<void> {
  if (zone.workflowPhase === phase) return;
  await ctx.storage.zones.update(zone.id, { workflowPhase: phase }, ctx.clock.now());
  await ctx.zoneEvents.record(zone.id, 'WORKFLOW_PHASE_CHANGED', {
    from: zone.workflowPhase,
    to: phase,
  });
  const updated = await ctx.storage.zones.byId(zone.id);
  ctx.publish({
    channel: 'hydro.zones',
    event: 'zone.updated',
    data: { zone_id: zone.id, zone: updated ? zoneView(updated) : null },
  });
}

/** Save a task and tell realtime clients; null when someone else saved it first. */
export async function saveTask(
  ctx: RuntimeContext,
  task: TaskRecord,
  patch: TaskPatch,
): Promise<TaskRecord | null> {
  const saved = await ctx.storage.tasks.update(task.id, task.version, patch, ctx.clock.now());
  if (saved) {
    ctx.publish({
      channel: 'hydro.zones',
      event: 'automation.task',
      data: { zone_id: saved.zoneId, task: taskView(saved) },
    });
  }
  return saved;
}

/**
 * Reference-domain §5.7 and §11.3: the OFF batch goes out first (publish only: pump first, then
 * valves, then every dosing pump), the zone drops to `idle`, the failure is recorded and raised,
 * and only then is the task marked failed.
 */
export async function failTask(
  ctx: RuntimeContext,
  io: ZoneIo,
  run: { task: TaskRecord; state: Record<string, unknown>; zone: ZoneRecord; workflow: Workflow },
  code: string,
  alert?: AlertIntent,
): Promise<TaskRecord | null> {
  const { task, state, zone, workflow } = run;
  if (workflow.flowPath) {
    await failSafe(io, zone, `fs${task.id}-${task.version}`);
    await setPhase(ctx, zone, 'idle');
  }
  await ctx.zoneEvents.record(zone.id, 'AE_TASK_FAILED', {
    task_id: task.id,
    kind: task.kind,
    stage: task.stage,
    code,
  });
  await ctx.alerts.raise({
    zoneId: zone.id,
    code: 'biz_ae3_task_failed',
    severity: 'error',
    message: `${task.kind} failed in ${task.stage}: ${code}`,
    dedupeKey: `biz_ae3_task_failed:${zone.id}:${task.id}`,
    details: { task_id: task.id, stage: task.stage, code },
  });
  if (alert) await raiseIntent(ctx, zone.id, alert);
  const { plan: _plan, ...rest } = state;
  const now = ctx.clock.now();
  return saveTask(ctx, task, {
    status: 'failed',
    outcome: code,
    state: rest,
    finishedAt: now,
    dueAt: now,
  });
}

export async function completeTask(
  ctx: RuntimeContext,
  run: { task: TaskRecord; state: Record<string, unknown>; zone: ZoneRecord },
  outcome: string,
  phase: WorkflowPhase | undefined,
): Promise<TaskRecord | null> {
  const { task, state, zone } = run;
  if (phase) await setPhase(ctx, zone, phase);
  await ctx.zoneEvents.record(zone.id, 'AE_TASK_COMPLETED', {
    task_id: task.id,
    kind: task.kind,
    outcome,
  });
  const now = ctx.clock.now();
  return saveTask(ctx, task, { status: 'completed', outcome, state, finishedAt: now, dueAt: now });
}

/**
 * Every bound flow actuator OFF, pump first; then the probes' nodes leave sensor mode, which
 * makes them refuse any further dose (a dose already running is bounded by the node's own
 * `max_duration_ms`: the dosing firmware has no stop command). Nothing waits for the answers.
 */
export async function failSafe(io: ZoneIo, zone: ZoneRecord, prefix: string): Promise<void> {
  const steps = [];
  for (const role of FAIL_SAFE_ROLES[zone.topology]) if (await io.has(role)) steps.push(off(role));
  steps.push(...(await sensorModeSteps(io, false)));
  await io.fireAndForget(steps, prefix);
}

export async function raiseIntent(
  ctx: RuntimeContext,
  zoneId: number,
  alert: AlertIntent,
): Promise<void> {
  const scope = alert.details?.scope;
  await ctx.alerts.raise({
    zoneId,
    code: alert.code,
    severity: alert.severity ?? 'error',
    message: alert.message,
    dedupeKey: `${alert.code}:${zoneId}${typeof scope === 'string' ? `:${scope}` : ''}`,
    details: alert.details ?? {},
  });
}
