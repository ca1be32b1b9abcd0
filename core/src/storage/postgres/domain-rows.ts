import type pg from 'pg';
import { ConflictError } from '../../domain/errors.js';
import { PHASE_TARGET_FIELDS, type CatalogRepo, type PhaseTargets } from '../domain-types.js';
import { column, Params } from './rows.js';

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === '23505';
}

export function isForeignKeyViolation(error: unknown): boolean {
  return (error as { code?: string }).code === '23503';
}

export interface Refusal {
  code: string;
  message: string;
}

/** Runs `work`, turning the constraint violation `is` detects into a ConflictError. */
export async function refuse<T>(
  is: (error: unknown) => boolean,
  refusal: Refusal,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (is(error)) throw new ConflictError(refusal.code, refusal.message);
    throw error;
  }
}

/** Anything that runs a query: the pool, or one client inside a transaction. */
export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

type Stamped = { id: number; createdAt: number; updatedAt: number };

/**
 * A table whose columns are the snake_case of a flat record's fields (no JSON, no booleans):
 * the catalog, recipes and greenhouses.
 */
export class PostgresFlatRepo<R extends Stamped> implements CatalogRepo<R> {
  private readonly select: string;

  constructor(
    private readonly pool: pg.Pool,
    private readonly spec: {
      table: string;
      /** Every field but id, createdAt and updatedAt. */
      fields: (keyof R & string)[];
      inUse: Refusal;
      unique?: Refusal;
    },
  ) {
    const all = ['id', ...spec.fields, 'createdAt', 'updatedAt'];
    this.select = `SELECT ${all.map((f) => `${column(f)} AS "${f}"`).join(', ')} FROM ${spec.table}`;
  }

  async create(input: Omit<R, 'id' | 'createdAt' | 'updatedAt'>, now: number): Promise<R> {
    const fields = [...this.spec.fields, 'createdAt', 'updatedAt'];
    const values: Record<string, unknown> = { ...input, createdAt: now, updatedAt: now };
    const params = new Params();
    const sql = `INSERT INTO ${this.spec.table} (${fields.map(column).join(', ')})
      VALUES (${fields.map((f) => params.add(values[f] ?? null)).join(', ')}) RETURNING id`;
    const run = () => this.pool.query<{ id: number }>(sql, params.values);
    const result = this.spec.unique
      ? await refuse(isUniqueViolation, this.spec.unique, run)
      : await run();
    return (await this.byId(result.rows[0]!.id))!;
  }

  async byId(id: number): Promise<R | null> {
    return this.findBy('id', id);
  }

  /** The row whose `field` (a unique column) holds `value`. */
  async findBy(field: keyof R & string, value: unknown): Promise<R | null> {
    const result = await this.pool.query<R>(`${this.select} WHERE ${column(field)} = $1`, [value]);
    return result.rows[0] ?? null;
  }

  async list(): Promise<R[]> {
    return (await this.pool.query<R>(`${this.select} ORDER BY id`)).rows;
  }

  async update(
    id: number,
    patch: Partial<Omit<R, 'id' | 'createdAt' | 'updatedAt'>>,
    now: number,
  ): Promise<R | null> {
    const known = Object.fromEntries(
      Object.entries(patch).filter(([field]) =>
        this.spec.fields.includes(field as keyof R & string),
      ),
    );
    const params = new Params();
    const sets = [...params.assignments(known), `updated_at = ${params.add(now)}`];
    await this.pool.query(
      `UPDATE ${this.spec.table} SET ${sets.join(', ')} WHERE id = ${params.add(id)}`,
      params.values,
    );
    return this.byId(id);
  }

  async delete(id: number): Promise<boolean> {
    const result = await refuse(isForeignKeyViolation, this.spec.inUse, () =>
      this.pool.query(`DELETE FROM ${this.spec.table} WHERE id = $1`, [id]),
    );
    return (result.rowCount ?? 0) > 0;
  }
}

export const PHASE_COLUMNS = PHASE_TARGET_FIELDS.map(column);

/** Phase target values in PHASE_COLUMNS order (jsonb sent as JSON text). */
export function phaseValues(p: PhaseTargets): unknown[] {
  return PHASE_TARGET_FIELDS.map((field) =>
    field === 'dayNight' ? (p.dayNight === null ? null : JSON.stringify(p.dayNight)) : p[field],
  );
}

/** `$from, $from+1, …` placeholders for PHASE_COLUMNS. */
export function phasePlaceholders(from: number): string {
  return PHASE_COLUMNS.map((_, i) => `$${from + i}`).join(', ');
}

export function phaseTargetsFromRow(row: Record<string, unknown>): PhaseTargets {
  return Object.fromEntries(
    PHASE_TARGET_FIELDS.map((f) => [f, row[column(f)]]),
  ) as unknown as PhaseTargets;
}
