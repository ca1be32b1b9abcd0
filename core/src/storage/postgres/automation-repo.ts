import type pg from 'pg';
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
import { ZONE_BUSY } from '../sqlite/automation-repo.js';
import { isUniqueViolation, refuse } from './domain-rows.js';
import { inTransaction } from './pool.js';
import { Params, selectList } from './rows.js';

const TASK_COLUMNS = selectList<TaskRecord>({
  id: true,
  zoneId: true,
  kind: true,
  status: true,
  stage: true,
  stageStartedAt: true,
  stageDeadlineAt: true,
  dueAt: true,
  source: true,
  idempotencyKey: true,
  payload: true,
  state: true,
  outcome: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  finishedAt: true,
});

export class PostgresTaskRepo implements TaskRepo {
  constructor(private readonly pool: pg.Pool) {}

  async create(input: NewTask, now: number): Promise<{ task: TaskRecord; created: boolean }> {
    return inTransaction(this.pool, async (client) => {
      const byKey = async () =>
        input.idempotencyKey === null
          ? undefined
          : (
              await client.query<TaskRecord>(
                `SELECT ${TASK_COLUMNS} FROM automation_tasks WHERE idempotency_key = $1`,
                [input.idempotencyKey],
              )
            ).rows[0];
      const existing = await byKey();
      if (existing) return { task: existing, created: false };
      // A concurrent create with the same key is the arbiter of ON CONFLICT: this insert then
      // writes nothing and the winner's task is read back. Any other unique violation is the
      // one-active-task index: the zone is busy.
      const inserted = await refuse(isUniqueViolation, ZONE_BUSY, () =>
        client.query<TaskRecord>(
          `INSERT INTO automation_tasks (zone_id, kind, status, stage, stage_started_at,
             stage_deadline_at, due_at, source, idempotency_key, payload, state, version,
             created_at, updated_at)
           VALUES ($1, $2, 'active', $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, 1, $4, $4)
           ON CONFLICT (idempotency_key) DO NOTHING
           RETURNING ${TASK_COLUMNS}`,
          [
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
          ],
        ),
      );
      const task = inserted.rows[0];
      if (task) return { task, created: true };
      return { task: (await byKey())!, created: false };
    });
  }

  async byId(id: number): Promise<TaskRecord | null> {
    const result = await this.pool.query<TaskRecord>(
      `SELECT ${TASK_COLUMNS} FROM automation_tasks WHERE id = $1`,
      [id],
    );
    return result.rows[0] ?? null;
  }

  async activeForZone(zoneId: number): Promise<TaskRecord | null> {
    const result = await this.pool.query<TaskRecord>(
      `SELECT ${TASK_COLUMNS} FROM automation_tasks WHERE zone_id = $1 AND status = 'active'`,
      [zoneId],
    );
    return result.rows[0] ?? null;
  }

  async listActive(): Promise<TaskRecord[]> {
    const result = await this.pool.query<TaskRecord>(
      `SELECT ${TASK_COLUMNS} FROM automation_tasks WHERE status = 'active' ORDER BY due_at, id`,
    );
    return result.rows;
  }

  async listForZone(zoneId: number, limit: number): Promise<TaskRecord[]> {
    const result = await this.pool.query<TaskRecord>(
      `SELECT ${TASK_COLUMNS} FROM automation_tasks WHERE zone_id = $1 ORDER BY id DESC LIMIT $2`,
      [zoneId, limit],
    );
    return result.rows;
  }

  async update(
    id: number,
    version: number,
    patch: TaskPatch,
    now: number,
  ): Promise<TaskRecord | null> {
    const params = new Params(new Set(['state']));
    const sets = [
      ...params.assignments(patch),
      'version = version + 1',
      `updated_at = ${params.add(now)}`,
    ];
    // Re-activating a task while another holds the zone hits the one-active index: zone_busy.
    const result = await refuse(isUniqueViolation, ZONE_BUSY, () =>
      this.pool.query<TaskRecord>(
        `UPDATE automation_tasks SET ${sets.join(', ')}
         WHERE id = ${params.add(id)} AND version = ${params.add(version)}
         RETURNING ${TASK_COLUMNS}`,
        params.values,
      ),
    );
    return result.rows[0] ?? null;
  }
}

const RUN_COLUMNS = selectList<ScheduleRunRecord>({
  id: true,
  zoneId: true,
  task: true,
  slotAt: true,
  idempotencyKey: true,
  outcome: true,
  reason: true,
  taskId: true,
  details: true,
  createdAt: true,
});

export class PostgresScheduleRepo implements ScheduleRepo {
  constructor(private readonly pool: pg.Pool) {}

  async cursor(zoneId: number, key: string): Promise<number | null> {
    const result = await this.pool.query<{ at: number }>(
      'SELECT at FROM schedule_cursors WHERE zone_id = $1 AND key = $2',
      [zoneId, key],
    );
    return result.rows[0]?.at ?? null;
  }

  async setCursor(zoneId: number, key: string, at: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO schedule_cursors (zone_id, key, at) VALUES ($1, $2, $3)
       ON CONFLICT (zone_id, key) DO UPDATE SET at = excluded.at`,
      [zoneId, key, at],
    );
  }

  async recordRun(run: NewScheduleRun, now: number): Promise<{ created: boolean }> {
    // The only unique index besides the id is the one over dispatched keys.
    const result = await this.pool.query(
      `INSERT INTO schedule_runs (zone_id, task, slot_at, idempotency_key, outcome, reason,
         task_id, details, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)
       ON CONFLICT DO NOTHING`,
      [
        run.zoneId,
        run.task,
        run.slotAt,
        run.idempotencyKey,
        run.outcome,
        run.reason,
        run.taskId,
        run.details === null ? null : JSON.stringify(run.details),
        now,
      ],
    );
    return { created: (result.rowCount ?? 0) > 0 };
  }

  async runs(
    zoneId: number,
    q: { fromMs: number; toMs: number; limit: number },
  ): Promise<ScheduleRunRecord[]> {
    const result = await this.pool.query<ScheduleRunRecord>(
      `SELECT ${RUN_COLUMNS} FROM schedule_runs WHERE zone_id = $1 AND slot_at >= $2 AND slot_at < $3
       ORDER BY slot_at DESC, id DESC LIMIT $4`,
      [zoneId, q.fromMs, q.toMs, q.limit],
    );
    return result.rows;
  }

  async prune(beforeMs: number): Promise<number> {
    const result = await this.pool.query('DELETE FROM schedule_runs WHERE created_at < $1', [
      beforeMs,
    ]);
    return result.rowCount ?? 0;
  }
}

export class PostgresZoneRuntimeRepo implements ZoneRuntimeRepo {
  constructor(private readonly pool: pg.Pool) {}

  async get(zoneId: number): Promise<Record<string, unknown>> {
    const result = await this.pool.query<{ doc: Record<string, unknown> }>(
      'SELECT doc FROM zone_runtime_state WHERE zone_id = $1',
      [zoneId],
    );
    return result.rows[0]?.doc ?? {};
  }

  async merge(zoneId: number, patch: Record<string, unknown>, now: number): Promise<void> {
    // One atomic upsert: `||` merges top-level keys only (jsonb_strip_nulls would also reach into
    // nested values), then `- text[]` drops the keys the patch sets to null.
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined);
    const set = Object.fromEntries(entries.filter(([, value]) => value !== null));
    const removed = entries.filter(([, value]) => value === null).map(([key]) => key);
    await this.pool.query(
      `INSERT INTO zone_runtime_state (zone_id, doc, updated_at) VALUES ($1, $2::jsonb, $4)
       ON CONFLICT (zone_id) DO UPDATE
       SET doc = (zone_runtime_state.doc || $2::jsonb) - $3::text[], updated_at = $4`,
      [zoneId, JSON.stringify(set), removed, now],
    );
  }
}
