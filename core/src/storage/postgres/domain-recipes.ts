import type pg from 'pg';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import type {
  CatalogRepo,
  NutrientProductRecord,
  PhaseTargets,
  PlantRecord,
  RecipePhaseRecord,
  RecipeRecord,
  RecipeRepo,
  RevisionRecord,
  RevisionStatus,
} from '../domain-types.js';
import {
  isUniqueViolation,
  PHASE_COLUMNS,
  phasePlaceholders,
  phaseTargetsFromRow,
  phaseValues,
  PostgresFlatRepo,
  refuse,
  type Queryable,
  type Refusal,
} from './domain-rows.js';
import { inTransaction } from './pool.js';
import { selectList } from './rows.js';

export function createPostgresPlantRepo(pool: pg.Pool): CatalogRepo<PlantRecord> {
  return new PostgresFlatRepo<PlantRecord>(pool, {
    table: 'plants',
    fields: ['name', 'species', 'variety', 'description'],
    inUse: { code: 'plant_in_use', message: 'Recipes or grow cycles still refer to this plant' },
  });
}

export function createPostgresNutrientProductRepo(
  pool: pg.Pool,
): CatalogRepo<NutrientProductRecord> {
  return new PostgresFlatRepo<NutrientProductRecord>(pool, {
    table: 'nutrient_products',
    fields: ['name', 'manufacturer', 'component', 'description'],
    inUse: {
      code: 'nutrient_product_in_use',
      message: 'Recipe phases still refer to this product',
    },
  });
}

const REVISION_SELECT = `SELECT ${selectList<RevisionRecord>({
  id: true,
  recipeId: true,
  revisionNumber: true,
  status: true,
  description: true,
  publishedAt: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
})} FROM recipe_revisions`;

const INDEX_TAKEN: Refusal = {
  code: 'phase_index_taken',
  message: 'The revision already has a phase with that phase_index',
};

type PhaseRow = Record<string, unknown> & { id: number; revision_id: number; phase_index: number };

const toPhase = (row: PhaseRow): RecipePhaseRecord => ({
  id: row.id,
  revisionId: row.revision_id,
  phaseIndex: row.phase_index,
  ...phaseTargetsFromRow(row),
});

export class PostgresRecipeRepo implements RecipeRepo {
  private readonly recipes: PostgresFlatRepo<RecipeRecord>;

  constructor(private readonly pool: pg.Pool) {
    this.recipes = new PostgresFlatRepo<RecipeRecord>(pool, {
      table: 'recipes',
      fields: ['name', 'description', 'plantId'],
      inUse: { code: 'recipe_in_use', message: 'Grow cycles were run from this recipe' },
    });
  }

  create(input: Omit<RecipeRecord, 'id' | 'createdAt' | 'updatedAt'>, now: number) {
    return this.recipes.create(input, now);
  }

  byId(id: number) {
    return this.recipes.byId(id);
  }

  list() {
    return this.recipes.list();
  }

  update(
    id: number,
    patch: Partial<Omit<RecipeRecord, 'id' | 'createdAt' | 'updatedAt'>>,
    now: number,
  ) {
    return this.recipes.update(id, patch, now);
  }

  delete(id: number) {
    return this.recipes.delete(id);
  }

  async revisions(recipeId: number): Promise<RevisionRecord[]> {
    const result = await this.pool.query<RevisionRecord>(
      `${REVISION_SELECT} WHERE recipe_id = $1 ORDER BY revision_number`,
      [recipeId],
    );
    return result.rows;
  }

  revisionById(id: number): Promise<RevisionRecord | null> {
    return this.revision(this.pool, id);
  }

  async createRevision(
    input: { recipeId: number; description: string | null; copyFrom: number | null },
    now: number,
  ): Promise<RevisionRecord> {
    return inTransaction(this.pool, async (client) => {
      // The recipe row lock numbers concurrent drafts one after the other.
      await client.query('SELECT 1 FROM recipes WHERE id = $1 FOR UPDATE', [input.recipeId]);
      const result = await client.query<{ id: number }>(
        `INSERT INTO recipe_revisions (recipe_id, revision_number, status, description,
           created_at, updated_at)
         SELECT $1, COALESCE(MAX(revision_number), 0) + 1, 'DRAFT', $2, $3, $3
         FROM recipe_revisions WHERE recipe_id = $1 RETURNING id`,
        [input.recipeId, input.description, now],
      );
      const revisionId = result.rows[0]!.id;
      if (input.copyFrom !== null) {
        const columns = ['phase_index', ...PHASE_COLUMNS].join(', ');
        await client.query(
          `INSERT INTO recipe_phases (revision_id, ${columns})
           SELECT $1, ${columns} FROM recipe_phases WHERE revision_id = $2`,
          [revisionId, input.copyFrom],
        );
      }
      return (await this.revision(client, revisionId))!;
    });
  }

  async updateRevision(
    id: number,
    patch: { description: string | null },
    now: number,
  ): Promise<RevisionRecord> {
    return inTransaction(this.pool, async (client) => {
      await this.requireDraft(client, id);
      await client.query(
        'UPDATE recipe_revisions SET description = $1, updated_at = $2 WHERE id = $3',
        [patch.description, now, id],
      );
      return (await this.revision(client, id))!;
    });
  }

  async setRevisionStatus(
    id: number,
    from: RevisionStatus[],
    to: RevisionStatus,
    now: number,
  ): Promise<RevisionRecord | null> {
    const result = await this.pool.query(
      `UPDATE recipe_revisions SET status = $1, published_at = COALESCE($2, published_at),
         archived_at = COALESCE($3, archived_at), updated_at = $4
       WHERE id = $5 AND status = ANY($6::text[])
         AND ($1 <> 'PUBLISHED' OR EXISTS (SELECT 1 FROM recipe_phases WHERE revision_id = $5))`,
      [to, to === 'PUBLISHED' ? now : null, to === 'ARCHIVED' ? now : null, now, id, from],
    );
    return (result.rowCount ?? 0) > 0 ? this.revision(this.pool, id) : null;
  }

  async phases(revisionId: number): Promise<RecipePhaseRecord[]> {
    const result = await this.pool.query<PhaseRow>(
      'SELECT * FROM recipe_phases WHERE revision_id = $1 ORDER BY phase_index',
      [revisionId],
    );
    return result.rows.map(toPhase);
  }

  async phaseById(id: number): Promise<RecipePhaseRecord | null> {
    const result = await this.pool.query<PhaseRow>('SELECT * FROM recipe_phases WHERE id = $1', [
      id,
    ]);
    return result.rows[0] ? toPhase(result.rows[0]) : null;
  }

  async addPhase(
    revisionId: number,
    phaseIndex: number | null,
    targets: PhaseTargets,
    now: number,
  ): Promise<RecipePhaseRecord> {
    const id = await refuse(isUniqueViolation, INDEX_TAKEN, () =>
      inTransaction(this.pool, async (client) => {
        await this.requireDraft(client, revisionId);
        const next = await client.query<{ next: number }>(
          'SELECT COALESCE(MAX(phase_index) + 1, 0) AS next FROM recipe_phases WHERE revision_id = $1',
          [revisionId],
        );
        const result = await client.query<{ id: number }>(
          `INSERT INTO recipe_phases (revision_id, phase_index, ${PHASE_COLUMNS.join(', ')})
           VALUES ($1, $2, ${phasePlaceholders(3)}) RETURNING id`,
          [revisionId, phaseIndex ?? next.rows[0]!.next, ...phaseValues(targets)],
        );
        await this.touch(client, revisionId, now);
        return result.rows[0]!.id;
      }),
    );
    return (await this.phaseById(id))!;
  }

  async updatePhase(
    id: number,
    phaseIndex: number,
    targets: PhaseTargets,
    now: number,
  ): Promise<RecipePhaseRecord> {
    await refuse(isUniqueViolation, INDEX_TAKEN, () =>
      inTransaction(this.pool, async (client) => {
        const revisionId = await this.revisionOfPhase(client, id);
        await this.requireDraft(client, revisionId);
        const sets = PHASE_COLUMNS.map((c, i) => `${c} = $${i + 3}`).join(', ');
        await client.query(`UPDATE recipe_phases SET phase_index = $2, ${sets} WHERE id = $1`, [
          id,
          phaseIndex,
          ...phaseValues(targets),
        ]);
        await this.touch(client, revisionId, now);
      }),
    );
    return (await this.phaseById(id))!;
  }

  async deletePhase(id: number, now: number): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const revisionId = await this.revisionOfPhase(client, id);
      await this.requireDraft(client, revisionId);
      await client.query('DELETE FROM recipe_phases WHERE id = $1', [id]);
      await this.touch(client, revisionId, now);
    });
  }

  private async revision(db: Queryable, id: number, lock = false): Promise<RevisionRecord | null> {
    const result = await db.query<RevisionRecord>(
      `${REVISION_SELECT} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return result.rows[0] ?? null;
  }

  private async revisionOfPhase(client: pg.PoolClient, phaseId: number): Promise<number> {
    const result = await client.query<{ revision_id: number }>(
      'SELECT revision_id FROM recipe_phases WHERE id = $1',
      [phaseId],
    );
    if (!result.rows[0]) throw new NotFoundError('recipe_phase', phaseId);
    return result.rows[0].revision_id;
  }

  /** Locks the revision row, so a concurrent publish waits for this edit (or this edit fails). */
  private async requireDraft(client: pg.PoolClient, revisionId: number): Promise<void> {
    const revision = await this.revision(client, revisionId, true);
    if (!revision) throw new NotFoundError('recipe_revision', revisionId);
    if (revision.status !== 'DRAFT')
      throw new ConflictError(
        'revision_not_editable',
        `Revision ${revision.revisionNumber} is ${revision.status}; only a DRAFT can change (create a new draft)`,
      );
  }

  private async touch(client: pg.PoolClient, revisionId: number, now: number): Promise<void> {
    await client.query('UPDATE recipe_revisions SET updated_at = $1 WHERE id = $2', [
      now,
      revisionId,
    ]);
  }
}
