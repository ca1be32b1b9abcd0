import type { Database } from 'better-sqlite3';
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
  phaseTargetsFromRow,
  phaseValues,
  refuse,
} from './domain-rows.js';
import { column } from './rows.js';

const CYCLE_FIELDS = Object.keys({
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
} satisfies Record<keyof CycleRecord, true>);

const CYCLE_SELECT = `SELECT ${CYCLE_FIELDS.map((f) => `${column(f)} AS ${f}`).join(', ')} FROM grow_cycles`;

const TRANSITION_SELECT = `SELECT id, cycle_id AS cycleId, trigger_type AS triggerType,
  from_status AS fromStatus, to_status AS toStatus, from_phase_index AS fromPhaseIndex,
  to_phase_index AS toPhaseIndex, actor, comment, at FROM grow_cycle_transitions`;

type SnapshotRow = Record<string, unknown> & {
  cycle_id: number;
  phase_index: number;
  source_phase_id: number | null;
  started_at: number | null;
  ended_at: number | null;
};

export class SqliteCycleRepo implements CycleRepo {
  constructor(private readonly db: Database) {}

  async create(input: CycleInput, now: number): Promise<CycleRecord> {
    const first = input.phases[0]!.phaseIndex;
    const refusal = {
      code: 'zone_has_active_cycle',
      message: 'The zone already has a planned, running or paused cycle',
    };
    const id = refuse(isUniqueViolation, refusal, () =>
      this.db.transaction(() => {
        const result = this.db
          .prepare(
            `INSERT INTO grow_cycles (zone_id, recipe_revision_id, plant_id, status, batch_label,
               notes, current_phase_index, planting_at, created_at, updated_at)
             VALUES (?, ?, ?, 'PLANNED', ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            input.zoneId,
            input.recipeRevisionId,
            input.plantId,
            input.batchLabel,
            input.notes,
            first,
            input.plantingAt,
            now,
            now,
          );
        const cycleId = Number(result.lastInsertRowid);
        const insertPhase = this.db.prepare(
          `INSERT INTO grow_cycle_phases (cycle_id, phase_index, source_phase_id,
             ${PHASE_COLUMNS.join(', ')}) VALUES (?, ?, ?, ${PHASE_COLUMNS.map(() => '?').join(', ')})`,
        );
        for (const phase of input.phases)
          insertPhase.run(cycleId, phase.phaseIndex, phase.sourcePhaseId, ...phaseValues(phase));
        this.record(cycleId, {
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
      })(),
    );
    return (await this.byId(id))!;
  }

  async byId(id: number): Promise<CycleRecord | null> {
    return (
      (this.db.prepare(`${CYCLE_SELECT} WHERE id = ?`).get(id) as CycleRecord | undefined) ?? null
    );
  }

  async list(
    filter: { zoneId?: number; statuses?: readonly CycleStatus[] } = {},
  ): Promise<CycleRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.zoneId !== undefined) {
      where.push('zone_id = ?');
      params.push(filter.zoneId);
    }
    if (filter.statuses !== undefined) {
      where.push('status IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(filter.statuses));
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    return this.db
      .prepare(`${CYCLE_SELECT} ${clause} ORDER BY id DESC`)
      .all(...params) as CycleRecord[];
  }

  async activeForZone(zoneId: number): Promise<CycleRecord | null> {
    return (await this.list({ zoneId, statuses: ACTIVE_CYCLE_STATUSES }))[0] ?? null;
  }

  async phases(cycleId: number): Promise<CyclePhaseRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM grow_cycle_phases WHERE cycle_id = ? ORDER BY phase_index')
      .all(cycleId) as SnapshotRow[];
    return rows.map((row) => ({
      cycleId: row.cycle_id,
      phaseIndex: row.phase_index,
      sourcePhaseId: row.source_phase_id,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      ...phaseTargetsFromRow(row),
    }));
  }

  async transitions(cycleId: number): Promise<CycleTransitionRecord[]> {
    return this.db
      .prepare(`${TRANSITION_SELECT} WHERE cycle_id = ? ORDER BY id`)
      .all(cycleId) as CycleTransitionRecord[];
  }

  async apply(id: number, change: CycleChange, now: number): Promise<CycleRecord | null> {
    const moved = this.db.transaction(() => {
      const current = this.db
        .prepare('SELECT status, current_phase_index FROM grow_cycles WHERE id = ?')
        .get(id) as { status: CycleStatus; current_phase_index: number } | undefined;
      if (
        !current ||
        !change.from.includes(current.status) ||
        current.current_phase_index !== change.fromPhaseIndex
      )
        return false;
      const fields = Object.entries(change.fields).filter(([, v]) => v !== undefined);
      const sets = [
        'status = ?',
        'current_phase_index = ?',
        ...(change.startPhase ? ['phase_started_at = ?', 'recipe_completed_at = NULL'] : []),
        ...fields.map(([f]) => `${column(f)} = ?`),
        'updated_at = ?',
      ];
      this.db
        .prepare(`UPDATE grow_cycles SET ${sets.join(', ')} WHERE id = ?`)
        .run(
          change.status,
          change.phaseIndex,
          ...(change.startPhase ? [now] : []),
          ...fields.map(([, v]) => v as unknown),
          now,
          id,
        );
      if (change.endPhase)
        this.db
          .prepare(
            'UPDATE grow_cycle_phases SET ended_at = ? WHERE cycle_id = ? AND phase_index = ?',
          )
          .run(now, id, change.fromPhaseIndex);
      if (change.startPhase)
        this.db
          .prepare(
            'UPDATE grow_cycle_phases SET started_at = ?, ended_at = NULL WHERE cycle_id = ? AND phase_index = ?',
          )
          .run(now, id, change.phaseIndex);
      this.record(id, {
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
    })();
    return moved ? this.byId(id) : null;
  }

  async markRecipeCompleted(id: number, now: number): Promise<boolean> {
    const result = this.db
      .prepare(
        'UPDATE grow_cycles SET recipe_completed_at = ? WHERE id = ? AND recipe_completed_at IS NULL',
      )
      .run(now, id);
    return result.changes > 0;
  }

  private record(cycleId: number, t: Omit<CycleTransitionRecord, 'id' | 'cycleId'>): void {
    this.db
      .prepare(
        `INSERT INTO grow_cycle_transitions (cycle_id, trigger_type, from_status, to_status,
           from_phase_index, to_phase_index, actor, comment, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        cycleId,
        t.triggerType,
        t.fromStatus,
        t.toStatus,
        t.fromPhaseIndex,
        t.toPhaseIndex,
        t.actor,
        t.comment,
        t.at,
      );
  }
}
