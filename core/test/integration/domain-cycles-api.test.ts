import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CycleDetailSchema, type CycleDetail } from '../../src/contracts/cycles.js';
import { RecipeViewSchema, RevisionDetailSchema } from '../../src/contracts/recipes.js';
import { EffectiveTargetsSchema } from '../../src/contracts/zones.js';
import { apiClient } from '../helpers/api-client.js';
import { startCore, type Harness } from '../helpers/core-harness.js';

let h: Harness;
let api: ReturnType<typeof apiClient>;
let greenhouseId: number;

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

/** A recipe whose first revision has `phases` and is published; returns the revision id. */
async function publishedRecipe(phases: Record<string, unknown>[]): Promise<number> {
  const recipe = RecipeViewSchema.parse(
    api.data(await api.call('POST', '/api/recipes', { name: 'R' }), 201),
  );
  const revisionId = recipe.revisions[0]!.id;
  for (const phase of phases)
    api.data(
      await api.call('POST', `/api/recipe-revisions/${revisionId}/phases`, { ...PHASE, ...phase }),
      201,
    );
  api.data(await api.call('POST', `/api/recipe-revisions/${revisionId}/publish`));
  return revisionId;
}

async function newZone(name: string): Promise<number> {
  return api.data(await api.call('POST', '/api/zones', { greenhouse_id: greenhouseId, name }), 201)
    .id;
}

beforeAll(async () => {
  h = await startCore();
  api = apiClient(h);
  greenhouseId = api.data(
    await api.call('POST', '/api/greenhouses', { name: 'Cycles House' }),
    201,
  ).id;
});
afterAll(() => h.stop());

describe('grow cycles API', () => {
  it('runs a cycle through its states, one active per zone, with recorded transitions', async () => {
    const zoneId = await newZone('Cycle Zone');
    const revisionId = await publishedRecipe([
      { name: 'Seedling' },
      { name: 'Veg', ph_target: 6, ph_max: 6.4 },
    ]);
    const create = `/api/zones/${zoneId}/grow-cycles`;
    const cycle = CycleDetailSchema.parse(
      api.data(
        await api.call('POST', create, { recipe_revision_id: revisionId, batch_label: 'L-1' }),
        201,
      ),
    );
    expect(cycle).toMatchObject({ status: 'PLANNED', batch_label: 'L-1', phase_count: 2 });
    api.expectError(
      await api.call('POST', create, { recipe_revision_id: revisionId }),
      409,
      'zone_has_active_cycle',
    );
    api.expectError(await api.call('DELETE', `/api/zones/${zoneId}`), 409, 'zone_has_active_cycle');
    // A planned cycle has not started: no targets yet.
    expect(api.data(await api.call('GET', `/api/zones/${zoneId}/effective-targets`))).toMatchObject(
      {
        ph: null,
      },
    );

    const act = (action: string, body: unknown = {}) =>
      api.call('POST', `/api/grow-cycles/${cycle.id}/${action}`, body);
    const running = CycleDetailSchema.parse(api.data(await act('start', { comment: 'planted' })));
    expect(running).toMatchObject({
      status: 'RUNNING',
      current_phase: { phase_index: 0, name: 'Seedling' },
    });
    expect(running.started_at).not.toBeNull();
    expect(running.expected_harvest_at).toBe(
      new Date(Date.parse(running.started_at!) + 20 * 86_400_000).toISOString(),
    );
    api.expectError(await act('start'), 409, 'cycle_invalid_transition');
    expect(api.data(await act('pause'))).toMatchObject({ status: 'PAUSED' });
    api.expectError(await act('pause'), 409, 'cycle_invalid_transition');
    expect(api.data(await act('resume'))).toMatchObject({ status: 'RUNNING' });

    const targets = EffectiveTargetsSchema.parse(
      api.data(await api.call('GET', `/api/zones/${zoneId}/effective-targets`)),
    );
    expect(targets).toMatchObject({
      cycle_id: cycle.id,
      phase: { phase_index: 0 },
      ph: { target: 5.8 },
    });
    expect(api.data(await act('advance-phase', { comment: 'roots ok' }))).toMatchObject({
      current_phase: { phase_index: 1, name: 'Veg', has_next: false },
    });
    expect(api.data(await api.call('GET', `/api/zones/${zoneId}/effective-targets`))).toMatchObject(
      {
        phase: { phase_index: 1 },
        ph: { target: 6, max: 6.4 },
      },
    );
    api.expectError(await act('advance-phase'), 409, 'cycle_no_next_phase');
    api.expectError(await act('set-phase', { phase_index: 7 }), 422, 'cycle_phase_not_found');
    api.expectError(await act('set-phase', {}), 422, 'validation_failed');
    expect(api.data(await act('set-phase', { phase_index: 0 }))).toMatchObject({
      current_phase: { phase_index: 0 },
    });
    api.expectError(await act('set-phase', { phase_index: 0 }), 409, 'cycle_already_in_phase');

    const harvested = CycleDetailSchema.parse(api.data(await act('harvest', { yield_kg: 4.5 })));
    expect(harvested).toMatchObject({ status: 'HARVESTED', yield_kg: 4.5 });
    expect(harvested.transitions.map((t) => t.trigger_type)).toEqual([
      'CYCLE_CREATED',
      'CYCLE_STARTED',
      'CYCLE_PAUSED',
      'CYCLE_RESUMED',
      'MANUAL_ADVANCE',
      'MANUAL_SWITCH',
      'HARVEST',
    ]);
    expect(harvested.transitions[4]).toMatchObject({ comment: 'roots ok', actor: 'api-token' });
    api.expectError(await act('abort'), 409, 'cycle_invalid_transition');
    expect(api.data(await api.call('GET', `/api/zones/${zoneId}/grow-cycle`))).toBeNull();
    expect(api.data(await api.call('GET', `/api/zones/${zoneId}/effective-targets`))).toMatchObject(
      {
        ph: null,
      },
    );

    // The zone is free again; an aborted planned cycle frees it too.
    const next = api.data(await api.call('POST', create, { recipe_revision_id: revisionId }), 201);
    expect(api.data(await api.call('GET', `/api/zones/${zoneId}/grow-cycle`))).toMatchObject({
      id: next.id,
    });
    expect(api.data(await api.call('POST', `/api/grow-cycles/${next.id}/abort`))).toMatchObject({
      status: 'ABORTED',
    });
    const history = api.data<{ id: number }[]>(
      await api.call('GET', `/api/grow-cycles?zone_id=${zoneId}`),
    );
    expect(history.map((c) => c.id)).toEqual([next.id, cycle.id]);
    const harvestedOnly = api.data<{ id: number }[]>(
      await api.call('GET', `/api/grow-cycles?status=HARVESTED&zone_id=${zoneId}`),
    );
    expect(harvestedOnly.map((c) => c.id)).toEqual([cycle.id]);
    await vi.waitFor(async () => {
      const events = await api.loggedEvents<{ cycle?: { id: number; status: string } }>();
      const updates = events.filter(
        (e) => e.event === 'cycle.updated' && e.data.cycle?.id === cycle.id,
      );
      expect(updates.map((e) => e.data.cycle!.status)).toContain('HARVESTED');
    });
  });

  it('keeps the running cycle on its own copy of the phases when the recipe changes', async () => {
    const zoneId = await newZone('Snapshot Zone');
    const revisionId = await publishedRecipe([{ name: 'Only', ph_target: 5.8 }]);
    const cycle = api.data<CycleDetail>(
      await api.call('POST', `/api/zones/${zoneId}/grow-cycles`, {
        recipe_revision_id: revisionId,
        start_immediately: true,
      }),
      201,
    );
    expect(cycle.status).toBe('RUNNING');
    const revision = RevisionDetailSchema.parse(
      api.data(await api.call('GET', `/api/recipe-revisions/${revisionId}`)),
    );
    const draft = RevisionDetailSchema.parse(
      api.data(await api.call('POST', `/api/recipes/${revision.recipe_id}/revisions`, {}), 201),
    );
    await api.call('PATCH', `/api/recipe-revision-phases/${draft.phases[0]!.id}`, {
      ph_target: 6.1,
      ph_max: 6.5,
    });
    api.data(await api.call('POST', `/api/recipe-revisions/${draft.id}/publish`));
    api.data(await api.call('POST', `/api/recipe-revisions/${revisionId}/archive`));
    const detail = CycleDetailSchema.parse(
      api.data(await api.call('GET', `/api/grow-cycles/${cycle.id}`)),
    );
    expect(detail.phases[0]).toMatchObject({ name: 'Only', ph_target: 5.8 });
    expect(api.data(await api.call('GET', `/api/zones/${zoneId}/effective-targets`))).toMatchObject(
      {
        ph: { target: 5.8 },
      },
    );
    api.expectError(
      await api.call('DELETE', `/api/recipes/${revision.recipe_id}`),
      409,
      'recipe_in_use',
    );
  });

  it('answers 409 for an unpublished revision, 422 for bad input, 404 for missing cycles', async () => {
    const zoneId = await newZone('Errors Zone');
    const recipe = RecipeViewSchema.parse(
      api.data(await api.call('POST', '/api/recipes', { name: 'Draft only' }), 201),
    );
    const create = `/api/zones/${zoneId}/grow-cycles`;
    api.expectError(
      await api.call('POST', create, { recipe_revision_id: recipe.revisions[0]!.id }),
      409,
      'revision_not_published',
    );
    api.expectError(
      await api.call('POST', create, { recipe_revision_id: 999_999 }),
      422,
      'unknown_reference',
    );
    const bad = api.expectError(
      await api.call('POST', create, { recipe_revision_id: 'one', planting_at: 'yesterday' }),
      422,
      'validation_failed',
    );
    expect(Object.keys(bad.errors ?? {}).sort()).toEqual(['planting_at', 'recipe_revision_id']);
    const noRatios = await publishedRecipe([
      {
        nutrient_npk_ratio_pct: null,
        nutrient_calcium_ratio_pct: null,
        nutrient_magnesium_ratio_pct: null,
        nutrient_micro_ratio_pct: null,
      },
    ]);
    api.expectError(
      await api.call('POST', create, { recipe_revision_id: noRatios }),
      422,
      'recipe_phase_ratios_missing',
    );
    api.expectError(
      await api.call('POST', '/api/zones/999999/grow-cycles', { recipe_revision_id: noRatios }),
      404,
      'zone_not_found',
    );
    api.expectError(await api.call('GET', '/api/grow-cycles/999999'), 404, 'grow_cycle_not_found');
    api.expectError(
      await api.call('POST', '/api/grow-cycles/999999/pause'),
      404,
      'grow_cycle_not_found',
    );
    api.expectError(
      await api.call('GET', '/api/grow-cycles?status=GROWING'),
      422,
      'validation_failed',
    );
  });
});
