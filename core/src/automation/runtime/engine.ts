import type { TimerHandle } from '../../runtime/clock.js';
import type { Component, ComponentStatus } from '../../runtime/component.js';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import type { NewTask, TaskKind, TaskRecord } from '../../storage/automation-types.js';
import type { ZoneRecord } from '../../storage/domain-types.js';
import type { NodeEventInput } from '../../storage/types.js';
import { emergencyOff, type EmergencyStopBy } from './emergency-stop.js';
import { planOf } from './plan-runner.js';
import { FAIL_SAFE_ROLES } from './plans.js';
import type { RuntimeContext } from './runtime-context.js';
import { readyGuard } from './ready-guard.js';
import { failTask, saveTask } from './task-outcomes.js';
import { MANUAL_HOLD, stepTask } from './task-stepper.js';
import type { Workflow } from './workflow.js';
import type { ZoneIo } from './zone-io.js';

/** How often due tasks are looked for; node events and operator requests wake it sooner. */
export const ENGINE_TICK_MS = 500;
/** Steps one task may take in a row within one tick (a plan sends one command per step). */
const MAX_STEPS_PER_TICK = 50;

/**
 * A resumed task is first stepped this long after start-up: the nodes reconnect to the broker
 * and report their levels again, so its first look is at fresh readings, not stale ones.
 */
export const RECOVERY_GRACE_MS = 30_000;
/** Node events that end the active task at once (reference-domain §5.7, §11.12). */
const EMERGENCY_EVENTS = new Set(['EMERGENCY_STOP_ACTIVATED']);

export interface StartTask {
  zoneId: number;
  kind: TaskKind;
  payload?: Record<string, unknown>;
  source: string;
  idempotencyKey?: string | null;
}

/**
 * The zone runtime (reference-domain §0, §13): one loop steps every active task when it is due,
 * one step at a time across all zones (the single writer), and persists after every step.
 * Everything that changes a task (a tick, an operator step, an E-stop) runs through one queue.
 */
export class AutomationEngine implements Component {
  readonly name = 'automation';
  private timer: TimerHandle | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private ticking: Promise<void> | null = null;
  private lastError: string | null = null;
  /** Tasks resumed at start-up: not stepped before their grace ends (see RECOVERY_GRACE_MS). */
  private readonly graceUntil = new Map<number, number>();

  constructor(
    private readonly ctx: RuntimeContext,
    private readonly ioFor: (zone: ZoneRecord) => ZoneIo,
  ) {}

  async start(): Promise<void> {
    await this.serial(() => this.recover());
    this.timer = this.ctx.clock.setInterval(() => void this.tick(), ENGINE_TICK_MS);
  }

  async stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = null;
    await this.queue;
  }

  status(): ComponentStatus {
    return this.lastError === null
      ? { state: 'healthy', detail: null, metrics: {} }
      : { state: 'degraded', detail: `last step failed: ${this.lastError}`, metrics: {} };
  }

  /** Step every due task; a tick while one runs joins it (the next one catches up). */
  tick(): Promise<void> {
    this.ticking ??= this.serial(() => this.stepDue()).finally(() => (this.ticking = null));
    return this.ticking;
  }

  async startTask(input: StartTask): Promise<TaskRecord> {
    return this.serial(async () => {
      const zone = await this.zone(input.zoneId);
      const workflow = this.workflowOf(input.kind, zone);
      const now = this.ctx.clock.now();
      const request: NewTask = {
        zoneId: zone.id,
        kind: input.kind,
        stage: workflow.firstStage,
        stageDeadlineAt: workflow.firstDeadlineMs === null ? null : now + workflow.firstDeadlineMs,
        dueAt: now,
        source: input.source,
        idempotencyKey: input.idempotencyKey ?? null,
        payload: input.payload ?? {},
      };
      const { task, created } = await this.ctx.storage.tasks.create(request, now);
      if (created) {
        await this.ctx.zoneEvents.record(zone.id, 'AE_TASK_STARTED', {
          task_id: task.id,
          kind: task.kind,
          source: task.source,
          payload: task.payload,
        });
      }
      return task;
    }).finally(() => void this.tick());
  }

  /**
   * An operator step (reference-domain §8.1): stop steps in any mode, the others only in semi
   * and manual and only where the stage allows them. Kept in the task for its next step.
   */
  async operatorStep(zoneId: number, step: string): Promise<TaskRecord> {
    return this.serial(async () => {
      const zone = await this.zone(zoneId);
      const task = await this.ctx.storage.tasks.activeForZone(zoneId);
      if (!task) throw new ConflictError('no_active_task', 'The zone has no running task');
      // Stops, the solution-change abort and its operator gates (§5.6) are allowed in any mode.
      const stopping =
        step.endsWith('_stop') || step.endsWith('_confirm') || step === 'solution_change_abort';
      if (zone.controlMode === 'auto' && !stopping)
        throw new ConflictError('manual_step_forbidden_in_auto_mode', 'Switch to semi or manual');
      const stage = task.stage === MANUAL_HOLD ? (task.state.held as string) : task.stage;
      const allowed = this.workflowOf(task.kind, zone).manualSteps[stage] ?? [];
      if (!allowed.includes(step))
        throw new ConflictError('manual_step_not_allowed', `${step} is not allowed in ${stage}`);
      const saved = await saveTask(this.ctx, task, {
        state: { ...task.state, operatorStep: step },
        dueAt: this.ctx.clock.now(),
      });
      if (!saved) throw new ConflictError('task_changed', 'The task moved on; try again');
      await this.ctx.zoneEvents.record(zoneId, 'OPERATOR_STEP', { task_id: task.id, step });
      return saved;
    }).finally(() => void this.tick());
  }

  /**
   * The zone's mode changed: its task is looked at now (manual parks flow stages). With `by`
   * (the API) the change goes on the timeline as CONTROL_MODE_CHANGED (reference-domain §8.1).
   */
  async controlModeChanged(
    zoneId: number,
    from: string,
    to: string,
    by?: { user: string; reason: string | null },
  ): Promise<void> {
    await this.serial(async () => {
      if (from === 'manual' && to !== 'manual')
        await this.ctx.storage.zoneRuntime.merge(zoneId, { reconcile_pending: true }, this.now());
      const task = await this.ctx.storage.tasks.activeForZone(zoneId);
      if (by) {
        await this.ctx.zoneEvents.record(zoneId, 'CONTROL_MODE_CHANGED', {
          from,
          to,
          user: by.user,
          reason: by.reason,
          task_id: task?.id ?? null,
          // What the next step does with a flow stage (task-stepper.ts decides per stage).
          active_task_action: task === null ? 'none' : to === 'auto' ? 'resume' : 'park',
        });
      }
      if (task) {
        // A flow the operator released in the old mode is parked by the new one (task-stepper).
        const { operatorFlow: _released, ...state } = task.state;
        await saveTask(this.ctx, task, { dueAt: this.now(), state });
      }
    });
    void this.tick();
  }

  /**
   * The software E-stop (reference-domain §5.7): the active task fails with
   * `emergency_stop_activated` (its fail-safe OFF batch first), then every other bound actuator
   * is switched off and the stop is latched. The caller switches the zone to manual first, so
   * nothing resumes by itself. Returns the failed task, if any.
   */
  async emergencyStop(zoneId: number, by: EmergencyStopBy): Promise<TaskRecord | null> {
    return this.serial(async () => {
      const zone = await this.zone(zoneId);
      const task = await this.ctx.storage.tasks.activeForZone(zoneId);
      const flow = task !== null && this.ctx.workflow(task.kind, zone.topology)?.flowPath === true;
      if (task) await this.fail(task, 'emergency_stop_activated');
      const alreadyOff = flow ? FAIL_SAFE_ROLES[zone.topology] : [];
      await emergencyOff(this.ctx, this.ioFor(zone), zone, by, {
        taskId: task?.id ?? null,
        alreadyOff,
      });
      return task;
    });
  }

  /** The ready-state guard (§5.4) for a zone without a task; true when it reset the zone. */
  guardReady(zone: ZoneRecord): Promise<boolean> {
    return this.serial(() => readyGuard(this.ctx, this.ioFor(zone), zone));
  }

  /** Node events wake the zone's task (level edges, fill completed); an E-stop fails it. */
  onNodeEvent(event: NodeEventInput): void {
    if (event.zoneId === null) return;
    const zoneId = event.zoneId;
    void this.serial(async () => {
      const task = await this.ctx.storage.tasks.activeForZone(zoneId);
      if (EMERGENCY_EVENTS.has(event.type)) {
        await this.ctx.storage.zoneRuntime.merge(zoneId, { estop_at: event.ts }, this.now());
        if (task) await this.fail(task, 'emergency_stop_activated');
        return;
      }
      // A wake never cuts short the grace a recovered task gets to see fresh readings.
      const dueAt = Math.max(this.now(), this.graceUntil.get(task?.id ?? 0) ?? 0);
      if (task) await saveTask(this.ctx, task, { dueAt });
    }).finally(() => void this.tick());
  }

  private async stepDue(): Promise<void> {
    // A recovered task's grace matters only until it has passed.
    for (const [id, until] of this.graceUntil) if (until <= this.now()) this.graceUntil.delete(id);
    for (const listed of await this.ctx.storage.tasks.listActive()) {
      let task: TaskRecord | null = listed;
      for (let n = 0; task && task.status === 'active' && n < MAX_STEPS_PER_TICK; n++) {
        if (task.dueAt > this.now()) break;
        task = await this.step(task);
      }
    }
  }

  private async step(task: TaskRecord): Promise<TaskRecord | null> {
    try {
      const zone = await this.ctx.storage.zones.byId(task.zoneId);
      if (!zone) return null;
      const workflow = this.ctx.workflow(task.kind, zone.topology);
      const run = { task, state: structuredClone(task.state), zone, workflow: workflow! };
      if (!workflow) return await failTask(this.ctx, this.ioFor(zone), run, 'workflow_unsupported');
      const saved = await stepTask(this.ctx, this.ioFor(zone), run);
      this.lastError = null;
      return saved;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.ctx.logger.error({ err: error, task: task.id }, 'automation step failed');
      return null;
    }
  }

  /**
   * Restart recovery (reference-domain §11.2): a task whose command may be out there with no
   * DONE recorded fails safe (it is never re-published blindly); the others resume polling.
   */
  private async recover(): Promise<void> {
    for (const task of await this.ctx.storage.tasks.listActive()) {
      const zone = await this.ctx.storage.zones.byId(task.zoneId);
      if (!zone) continue;
      const cmdId = planOf(task.state)?.cmdId ?? null;
      const confirmed = cmdId === null || (await this.ioFor(zone).status(cmdId)) === 'DONE';
      await this.ctx.zoneEvents.record(zone.id, 'AE_STARTUP_RECOVERY_OUTCOME', {
        task_id: task.id,
        stage: task.stage,
        outcome: confirmed ? 'resumed' : 'failed_unconfirmed_command',
        cmd_id: cmdId,
      });
      if (confirmed) {
        const dueAt = this.now() + RECOVERY_GRACE_MS;
        this.graceUntil.set(task.id, dueAt);
        await saveTask(this.ctx, task, { dueAt });
      } else await this.fail(task, 'startup_recovery_unconfirmed_command');
    }
  }

  private async fail(task: TaskRecord, code: string): Promise<void> {
    const zone = await this.zone(task.zoneId);
    const workflow = this.workflowOf(task.kind, zone);
    const state = structuredClone(task.state);
    await failTask(this.ctx, this.ioFor(zone), { task, state, zone, workflow }, code);
  }

  private workflowOf(kind: TaskKind, zone: ZoneRecord): Workflow {
    const workflow = this.ctx.workflow(kind, zone.topology);
    if (!workflow)
      throw new ConflictError(
        'workflow_unsupported',
        `${kind} is not available on ${zone.topology}`,
      );
    return workflow;
  }

  private async zone(id: number): Promise<ZoneRecord> {
    const zone = await this.ctx.storage.zones.byId(id);
    if (!zone) throw new NotFoundError('zone_not_found', `zone ${id} does not exist`);
    return zone;
  }

  private now(): number {
    return this.ctx.clock.now();
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
