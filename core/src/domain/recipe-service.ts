import { NUTRIENT_COMPONENTS } from '../contracts/catalog.js';
import type {
  CreateRecipeRequest,
  RecipePhaseInput,
  RecipePhaseView,
  RecipeView,
  RevisionDetail,
  UpdateRecipeRequest,
} from '../contracts/recipes.js';
import type { PhaseTargets, RecipeRecord, RevisionRecord } from '../storage/domain-types.js';
import { audit, changes, type DomainContext } from './context.js';
import { ConflictError, NotFoundError, UnprocessableError, unknownReference } from './errors.js';
import { phaseTargetsOf, recipePhaseView, recipeView, revisionView } from './views.js';

/**
 * Recipes with revisions (reference-domain §2.2): only a DRAFT is editable, a PUBLISHED revision
 * is immutable (the repository refuses edits inside the editing transaction), and a new draft
 * starts as a copy of the latest revision.
 */
export class RecipeService {
  constructor(private readonly ctx: DomainContext) {}

  async list(): Promise<RecipeView[]> {
    const recipes = await this.ctx.storage.recipes.list();
    return Promise.all(recipes.map((r) => this.view(r)));
  }

  async get(id: number): Promise<RecipeView> {
    return this.view(await this.require(id));
  }

  /** The recipe with an empty DRAFT revision 1 to fill in. */
  async create(input: CreateRecipeRequest, actor: string): Promise<RecipeView> {
    const { storage, clock } = this.ctx;
    await this.checkPlant(input.plant_id);
    const recipe = await storage.recipes.create(
      { name: input.name, description: input.description, plantId: input.plant_id },
      clock.now(),
    );
    await storage.recipes.createRevision(
      { recipeId: recipe.id, description: null, copyFrom: null },
      clock.now(),
    );
    const view = await this.view(recipe);
    await audit(this.ctx, actor, 'recipe.create', recipeTarget(recipe.id), { after: view });
    return view;
  }

  async update(id: number, input: UpdateRecipeRequest, actor: string): Promise<RecipeView> {
    const before = await this.require(id);
    if (input.plant_id !== undefined) await this.checkPlant(input.plant_id);
    const patch = { name: input.name, description: input.description, plantId: input.plant_id };
    const diff = changes(before, patch);
    if (Object.keys(diff).length === 0) return this.view(before);
    const after = (await this.ctx.storage.recipes.update(id, patch, this.ctx.clock.now()))!;
    await audit(this.ctx, actor, 'recipe.update', recipeTarget(id), diff);
    return this.view(after);
  }

  /** With its revisions; refused (409 recipe_in_use) once a grow cycle used one. */
  async delete(id: number, actor: string): Promise<void> {
    const before = await this.require(id);
    await this.ctx.storage.recipes.delete(id);
    await audit(this.ctx, actor, 'recipe.delete', recipeTarget(id), { before: before.name });
  }

  async createRevision(
    recipeId: number,
    input: { from_revision_id?: number | undefined; description: string | null },
    actor: string,
  ): Promise<RevisionDetail> {
    const { storage, clock } = this.ctx;
    await this.require(recipeId);
    const revisions = await storage.recipes.revisions(recipeId);
    const source =
      input.from_revision_id === undefined
        ? revisions.at(-1)
        : revisions.find((r) => r.id === input.from_revision_id);
    if (input.from_revision_id !== undefined && !source)
      throw unknownReference('from_revision_id', input.from_revision_id);
    const created = await storage.recipes.createRevision(
      { recipeId, description: input.description, copyFrom: source?.id ?? null },
      clock.now(),
    );
    await audit(this.ctx, actor, 'recipe_revision.create', revisionTarget(created), {
      recipe_id: recipeId,
      copied_from: source?.id ?? null,
    });
    return this.revisionDetail(created);
  }

  async getRevision(id: number): Promise<RevisionDetail> {
    return this.revisionDetail(await this.requireRevision(id));
  }

  async updateRevision(
    id: number,
    input: { description: string | null },
    actor: string,
  ): Promise<RevisionDetail> {
    const before = await this.requireRevision(id);
    const after = await this.ctx.storage.recipes.updateRevision(id, input, this.ctx.clock.now());
    await audit(this.ctx, actor, 'recipe_revision.update', revisionTarget(after), {
      description: [before.description, after.description],
    });
    return this.revisionDetail(after);
  }

  /** DRAFT → PUBLISHED; a revision without phases cannot be published (422). */
  async publish(id: number, actor: string): Promise<RevisionDetail> {
    const before = await this.requireRevision(id);
    if (before.status !== 'DRAFT')
      throw new ConflictError('revision_not_draft', `Revision ${id} is ${before.status}`);
    const after = await this.ctx.storage.recipes.setRevisionStatus(
      id,
      ['DRAFT'],
      'PUBLISHED',
      this.ctx.clock.now(),
    );
    if (!after) {
      if ((await this.ctx.storage.recipes.phases(id)).length === 0)
        throw new UnprocessableError('revision_has_no_phases', 'Add a phase before publishing');
      throw new ConflictError('revision_not_draft', `Revision ${id} changed meanwhile`);
    }
    await audit(this.ctx, actor, 'recipe_revision.publish', revisionTarget(after), null);
    return this.revisionDetail(after);
  }

  /** DRAFT or PUBLISHED → ARCHIVED; running cycles keep their own copy of its phases. */
  async archive(id: number, actor: string): Promise<RevisionDetail> {
    await this.requireRevision(id);
    const after = await this.ctx.storage.recipes.setRevisionStatus(
      id,
      ['DRAFT', 'PUBLISHED'],
      'ARCHIVED',
      this.ctx.clock.now(),
    );
    if (!after) throw new ConflictError('revision_archived', `Revision ${id} is already archived`);
    await audit(this.ctx, actor, 'recipe_revision.archive', revisionTarget(after), null);
    return this.revisionDetail(after);
  }

  async getPhase(id: number): Promise<RecipePhaseView> {
    const phase = await this.ctx.storage.recipes.phaseById(id);
    if (!phase) throw new NotFoundError('recipe_phase', id);
    return recipePhaseView(phase);
  }

  async addPhase(
    revisionId: number,
    input: RecipePhaseInput,
    actor: string,
  ): Promise<RecipePhaseView> {
    await this.requireRevision(revisionId);
    const targets = await this.checkedTargets(input);
    const phase = await this.ctx.storage.recipes.addPhase(
      revisionId,
      input.phase_index ?? null,
      targets,
      this.ctx.clock.now(),
    );
    const view = recipePhaseView(phase);
    await audit(this.ctx, actor, 'recipe_phase.create', phaseTarget(phase.id), { after: view });
    return view;
  }

  async updatePhase(id: number, input: RecipePhaseInput, actor: string): Promise<RecipePhaseView> {
    const before = await this.getPhase(id);
    const targets = await this.checkedTargets(input);
    const phase = await this.ctx.storage.recipes.updatePhase(
      id,
      input.phase_index ?? before.phase_index,
      targets,
      this.ctx.clock.now(),
    );
    const after = recipePhaseView(phase);
    await audit(this.ctx, actor, 'recipe_phase.update', phaseTarget(id), changes(before, after));
    return after;
  }

  async deletePhase(id: number, actor: string): Promise<void> {
    const before = await this.getPhase(id);
    await this.ctx.storage.recipes.deletePhase(id, this.ctx.clock.now());
    await audit(this.ctx, actor, 'recipe_phase.delete', phaseTarget(id), { before });
  }

  /** Product ids must name products of the matching component (npk on the npk line, …). */
  private async checkedTargets(input: RecipePhaseInput): Promise<PhaseTargets> {
    for (const component of NUTRIENT_COMPONENTS) {
      const field = `nutrient_${component}_product_id` as const;
      const id = input[field];
      if (id === null) continue;
      const product = await this.ctx.storage.nutrientProducts.byId(id);
      if (!product) throw unknownReference(field, id);
      if (product.component !== component)
        throw new UnprocessableError(
          'nutrient_product_component_mismatch',
          `${field}: product ${id} is ${product.component}, not ${component}`,
        );
    }
    return phaseTargetsOf(input);
  }

  private async checkPlant(plantId: number | null): Promise<void> {
    if (plantId !== null && !(await this.ctx.storage.plants.byId(plantId)))
      throw unknownReference('plant_id', plantId);
  }

  private async require(id: number): Promise<RecipeRecord> {
    const found = await this.ctx.storage.recipes.byId(id);
    if (!found) throw new NotFoundError('recipe', id);
    return found;
  }

  private async requireRevision(id: number): Promise<RevisionRecord> {
    const found = await this.ctx.storage.recipes.revisionById(id);
    if (!found) throw new NotFoundError('recipe_revision', id);
    return found;
  }

  private async view(recipe: RecipeRecord): Promise<RecipeView> {
    return recipeView(recipe, await this.ctx.storage.recipes.revisions(recipe.id));
  }

  private async revisionDetail(revision: RevisionRecord): Promise<RevisionDetail> {
    const phases = await this.ctx.storage.recipes.phases(revision.id);
    return { ...revisionView(revision), phases: phases.map(recipePhaseView) };
  }
}

const recipeTarget = (id: number) => ({ type: 'recipe', id });
const revisionTarget = (r: RevisionRecord) => ({ type: 'recipe_revision', id: r.id });
const phaseTarget = (id: number) => ({ type: 'recipe_phase', id });
