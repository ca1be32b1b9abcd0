/**
 * The zone runtime's persisted state (reference-domain §0, §13): automation tasks, the
 * scheduler's cursors and runs, and per-zone runtime memory. Times are Unix ms.
 */

/** What a task does; one workflow each (core/src/automation/runtime/workflows). */
export const TASK_KINDS = [
  'cycle_start',
  'irrigation',
  'solution_topup',
  'solution_change',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** `active` tasks are the zone's single writer: at most one per zone. */
export const TASK_STATUSES = ['active', 'completed', 'failed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface TaskRecord {
  id: number;
  zoneId: number;
  kind: TaskKind;
  status: TaskStatus;
  stage: string;
  stageStartedAt: number;
  /** The stage fails with `<stage>_timeout` (or its own code) once this passes; null: unbounded. */
  stageDeadlineAt: number | null;
  /** When the engine next steps the task. */
  dueAt: number;
  /** `scheduler`, `operator:<email>` or `system`. */
  source: string;
  /** One task per scheduler slot: a second create with the same key returns the first. */
  idempotencyKey: string | null;
  /** The request: duration, mode (`force`), topology… Frozen at creation. */
  payload: Record<string, unknown>;
  /** The workflow's memory: counters, the command plan in flight, the correction sub-state. */
  state: Record<string, unknown>;
  /** `completed_run`, `completed_skip`, a failure code such as `emergency_stop_activated`… */
  outcome: string | null;
  /** Bumped by every save; a save against a stale version is refused. */
  version: number;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

export type NewTask = Pick<
  TaskRecord,
  'zoneId' | 'kind' | 'stage' | 'stageDeadlineAt' | 'dueAt' | 'source' | 'idempotencyKey'
> & { payload: Record<string, unknown>; state?: Record<string, unknown> };

export type TaskPatch = Partial<
  Pick<
    TaskRecord,
    'status' | 'stage' | 'stageStartedAt' | 'stageDeadlineAt' | 'dueAt' | 'state' | 'outcome'
  > & { finishedAt: number | null }
>;

export interface TaskRepo {
  /**
   * A new active task. Throws ConflictError `zone_busy` when the zone already has an active
   * task; with an idempotency key already used, returns that task and `created: false`.
   */
  create(input: NewTask, now: number): Promise<{ task: TaskRecord; created: boolean }>;
  byId(id: number): Promise<TaskRecord | null>;
  activeForZone(zoneId: number): Promise<TaskRecord | null>;
  /** Every active task, soonest `dueAt` first. */
  listActive(): Promise<TaskRecord[]>;
  /** Newest first. */
  listForZone(zoneId: number, limit: number): Promise<TaskRecord[]>;
  /**
   * Apply `patch` if the task is still at `version`; the updated task (version + 1), or null
   * when someone else saved it first.
   */
  update(id: number, version: number, patch: TaskPatch, now: number): Promise<TaskRecord | null>;
}

/** What became of one scheduler slot (reference-domain §7). */
export const SCHEDULE_OUTCOMES = ['dispatched', 'skipped', 'missed', 'busy', 'failed'] as const;
export type ScheduleOutcome = (typeof SCHEDULE_OUTCOMES)[number];

export interface ScheduleRunRecord {
  id: number;
  zoneId: number;
  /** `irrigation`, `lighting`, `solution_topup`, `climate`… */
  task: string;
  /** The slot's instant (window boundary, time of day, interval due time). */
  slotAt: number;
  idempotencyKey: string;
  outcome: ScheduleOutcome;
  /** Why it was skipped or missed: `control_mode_manual`, `zone_setup_pending`, `catch_up_skip`… */
  reason: string | null;
  taskId: number | null;
  details: Record<string, unknown> | null;
  createdAt: number;
}

export type NewScheduleRun = Omit<ScheduleRunRecord, 'id' | 'createdAt'>;

export interface ScheduleRepo {
  /** The last instant the scheduler looked at for this zone and schedule key; null: never. */
  cursor(zoneId: number, key: string): Promise<number | null>;
  setCursor(zoneId: number, key: string, at: number): Promise<void>;
  /**
   * Record a run. A second `dispatched` run with the same idempotency key is refused
   * (`created: false`, nothing written): that slot was already dispatched.
   */
  recordRun(run: NewScheduleRun, now: number): Promise<{ created: boolean }>;
  /** Runs whose slot lies in [fromMs, toMs), newest slot first. */
  runs(
    zoneId: number,
    q: { fromMs: number; toMs: number; limit: number },
  ): Promise<ScheduleRunRecord[]>;
  /** Drop runs created before `beforeMs`; returns how many. */
  prune(beforeMs: number): Promise<number>;
}

/**
 * Per-zone memory that outlives a task: the water baseline, learned dosing gains, no-effect
 * blocks, the E-stop latch, the manual→auto reconcile flag. One JSON document per zone.
 */
export interface ZoneRuntimeRepo {
  get(zoneId: number): Promise<Record<string, unknown>>;
  /** Merge `patch` over the stored document (top-level keys; null deletes a key). */
  merge(zoneId: number, patch: Record<string, unknown>, now: number): Promise<void>;
}
