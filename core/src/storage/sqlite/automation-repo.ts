import type { Database } from 'better-sqlite3';
import type {
  NewScheduleRun,
  NewTask,
  ScheduleRepo,
  ScheduleRunRecord,
  TaskPatch,
  TaskRecord,
  TaskRepo,
  ZoneRuntimeRepo,
} from '../automation-types.js';
import { isUniqueViolation, refuse, type Refusal } from './domain-rows.js';
import { column, fromJson, toJson } from './rows.js';

export const ZONE_BUSY: Refusal = {
  code: 'zone_busy',
  message: 'The zone already runs an automation task',
};

const TASK_COLUMNS = `id, zone_id AS zoneId, kind, status, stage,
  stage_started_at AS stageStartedAt, stage_deadline_at AS stageDeadlineAt, due_at AS dueAt,
  source, idempotency_key AS idempotencyKey, payload, state, outcome, version,
  created_at AS createdAt, updated_at AS updatedAt, finished_at AS finishedAt`;

type TaskRow = Omit<TaskRecord, 'payload' | 'state'> & { payload: string; state: string };

const toTask = (row: TaskRow): TaskRecord => ({
  ...row,
  payload: JSON.parse(row.payload) as Record<string, unknown>,
  state: JSON.parse(row.state) as Record<string, unknown>,
});

export class SqliteTaskRepo implements TaskRepo {
  constructor(private readonly db: Database) {}

  async create(input: NewTask, now: number): Promise<{ task: TaskRecord; created: boolean }> {
    // One synchronous transaction on the only connection: nothing can slip in between the key
    // check and the insert, so a unique violation here can only be the one-active-task index.
    return this.db.transaction(() => {
      const existing =
        input.idempotencyKey === null
          ? undefined
          : (this.db
              .prepare(`SELECT ${TASK_COLUMNS} FROM automation_tasks WHERE idempotency_key = ?`)
              .get(input.idempotencyKey) as TaskRow | undefined);
      if (existing) return { task: toTask(existing), created: false };
      const row = refuse(isUniqueViolation, ZONE_BUSY, () =>
        this.db
          .prepare(
            `INSERT INTO automation_tasks (zone_id, kind, status, stage, stage_started_at,
               stage_deadline_at, due_at, source, idempotency_key, payload, state, version,
               created_at, updated_at)
             VALUES (?, ?, 'active', ?, CAST(? AS INTEGER), CAST(? AS INTEGER), CAST(? AS INTEGER),
               ?, ?, ?, ?, 1, CAST(? AS INTEGER), CAST(? AS INTEGER))
             RETURNING ${TASK_COLUMNS}`,
          )
          .get(
            input.zoneId,
            input.kind,
            input.stage,
            now,
            input.stageDeadlineAt,
            input.dueAt,
            input.source,
            input.idempotencyKey,
            JSON.stringify(input.payload),
            JSON.stringify(input.state ?? {}),
            now,
            now,
          ),
      ) as TaskRow;
      return { task: toTask(row), created: true };
    })();
  }

  async byId(id: number): Promise<TaskRecord | null> {
    return this.one(`SELECT ${TASK_COLUMNS} FROM automation_tasks WHERE id = ?`, id);
  }

  async activeForZone(zoneId: number): Promise<TaskRecord | null> {
    return this.one(
      `SELECT ${TASK_COLUMNS} FROM automation_tasks WHERE zone_id = ? AND status = 'active'`,
      zoneId,
    );
  }

  async listActive(): Promise<TaskRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT ${TASK_COLUMNS} FROM automation_tasks WHERE status = 'active' ORDER BY due_at, id`,
      )
      .all() as TaskRow[];
    return rows.map(toTask);
  }

  async listForZone(zoneId: number, limit: number): Promise<TaskRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT ${TASK_COLUMNS} FROM automation_tasks WHERE zone_id = ?
         ORDER BY id DESC LIMIT CAST(? AS INTEGER)`,
      )
      .all(zoneId, limit) as TaskRow[];
    return rows.map(toTask);
  }

  async update(
    id: number,
    version: number,
    patch: TaskPatch,
    now: number,
  ): Promise<TaskRecord | null> {
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined);
    const sets = entries.map(([field]) => `${column(field)} = ?`);
    const values = entries.map(([field, value]) =>
      field === 'state' ? JSON.stringify(value) : (value as unknown),
    );
    // Re-activating a task while another holds the zone hits the one-active index: zone_busy.
    const row = refuse(isUniqueViolation, ZONE_BUSY, () =>
      this.db
        .prepare(
          `UPDATE automation_tasks
           SET ${[...sets, 'version = version + 1', 'updated_at = CAST(? AS INTEGER)'].join(', ')}
           WHERE id = ? AND version = CAST(? AS INTEGER) RETURNING ${TASK_COLUMNS}`,
        )
        .get(...values, now, id, version),
    ) as TaskRow | undefined;
    return row ? toTask(row) : null;
  }

  private one(sql: string, key: number): TaskRecord | null {
    const row = this.db.prepare(sql).get(key) as TaskRow | undefined;
    return row ? toTask(row) : null;
  }
}

const RUN_COLUMNS = `id, zone_id AS zoneId, task, slot_at AS slotAt,
  idempotency_key AS idempotencyKey, outcome, reason, task_id AS taskId, details,
  created_at AS createdAt`;

type RunRow = Omit<ScheduleRunRecord, 'details'> & { details: string | null };

export class SqliteScheduleRepo implements ScheduleRepo {
  constructor(private readonly db: Database) {}

  async cursor(zoneId: number, key: string): Promise<number | null> {
    const row = this.db
      .prepare('SELECT at FROM schedule_cursors WHERE zone_id = ? AND key = ?')
      .get(zoneId, key) as { at: number } | undefined;
    return row?.at ?? null;
  }

  async setCursor(zoneId: number, key: string, at: number): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO schedule_cursors (zone_id, key, at) VALUES (?, ?, CAST(? AS INTEGER))
         ON CONFLICT (zone_id, key) DO UPDATE SET at = excluded.at`,
      )
      .run(zoneId, key, at);
  }

  async recordRun(run: NewScheduleRun, now: number): Promise<{ created: boolean }> {
    // The only unique index besides the rowid is the one over dispatched keys.
    const result = this.db
      .prepare(
        `INSERT INTO schedule_runs (zone_id, task, slot_at, idempotency_key, outcome, reason,
           task_id, details, created_at)
         VALUES (?, ?, CAST(? AS INTEGER), ?, ?, ?, ?, ?, CAST(? AS INTEGER))
         ON CONFLICT DO NOTHING`,
      )
      .run(
        run.zoneId,
        run.task,
        run.slotAt,
        run.idempotencyKey,
        run.outcome,
        run.reason,
        run.taskId,
        toJson(run.details),
        now,
      );
    return { created: result.changes > 0 };
  }

  async runs(
    zoneId: number,
    q: { fromMs: number; toMs: number; limit: number },
  ): Promise<ScheduleRunRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT ${RUN_COLUMNS} FROM schedule_runs WHERE zone_id = ? AND slot_at >= ? AND slot_at < ?
         ORDER BY slot_at DESC, id DESC LIMIT CAST(? AS INTEGER)`,
      )
      .all(zoneId, q.fromMs, q.toMs, q.limit) as RunRow[];
    return rows.map((row) => ({
      ...row,
      details: fromJson<Record<string, unknown>>(row.details),
    }));
  }

  async prune(beforeMs: number): Promise<number> {
    return this.db.prepare('DELETE FROM schedule_runs WHERE created_at < ?').run(beforeMs).changes;
  }
}

/** `patch` over `doc`, top-level keys only; a null value removes the key, undefined is absent. */
export function mergeRuntimeDoc(
  doc: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const merged = { ...doc };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return merged;
}

export class SqliteZoneRuntimeRepo implements ZoneRuntimeRepo {
  constructor(private readonly db: Database) {}

  async get(zoneId: number): Promise<Record<string, unknown>> {
    const row = this.db
      .prepare('SELECT doc FROM zone_runtime_state WHERE zone_id = ?')
      .get(zoneId) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as Record<string, unknown>) : {};
  }

  async merge(zoneId: number, patch: Record<string, unknown>, now: number): Promise<void> {
    // Read-modify-write in one synchronous transaction: SQLite's json_patch merges nested objects
    // too, while the contract is a top-level merge.
    this.db.transaction(() => {
      const row = this.db
        .prepare('SELECT doc FROM zone_runtime_state WHERE zone_id = ?')
        .get(zoneId) as { doc: string } | undefined;
      const doc = mergeRuntimeDoc(
        row ? (JSON.parse(row.doc) as Record<string, unknown>) : {},
        patch,
      );
      this.db
        .prepare(
          `INSERT INTO zone_runtime_state (zone_id, doc, updated_at) VALUES (?, ?, CAST(? AS INTEGER))
           ON CONFLICT (zone_id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at`,
        )
        .run(zoneId, JSON.stringify(doc), now);
    })();
  }
}
