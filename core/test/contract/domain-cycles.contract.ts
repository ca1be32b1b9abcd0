import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../src/domain/errors.js';
import type { CycleChange, CycleInput } from '../../src/storage/domain-types.js';
import type { Storage } from '../../src/storage/storage.js';
import { phaseTargets, publishedRevision } from './domain-records.js';
import { seedZone, T0 } from './records.js';
import type { StorageUnderTest } from './storage.contract.js';

/** A ConflictError with `code`, as an asymmetric matcher. */
const conflict = (code: string): unknown =>
  expect.objectContaining({ code, constructor: ConflictError });

/** Recipes with revisions and phases, and grow cycles, the same on every dialect. */
export function describeDomainCyclesContract(
  name: string,
  makeStorage: () => Promise<StorageUnderTest>,
): void {
  describe(`Recipe and cycle contract: ${name}`, () => {
    let store: StorageUnderTest;
    let s: Storage;
    beforeEach(async () => {
      store = await makeStorage();
      s = store.storage;
    });
    afterEach(() => store.close());

    async function draft() {
      const recipe = await s.recipes.create({ name: 'R', description: 'd', plantId: null }, T0);
      const revision = await s.recipes.createRevision(
        { recipeId: recipe.id, description: 'first', copyFrom: null },
        T0,
      );
      return { recipe, revision };
    }

    describe('recipes', () => {
      it('round-trips every phase column, appends phases and refuses a taken phase_index', async () => {
        const { revision } = await draft();
        expect(revision).toMatchObject({ revisionNumber: 1, status: 'DRAFT', publishedAt: null });
        const full = phaseTargets();
        const first = await s.recipes.addPhase(revision.id, null, full, T0);
        expect(first).toEqual({ id: first.id, revisionId: revision.id, phaseIndex: 0, ...full });
        const sparse = phaseTargets({
          name: 'Flower',
          nutrientNpkRatioPct: null,
          nutrientCalciumRatioPct: null,
          nutrientMagnesiumRatioPct: null,
          nutrientMicroRatioPct: null,
          irrigationMode: null,
          lightingStartTime: null,
          durationHours: null,
          dayNightEnabled: false,
          dayNight: null,
        });
        const second = await s.recipes.addPhase(revision.id, null, sparse, T0);
        expect(second).toEqual({
          id: second.id,
          revisionId: revision.id,
          phaseIndex: 1,
          ...sparse,
        });
        await expect(s.recipes.addPhase(revision.id, 1, full, T0)).rejects.toEqual(
          conflict('phase_index_taken'),
        );
        const moved = await s.recipes.updatePhase(second.id, 5, { ...sparse, phTarget: 6 }, T0);
        expect(moved).toMatchObject({ phaseIndex: 5, phTarget: 6, name: 'Flower' });
        expect((await s.recipes.phases(revision.id)).map((p) => p.phaseIndex)).toEqual([0, 5]);
        await s.recipes.deletePhase(first.id, T0);
        expect(await s.recipes.phaseById(first.id)).toBeNull();
        await expect(s.recipes.deletePhase(first.id, T0)).rejects.toBeInstanceOf(NotFoundError);
      });

      it('publishes only a draft with phases; a published revision refuses every edit', async () => {
        const { revision } = await draft();
        expect(
          await s.recipes.setRevisionStatus(revision.id, ['DRAFT'], 'PUBLISHED', T0),
        ).toBeNull();
        const phase = await s.recipes.addPhase(revision.id, null, phaseTargets(), T0);
        const published = await s.recipes.setRevisionStatus(
          revision.id,
          ['DRAFT'],
          'PUBLISHED',
          T0 + 1,
        );
        expect(published).toMatchObject({ status: 'PUBLISHED', publishedAt: T0 + 1 });
        expect(
          await s.recipes.setRevisionStatus(revision.id, ['DRAFT'], 'PUBLISHED', T0),
        ).toBeNull();
        const refused = conflict('revision_not_editable');
        await expect(s.recipes.addPhase(revision.id, null, phaseTargets(), T0)).rejects.toEqual(
          refused,
        );
        await expect(
          s.recipes.updatePhase(phase.id, 0, phaseTargets({ phTarget: 6 }), T0),
        ).rejects.toEqual(refused);
        await expect(s.recipes.deletePhase(phase.id, T0)).rejects.toEqual(refused);
        await expect(
          s.recipes.updateRevision(revision.id, { description: 'x' }, T0),
        ).rejects.toEqual(refused);
        expect(await s.recipes.phases(revision.id)).toEqual([phase]);
        const archived = await s.recipes.setRevisionStatus(
          revision.id,
          ['DRAFT', 'PUBLISHED'],
          'ARCHIVED',
          T0 + 2,
        );
        expect(archived).toMatchObject({
          status: 'ARCHIVED',
          publishedAt: T0 + 1,
          archivedAt: T0 + 2,
        });
      });

      it('numbers new drafts after the last revision and copies the given one’s phases', async () => {
        const { recipe, revision } = await draft();
        await s.recipes.addPhase(revision.id, null, phaseTargets({ name: 'A' }), T0);
        await s.recipes.addPhase(revision.id, 3, phaseTargets({ name: 'B' }), T0);
        const copy = await s.recipes.createRevision(
          { recipeId: recipe.id, description: null, copyFrom: revision.id },
          T0 + 1,
        );
        expect(copy).toMatchObject({ recipeId: recipe.id, revisionNumber: 2, status: 'DRAFT' });
        const strip = (p: { id: number; revisionId: number }) => ({ ...p, id: 0, revisionId: 0 });
        expect((await s.recipes.phases(copy.id)).map(strip)).toEqual(
          (await s.recipes.phases(revision.id)).map(strip),
        );
        const empty = await s.recipes.createRevision(
          { recipeId: recipe.id, description: null, copyFrom: null },
          T0,
        );
        expect(empty.revisionNumber).toBe(3);
        expect(await s.recipes.phases(empty.id)).toEqual([]);
        expect((await s.recipes.revisions(recipe.id)).map((r) => r.revisionNumber)).toEqual([
          1, 2, 3,
        ]);
        expect(await s.recipes.delete(recipe.id)).toBe(true);
        expect(await s.recipes.revisionById(copy.id)).toBeNull();
      });
    });

    describe('grow cycles', () => {
      async function cycleInput(zoneId: number): Promise<CycleInput> {
        const { revision, phases } = await publishedRevision(s);
        return {
          zoneId,
          recipeRevisionId: revision.id,
          plantId: null,
          batchLabel: 'B-1',
          notes: null,
          plantingAt: null,
          phases: phases.map((p) => ({ ...p, sourcePhaseId: p.id })),
          actor: 'tester',
        };
      }

      const start: CycleChange = {
        from: ['PLANNED'],
        fromPhaseIndex: 0,
        status: 'RUNNING',
        phaseIndex: 0,
        endPhase: false,
        startPhase: true,
        fields: { startedAt: T0 + 10, plantingAt: T0 + 10 },
        trigger: 'CYCLE_STARTED',
        actor: 'tester',
        comment: 'go',
      };

      it('creates a PLANNED cycle with a snapshot of every phase and one active per zone', async () => {
        const zone = await seedZone(s);
        const input = await cycleInput(zone.id);
        const cycle = await s.cycles.create(input, T0);
        expect(cycle).toMatchObject({
          zoneId: zone.id,
          status: 'PLANNED',
          currentPhaseIndex: 0,
          phaseStartedAt: null,
          batchLabel: 'B-1',
          recipeCompletedAt: null,
        });
        const snapshot = await s.cycles.phases(cycle.id);
        expect(snapshot.map((p) => [p.phaseIndex, p.name, p.sourcePhaseId])).toEqual(
          input.phases.map((p) => [p.phaseIndex, p.name, p.sourcePhaseId]),
        );
        expect(snapshot[0]).toMatchObject({
          ...phaseTargets(),
          cycleId: cycle.id,
          startedAt: null,
        });
        await expect(s.cycles.create(input, T0)).rejects.toEqual(conflict('zone_has_active_cycle'));
        expect(await s.cycles.activeForZone(zone.id)).toEqual(cycle);
        expect(await s.cycles.transitions(cycle.id)).toEqual([
          expect.objectContaining({
            triggerType: 'CYCLE_CREATED',
            fromStatus: null,
            toStatus: 'PLANNED',
          }),
        ]);
      });

      it('applies a change only from the expected status and phase, and records it', async () => {
        const zone = await seedZone(s);
        const cycle = await s.cycles.create(await cycleInput(zone.id), T0);
        const running = await s.cycles.apply(cycle.id, start, T0 + 10);
        expect(running).toMatchObject({
          status: 'RUNNING',
          startedAt: T0 + 10,
          phaseStartedAt: T0 + 10,
        });
        expect(await s.cycles.apply(cycle.id, start, T0 + 11)).toBeNull();
        const advance: CycleChange = {
          ...start,
          from: ['RUNNING', 'PAUSED'],
          status: 'RUNNING',
          phaseIndex: 1,
          endPhase: true,
          fields: {},
          trigger: 'AUTO_ADVANCE',
          comment: null,
        };
        expect(await s.cycles.markRecipeCompleted(cycle.id, T0 + 15)).toBe(true);
        expect(await s.cycles.markRecipeCompleted(cycle.id, T0 + 16)).toBe(false);
        const advanced = await s.cycles.apply(cycle.id, advance, T0 + 20);
        expect(advanced).toMatchObject({
          currentPhaseIndex: 1,
          phaseStartedAt: T0 + 20,
          recipeCompletedAt: null,
        });
        // Stale: the cycle is no longer at phase 0.
        expect(await s.cycles.apply(cycle.id, advance, T0 + 21)).toBeNull();
        const phases = await s.cycles.phases(cycle.id);
        expect(phases.map((p) => [p.startedAt, p.endedAt])).toEqual([
          [T0 + 10, T0 + 20],
          [T0 + 20, null],
        ]);
        const harvested = await s.cycles.apply(
          cycle.id,
          {
            ...advance,
            fromPhaseIndex: 1,
            status: 'HARVESTED',
            startPhase: false,
            fields: { endedAt: T0 + 30, actualHarvestAt: T0 + 29, yieldKg: 3.25 },
            trigger: 'HARVEST',
          },
          T0 + 30,
        );
        expect(harvested).toMatchObject({ status: 'HARVESTED', endedAt: T0 + 30, yieldKg: 3.25 });
        expect(
          (await s.cycles.transitions(cycle.id)).map((t) => [
            t.triggerType,
            t.fromStatus,
            t.toStatus,
          ]),
        ).toEqual([
          ['CYCLE_CREATED', null, 'PLANNED'],
          ['CYCLE_STARTED', 'PLANNED', 'RUNNING'],
          ['AUTO_ADVANCE', 'RUNNING', 'RUNNING'],
          ['HARVEST', 'RUNNING', 'HARVESTED'],
        ]);
        expect(await s.cycles.activeForZone(zone.id)).toBeNull();
        const next = await s.cycles.create(await cycleInput(zone.id), T0 + 40);
        expect((await s.cycles.list({ zoneId: zone.id })).map((c) => c.id)).toEqual([
          next.id,
          cycle.id,
        ]);
        expect(await s.cycles.list({ statuses: ['HARVESTED'] })).toEqual([harvested]);
      });

      it('keeps history: a zone or recipe a cycle ran from cannot be deleted', async () => {
        const zone = await seedZone(s);
        const input = await cycleInput(zone.id);
        await s.cycles.create(input, T0);
        const revision = await s.recipes.revisionById(input.recipeRevisionId);
        await expect(s.recipes.delete(revision!.recipeId)).rejects.toEqual(
          conflict('recipe_in_use'),
        );
        await expect(s.zones.delete(zone.id)).rejects.toEqual(conflict('zone_in_use'));
      });
    });
  });
}
