import type { Database } from 'better-sqlite3';
import { ConflictError } from '../../domain/errors.js';
import { PHASE_TARGET_FIELDS, type CatalogRepo, type PhaseTargets } from '../domain-types.js';
import { column, fromJson, toJson } from './rows.js';

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function isForeignKeyViolation(error: unknown): boolean {
  return (error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

export interface Refusal {
  code: string;
  message: string;
}

/** Runs `work`, turning the constraint violation `is` detects into a ConflictError. */
export function refuse<T>(is: (error: unknown) => boolean, refusal: Refusal, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (is(error)) throw new ConflictError(refusal.code, refusal.message);
    throw error;
  }
}

type Stamped = { id: number; createdAt: number; updatedAt: number };

/**
 * A table whose columns are the snake_case of a flat record's fields (no JSON, no booleans):
 * the catalog, recipes and greenhouses.
 */
export class SqliteFlatRepo<R extends Stamped> implements CatalogRepo<R> {
  private readonly select: string;

  constructor(
    private readonly db: Database,
    private readonly spec: {
      table: string;
      /** Every field but id, createdAt and updatedAt. */
      fields: (keyof R & string)[];
      inUse: Refusal;
      unique?: Refusal;
    },
  ) {
    const all = ['id', ...spec.fields, 'createdAt', 'updatedAt'];
    this.select = `SELECT ${all.map((f) => `${column(f)} AS ${f}`).join(', ')} FROM ${spec.table}`;
  }

  async create(input: Omit<R, 'id' | 'createdAt' | 'updatedAt'>, now: number): Promise<R> {
    const fields = [...this.spec.fields, 'createdAt', 'updatedAt'];
    const values: Record<string, unknown> = { ...input, createdAt: now, updatedAt: now };
    const sql = `INSERT INTO ${this.spec.table} (${fields.map(column).join(', ')})
      VALUES (${fields.map(() => '?').join(', ')})`;
    const run = () => this.db.prepare(sql).run(...fields.map((f) => values[f] ?? null));
    const result = this.spec.unique ? refuse(isUniqueViolation, this.spec.unique, run) : run();
    return (await this.byId(Number(result.lastInsertRowid)))!;
  }

  async byId(id: number): Promise<R | null> {
    return (this.db.prepare(`${this.select} WHERE id = ?`).get(id) as R | undefined) ?? null;
  }

  /** The row whose `field` (a unique column) holds `value`. */
  async findBy(field: keyof R & string, value: unknown): Promise<R | null> {
    const sql = `${this.select} WHERE ${column(field)} = ?`;
    return (this.db.prepare(sql).get(value) as R | undefined) ?? null;
  }

  async list(): Promise<R[]> {
    return this.db.prepare(`${this.select} ORDER BY id`).all() as R[];
  }

  async update(
    id: number,
    patch: Partial<Omit<R, 'id' | 'createdAt' | 'updatedAt'>>,
    now: number,
  ): Promise<R | null> {
    const entries = Object.entries(patch).filter(
      ([field, value]) =>
        value !== undefined && this.spec.fields.includes(field as keyof R & string),
    );
    const sets = [...entries.map(([field]) => `${column(field)} = ?`), 'updated_at = ?'];
    this.db
      .prepare(`UPDATE ${this.spec.table} SET ${sets.join(', ')} WHERE id = ?`)
      .run(...entries.map(([, value]) => value), now, id);
    return this.byId(id);
  }

  async delete(id: number): Promise<boolean> {
    const result = refuse(isForeignKeyViolation, this.spec.inUse, () =>
      this.db.prepare(`DELETE FROM ${this.spec.table} WHERE id = ?`).run(id),
    );
    return result.changes > 0;
  }
}

export const PHASE_COLUMNS = PHASE_TARGET_FIELDS.map(column);

/** Phase target values in PHASE_COLUMNS order, as SQLite stores them. */
export function phaseValues(p: PhaseTargets): unknown[] {
  return PHASE_TARGET_FIELDS.map((field) => {
    if (field === 'dayNightEnabled') return p.dayNightEnabled ? 1 : 0;
    if (field === 'dayNight') return toJson(p.dayNight);
    return p[field];
  });
}

export function phaseTargetsFromRow(row: Record<string, unknown>): PhaseTargets {
  const targets = Object.fromEntries(PHASE_TARGET_FIELDS.map((f) => [f, row[column(f)]]));
  return {
    ...(targets as unknown as PhaseTargets),
    dayNightEnabled: row.day_night_enabled === 1,
    dayNight: fromJson<PhaseTargets['dayNight']>(row.day_night as string | null),
  };
}
