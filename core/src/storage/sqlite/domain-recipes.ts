import type { Database } from 'better-sqlite3';
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
  phaseTargetsFromRow,
  phaseValues,
  refuse,
  SqliteFlatRepo,
  type Refusal,
} from './domain-rows.js';

export function createSqlitePlantRepo(db: Database): CatalogRepo<PlantRecord> {
  return new SqliteFlatRepo<PlantRecord>(db, {
    table: 'plants',
    fields: ['name', 'species', 'variety', 'description'],
    inUse: { code: 'plant_in_use', message: 'Recipes or grow cycles still refer to this plant' },
  });
}

export function createSqliteNutrientProductRepo(db: Database): CatalogRepo<NutrientProductRecord> {
  return new SqliteFlatRepo<NutrientProductRecord>(db, {
    table: 'nutrient_products',
    fields: ['name', 'manufacturer', 'component', 'description'],
    inUse: {
      code: 'nutrient_product_in_use',
      message: 'Recipe phases still refer to this product',
    },
  });
}

const REVISION_SELECT = `SELECT id, recipe_id AS recipeId, revision_number AS revisionNumber,
  status, description, published_at AS publishedAt, archived_at AS archivedAt,
  created_at AS createdAt, updated_at AS updatedAt FROM recipe_revisions`;

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

export class SqliteRecipeRepo implements RecipeRepo {
  private readonly recipes: SqliteFlatRepo<RecipeRecord>;

  constructor(private readonly db: Database) {
    this.recipes = new SqliteFlatRepo<RecipeRecord>(db, {
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
    return this.db
      .prepare(`${REVISION_SELECT} WHERE recipe_id = ? ORDER BY revision_number`)
      .all(recipeId) as RevisionRecord[];
  }

  async revisionById(id: number): Promise<RevisionRecord | null> {
    return this.revision(id);
  }

  async createRevision(
    input: { recipeId: number; description: string | null; copyFrom: number | null },
    now: number,
  ): Promise<RevisionRecord> {
    const id = this.db.transaction(() => {
      const result = this.db
        .prepare(
          `INSERT INTO recipe_revisions (recipe_id, revision_number, status, description,
             created_at, updated_at)
           SELECT ?, COALESCE(MAX(revision_number), 0) + 1, 'DRAFT', ?, ?, ?
           FROM recipe_revisions WHERE recipe_id = ?`,
        )
        .run(input.recipeId, input.description, now, now, input.recipeId);
      const revisionId = Number(result.lastInsertRowid);
      if (input.copyFrom !== null) {
        const columns = ['phase_index', ...PHASE_COLUMNS].join(', ');
        this.db
          .prepare(
            `INSERT INTO recipe_phases (revision_id, ${columns})
             SELECT ?, ${columns} FROM recipe_phases WHERE revision_id = ?`,
          )
          .run(revisionId, input.copyFrom);
      }
      return revisionId;
    })();
    return this.revision(id)!;
  }

  async updateRevision(
    id: number,
    patch: { description: string | null },
    now: number,
  ): Promise<RevisionRecord> {
    this.db.transaction(() => {
      this.requireDraft(id);
      this.db
        .prepare('UPDATE recipe_revisions SET description = ?, updated_at = ? WHERE id = ?')
        .run(patch.description, now, id);
    })();
    return this.revision(id)!;
  }

  async setRevisionStatus(
    id: number,
    from: RevisionStatus[],
    to: RevisionStatus,
    now: number,
  ): Promise<RevisionRecord | null> {
    const result = this.db
      .prepare(
        `UPDATE recipe_revisions SET status = ?, published_at = COALESCE(?, published_at),
           archived_at = COALESCE(?, archived_at), updated_at = ?
         WHERE id = ? AND status IN (SELECT value FROM json_each(?))
           AND (? <> 'PUBLISHED' OR EXISTS (SELECT 1 FROM recipe_phases WHERE revision_id = ?))`,
      )
      .run(
        to,
        to === 'PUBLISHED' ? now : null,
        to === 'ARCHIVED' ? now : null,
        now,
        id,
        JSON.stringify(from),
        to,
        id,
      );
    return result.changes > 0 ? this.revision(id) : null;
  }

  async phases(revisionId: number): Promise<RecipePhaseRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM recipe_phases WHERE revision_id = ? ORDER BY phase_index')
      .all(revisionId) as PhaseRow[];
    return rows.map(toPhase);
  }

  async phaseById(id: number): Promise<RecipePhaseRecord | null> {
    const row = this.db.prepare('SELECT * FROM recipe_phases WHERE id = ?').get(id) as
      PhaseRow | undefined;
    return row ? toPhase(row) : null;
  }

  async addPhase(
    revisionId: number,
    phaseIndex: number | null,
    targets: PhaseTargets,
    now: number,
  ): Promise<RecipePhaseRecord> {
    const id = refuse(isUniqueViolation, INDEX_TAKEN, () =>
      this.db.transaction(() => {
        this.requireDraft(revisionId);
        const index =
          phaseIndex ??
          (
            this.db
              .prepare(
                'SELECT COALESCE(MAX(phase_index) + 1, 0) AS next FROM recipe_phases WHERE revision_id = ?',
              )
              .get(revisionId) as { next: number }
          ).next;
        const result = this.db
          .prepare(
            `INSERT INTO recipe_phases (revision_id, phase_index, ${PHASE_COLUMNS.join(', ')})
             VALUES (?, ?, ${PHASE_COLUMNS.map(() => '?').join(', ')})`,
          )
          .run(revisionId, index, ...phaseValues(targets));
        this.touch(revisionId, now);
        return Number(result.lastInsertRowid);
      })(),
    );
    return (await this.phaseById(id))!;
  }

  async updatePhase(
    id: number,
    phaseIndex: number,
    targets: PhaseTargets,
    now: number,
  ): Promise<RecipePhaseRecord> {
    refuse(isUniqueViolation, INDEX_TAKEN, () =>
      this.db.transaction(() => {
        const revisionId = this.revisionOfPhase(id);
        this.requireDraft(revisionId);
        this.db
          .prepare(
            `UPDATE recipe_phases SET phase_index = ?,
               ${PHASE_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
          )
          .run(phaseIndex, ...phaseValues(targets), id);
        this.touch(revisionId, now);
      })(),
    );
    return (await this.phaseById(id))!;
  }

  async deletePhase(id: number, now: number): Promise<void> {
    this.db.transaction(() => {
      const revisionId = this.revisionOfPhase(id);
      this.requireDraft(revisionId);
      this.db.prepare('DELETE FROM recipe_phases WHERE id = ?').run(id);
      this.touch(revisionId, now);
    })();
  }

  private revision(id: number): RevisionRecord | null {
    return (
      (this.db.prepare(`${REVISION_SELECT} WHERE id = ?`).get(id) as RevisionRecord | undefined) ??
      null
    );
  }

  private revisionOfPhase(phaseId: number): number {
    const row = this.db
      .prepare('SELECT revision_id FROM recipe_phases WHERE id = ?')
      .get(phaseId) as { revision_id: number } | undefined;
    if (!row) throw new NotFoundError('recipe_phase', phaseId);
    return row.revision_id;
  }

  /** Inside the transaction that edits it: a revision stops being editable once published. */
  private requireDraft(revisionId: number): void {
    const revision = this.revision(revisionId);
    if (!revision) throw new NotFoundError('recipe_revision', revisionId);
    if (revision.status !== 'DRAFT')
      throw new ConflictError(
        'revision_not_editable',
        `Revision ${revision.revisionNumber} is ${revision.status}; only a DRAFT can change (create a new draft)`,
      );
  }

  private touch(revisionId: number, now: number): void {
    this.db.prepare('UPDATE recipe_revisions SET updated_at = ? WHERE id = ?').run(now, revisionId);
  }
}
