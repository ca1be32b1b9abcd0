import type pg from 'pg';
import { ACTIVE_CYCLE_STATUSES, type CycleStatus } from '../../contracts/cycles.js';
import type {
  CycleChange,
  CycleInput,
  CyclePhaseRecord,
  CycleRecord,
  CycleRepo,
  CycleTransitionRecord,
} from '../domain-types.js';
import {
  isUniqueViolation,
  PHASE_COLUMNS,
  phasePlaceholders,
  phaseTargetsFromRow,
  phaseValues,
  refuse,
} from './domain-rows.js';
import { inTransaction } from './pool.js';
import { Params, selectList } from './rows.js';

const CYCLE_SELECT = `SELECT ${selectList<CycleRecord>({
  id: true,
  zoneId: true,
  recipeRevisionId: true,
  plantId: true,
  status: true,
  batchLabel: true,
  notes: true,
  currentPhaseIndex: true,
  phaseStartedAt: true,
  plantingAt: true,
  startedAt: true,
  endedAt: true,
  actualHarvestAt: true,
  yieldKg: true,
  recipeCompletedAt: true,
  createdAt: true,
  updatedAt: true,
})} FROM grow_cycles`;

const TRANSITION_SELECT = `SELECT ${selectList<CycleTransitionRecord>({
  id: true,
  cycleId: true,
  triggerType: true,
  fromStatus: true,
  toStatus: true,
  fromPhaseIndex: true,
  toPhaseIndex: true,
  actor: true,
  comment: true,
  at: true,
})} FROM grow_cycle_transitions`;

type SnapshotRow = Record<string, unknown> & {
  cycle_id: number;
  phase_index: number;
  source_phase_id: number | null;
  started_at: number | null;
  ended_at: number | null;
};

export class PostgresCycleRepo implements CycleRepo {
  constructor(private readonly pool: pg.Pool) {}

  async create(input: CycleInput, now: number): Promise<CycleRecord> {
    const first = input.phases[0]!.phaseIndex;
    const refusal = {
      code: 'zone_has_active_cycle',
      message: 'The zone already has a planned, running or paused cycle',
    };
    const id = await refuse(isUniqueViolation, refusal, () =>
      inTransaction(this.pool, async (client) => {
        const result = await client.query<{ id: number }>(
          `INSERT INTO grow_cycles (zone_id, recipe_revision_id, plant_id, status, batch_label,
             notes, current_phase_index, planting_at, created_at, updated_at)
           VALUES ($1, $2, $3, 'PLANNED', $4, $5, $6, $7, $8, $8) RETURNING id`,
          [
            input.zoneId,
            input.recipeRevisionId,
            input.plantId,
            input.batchLabel,
            input.notes,
            first,
            input.plantingAt,
            now,
          ],
        );
        const cycleId = result.rows[0]!.id;
        for (const phase of input.phases) {
          await client.query(
            `INSERT INTO grow_cycle_phases (cycle_id, phase_index, source_phase_id,
               ${PHASE_COLUMNS.join(', ')}) VALUES ($1, $2, $3, ${phasePlaceholders(4)})`,
            [cycleId, phase.phaseIndex, phase.sourcePhaseId, ...phaseValues(phase)],
          );
        }
        await record(client, cycleId, {
          triggerType: 'CYCLE_CREATED',
          fromStatus: null,
          toStatus: 'PLANNED',
          fromPhaseIndex: null,
          toPhaseIndex: first,
          actor: input.actor,
          comment: null,
          at: now,
        });
        return cycleId;
      }),
    );
    return (await this.byId(id))!;
  }

  async byId(id: number): Promise<CycleRecord | null> {
    return (
      (await this.pool.query<CycleRecord>(`${CYCLE_SELECT} WHERE id = $1`, [id])).rows[0] ?? null
    );
  }

  async list(
    filter: { zoneId?: number; statuses?: readonly CycleStatus[] } = {},
  ): Promise<CycleRecord[]> {
    const params = new Params();
    const where: string[] = [];
    if (filter.zoneId !== undefined) where.push(`zone_id = ${params.add(filter.zoneId)}`);
    if (filter.statuses !== undefined)
      where.push(`status = ANY(${params.add([...filter.statuses])}::text[])`);
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const result = await this.pool.query<CycleRecord>(
      `${CYCLE_SELECT} ${clause} ORDER BY id DESC`,
      params.values,
    );
    return result.rows;
  }

  async activeForZone(zoneId: number): Promise<CycleRecord | null> {
    return (await this.list({ zoneId, statuses: ACTIVE_CYCLE_STATUSES }))[0] ?? null;
  }

  async phases(cycleId: number): Promise<CyclePhaseRecord[]> {
    const result = await this.pool.query<SnapshotRow>(
      'SELECT * FROM grow_cycle_phases WHERE cycle_id = $1 ORDER BY phase_index',
      [cycleId],
    );
    return result.rows.map((row) => ({
      cycleId: row.cycle_id,
      phaseIndex: row.phase_index,
      sourcePhaseId: row.source_phase_id,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      ...phaseTargetsFromRow(row),
    }));
  }

  async transitions(cycleId: number): Promise<CycleTransitionRecord[]> {
    const result = await this.pool.query<CycleTransitionRecord>(
      `${TRANSITION_SELECT} WHERE cycle_id = $1 ORDER BY id`,
      [cycleId],
    );
    return result.rows;
  }

  async apply(id: number, change: CycleChange, now: number): Promise<CycleRecord | null> {
    const moved = await inTransaction(this.pool, async (client) => {
      // The row lock makes concurrent actions on one cycle (a click and the auto-advance tick)
      // take turns; the loser sees the moved state and is refused.
      const locked = await client.query<{ status: CycleStatus; current_phase_index: number }>(
        'SELECT status, current_phase_index FROM grow_cycles WHERE id = $1 FOR UPDATE',
        [id],
      );
      const current = locked.rows[0];
      if (
        !current ||
        !change.from.includes(current.status) ||
        current.current_phase_index !== change.fromPhaseIndex
      )
        return false;
      const params = new Params();
      const sets = [
        `status = ${params.add(change.status)}`,
        `current_phase_index = ${params.add(change.phaseIndex)}`,
        ...(change.startPhase
          ? [`phase_started_at = ${params.add(now)}`, 'recipe_completed_at = NULL']
          : []),
        ...params.assignments(change.fields),
        `updated_at = ${params.add(now)}`,
      ];
      await client.query(
        `UPDATE grow_cycles SET ${sets.join(', ')} WHERE id = ${params.add(id)}`,
        params.values,
      );
      if (change.endPhase)
        await client.query(
          'UPDATE grow_cycle_phases SET ended_at = $1 WHERE cycle_id = $2 AND phase_index = $3',
          [now, id, change.fromPhaseIndex],
        );
      if (change.startPhase)
        await client.query(
          'UPDATE grow_cycle_phases SET started_at = $1, ended_at = NULL WHERE cycle_id = $2 AND phase_index = $3',
          [now, id, change.phaseIndex],
        );
      await record(client, id, {
        triggerType: change.trigger,
        fromStatus: current.status,
        toStatus: change.status,
        fromPhaseIndex: change.fromPhaseIndex,
        toPhaseIndex: change.phaseIndex,
        actor: change.actor,
        comment: change.comment,
        at: now,
      });
      return true;
    });
    return moved ? this.byId(id) : null;
  }

  async markRecipeCompleted(id: number, now: number): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE grow_cycles SET recipe_completed_at = $1 WHERE id = $2 AND recipe_completed_at IS NULL',
      [now, id],
    );
    return (result.rowCount ?? 0) > 0;
  }
}

async function record(
  client: pg.PoolClient,
  cycleId: number,
  t: Omit<CycleTransitionRecord, 'id' | 'cycleId'>,
): Promise<void> {
  await client.query(
    `INSERT INTO grow_cycle_transitions (cycle_id, trigger_type, from_status, to_status,
       from_phase_index, to_phase_index, actor, comment, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      cycleId,
      t.triggerType,
      t.fromStatus,
      t.toStatus,
      t.fromPhaseIndex,
      t.toPhaseIndex,
      t.actor,
      t.comment,
      t.at,
    ],
  );
}
