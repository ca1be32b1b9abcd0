import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecipeViewSchema, RevisionDetailSchema } from '../../src/contracts/recipes.js';
import { apiClient } from '../helpers/api-client.js';
import { startCore, type Harness } from '../helpers/core-harness.js';

let h: Harness;
let api: ReturnType<typeof apiClient>;

const PHASE = {
  name: 'Seedling',
  ph_target: 5.8,
  ph_min: 5.5,
  ph_max: 6.1,
  ec_target: 1.2,
  ec_min: 1,
  ec_max: 1.4,
  nutrient_npk_ratio_pct: 40,
  nutrient_calcium_ratio_pct: 30,
  nutrient_magnesium_ratio_pct: 20,
  nutrient_micro_ratio_pct: 10,
  duration_days: 10,
};

beforeAll(async () => {
  h = await startCore();
  api = apiClient(h);
});
afterAll(() => h.stop());

describe('recipes API', () => {
  it('creates a recipe with an empty draft, validates phases and edits only the draft', async () => {
    const recipe = RecipeViewSchema.parse(
      api.data(
        await api.call('POST', '/api/recipes', { name: 'Lettuce', description: 'NFT' }),
        201,
      ),
    );
    expect(recipe.revisions).toMatchObject([{ revision_number: 1, status: 'DRAFT' }]);
    const revisionId = recipe.revisions[0]!.id;
    const phases = `/api/recipe-revisions/${revisionId}/phases`;

    const ratios = api.expectError(
      await api.call('POST', phases, { ...PHASE, nutrient_micro_ratio_pct: 0 }),
      422,
      'validation_failed',
    );
    expect(ratios.errors?.nutrient_ratios?.[0]).toMatch(/sum to 100/);
    const band = api.expectError(
      await api.call('POST', phases, { ...PHASE, ph_target: 7 }),
      422,
      'validation_failed',
    );
    expect(Object.keys(band.errors ?? {})).toEqual(['ph_target']);
    const partial = api.expectError(
      await api.call('POST', phases, { ...PHASE, nutrient_npk_ratio_pct: null }),
      422,
      'validation_failed',
    );
    expect(Object.keys(partial.errors ?? {})).toEqual(['nutrient_npk_ratio_pct']);
    const missing = api.expectError(
      await api.call('POST', phases, { ...PHASE, ec_max: undefined }),
      422,
      'validation_failed',
    );
    expect(Object.keys(missing.errors ?? {})).toEqual(['ec_max']);
    api.expectError(
      await api.call('POST', phases, { ...PHASE, day_night_enabled: true }),
      422,
      'validation_failed',
    );

    const first = api.data<{ id: number; phase_index: number }>(
      await api.call('POST', phases, PHASE),
      201,
    );
    const second = api.data<{ id: number; phase_index: number }>(
      await api.call('POST', phases, { ...PHASE, name: 'Veg', lighting_start_time: '06:00' }),
      201,
    );
    expect([first.phase_index, second.phase_index]).toEqual([0, 1]);
    api.expectError(
      await api.call('POST', phases, { ...PHASE, phase_index: 1 }),
      409,
      'phase_index_taken',
    );

    const patched = await api.call('PATCH', `/api/recipe-revision-phases/${second.id}`, {
      ph_target: 6,
    });
    expect(api.data(patched)).toMatchObject({
      name: 'Veg',
      ph_target: 6,
      lighting_start_time: '06:00',
    });
    const outOfBand = api.expectError(
      await api.call('PATCH', `/api/recipe-revision-phases/${second.id}`, { ph_max: 5.9 }),
      422,
      'validation_failed',
    );
    expect(outOfBand.errors).toHaveProperty('ph_target');
    expect(
      api.data(
        await api.call('PATCH', `/api/recipe-revisions/${revisionId}`, { description: 'v1' }),
      ),
    ).toMatchObject({
      description: 'v1',
    });

    const published = RevisionDetailSchema.parse(
      api.data(await api.call('POST', `/api/recipe-revisions/${revisionId}/publish`)),
    );
    expect(published).toMatchObject({
      status: 'PUBLISHED',
      phases: [{ name: 'Seedling' }, { name: 'Veg' }],
    });
    expect(published.published_at).not.toBeNull();
    // A published revision is immutable.
    api.expectError(await api.call('POST', phases, PHASE), 409, 'revision_not_editable');
    api.expectError(
      await api.call('PATCH', `/api/recipe-revision-phases/${first.id}`, { ph_target: 6 }),
      409,
      'revision_not_editable',
    );
    api.expectError(
      await api.call('DELETE', `/api/recipe-revision-phases/${first.id}`),
      409,
      'revision_not_editable',
    );
    api.expectError(
      await api.call('PATCH', `/api/recipe-revisions/${revisionId}`, { description: 'x' }),
      409,
      'revision_not_editable',
    );
    api.expectError(
      await api.call('POST', `/api/recipe-revisions/${revisionId}/publish`),
      409,
      'revision_not_draft',
    );

    const draft = RevisionDetailSchema.parse(
      api.data(
        await api.call('POST', `/api/recipes/${recipe.id}/revisions`, { description: 'v2' }),
        201,
      ),
    );
    expect(draft).toMatchObject({ revision_number: 2, status: 'DRAFT', description: 'v2' });
    expect(draft.phases.map((p) => [p.phase_index, p.name, p.ph_target])).toEqual([
      [0, 'Seedling', 5.8],
      [1, 'Veg', 6],
    ]);
    expect(
      api.data(await api.call('DELETE', `/api/recipe-revision-phases/${draft.phases[1]!.id}`)),
    ).toMatchObject({
      deleted: true,
    });
    expect(
      api.data(await api.call('POST', `/api/recipe-revisions/${revisionId}/archive`)),
    ).toMatchObject({
      status: 'ARCHIVED',
    });
    api.expectError(
      await api.call('POST', `/api/recipe-revisions/${revisionId}/archive`),
      409,
      'revision_archived',
    );
    const listed = RecipeViewSchema.parse(
      api.data(await api.call('GET', `/api/recipes/${recipe.id}`)),
    );
    expect(listed.revisions.map((r) => [r.revision_number, r.status])).toEqual([
      [1, 'ARCHIVED'],
      [2, 'DRAFT'],
    ]);
  });

  it('refuses to publish an empty draft and checks references', async () => {
    const recipe = RecipeViewSchema.parse(
      api.data(await api.call('POST', '/api/recipes', { name: 'Empty' }), 201),
    );
    const revisionId = recipe.revisions[0]!.id;
    api.expectError(
      await api.call('POST', `/api/recipe-revisions/${revisionId}/publish`),
      422,
      'revision_has_no_phases',
    );
    api.expectError(
      await api.call('POST', '/api/recipes', { name: 'X', plant_id: 999_999 }),
      422,
      'unknown_reference',
    );
    const calcium = api.data(
      await api.call('POST', '/api/nutrient-products', { name: 'CalMag', component: 'calcium' }),
      201,
    );
    api.expectError(
      await api.call('POST', `/api/recipe-revisions/${revisionId}/phases`, {
        ...PHASE,
        nutrient_npk_product_id: calcium.id,
      }),
      422,
      'nutrient_product_component_mismatch',
    );
    api.expectError(
      await api.call('POST', `/api/recipes/${recipe.id}/revisions`, { from_revision_id: 999_999 }),
      422,
      'unknown_reference',
    );
    api.expectError(await api.call('GET', '/api/recipes/999999'), 404, 'recipe_not_found');
    api.expectError(
      await api.call('GET', '/api/recipe-revisions/999999'),
      404,
      'recipe_revision_not_found',
    );
    api.expectError(
      await api.call('PATCH', '/api/recipe-revision-phases/999999', { name: 'x' }),
      404,
      'recipe_phase_not_found',
    );
    expect(api.data(await api.call('DELETE', `/api/recipes/${recipe.id}`))).toEqual({
      id: recipe.id,
      deleted: true,
    });
  });
});
