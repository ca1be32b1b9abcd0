import { computed, ref, shallowRef, watch } from 'vue';
import type { BindingView } from '@contracts/bindings.js';
import { ACTIVE_CYCLE_STATUSES, type CycleDetail, type CycleView } from '@contracts/cycles.js';
import type { PlantView } from '@contracts/catalog.js';
import type { RecipeView, RevisionDetail } from '@contracts/recipes.js';
import type { ZoneView } from '@contracts/zones.js';
import { createCycle, fetchCycles } from '@/api/cycles';
import { fetchPlants, fetchRecipes, fetchRevision } from '@/api/recipes';
import { fetchBindings, fetchZones } from '@/api/zones';
import { readinessOf, recipeBlockers, zoneBlockers } from './cycle-readiness';

/** What the wizard chooses from: zones, published revisions, plants, and the cycles running. */
function useCycleChoices() {
  const zones = shallowRef<ZoneView[]>([]);
  const recipes = shallowRef<RecipeView[]>([]);
  const plants = shallowRef<PlantView[]>([]);
  const cycles = shallowRef<CycleView[]>([]);
  const loadError = ref<unknown>(null);

  const published = computed(() =>
    recipes.value.flatMap((recipe) =>
      recipe.revisions
        .filter((r) => r.status === 'PUBLISHED')
        .map((revision) => ({ recipe, revision })),
    ),
  );

  async function load(): Promise<void> {
    try {
      [zones.value, recipes.value, plants.value, cycles.value] = await Promise.all([
        fetchZones(),
        fetchRecipes(),
        fetchPlants(),
        fetchCycles(),
      ]);
      loadError.value = null;
    } catch (cause) {
      loadError.value = cause;
    }
  }

  const activeCycleOf = (zoneId: number | null) =>
    cycles.value.find(
      (c) =>
        c.zone_id === zoneId && (ACTIVE_CYCLE_STATUSES as readonly string[]).includes(c.status),
    ) ?? null;

  return { zones, recipes, plants, published, loadError, load, activeCycleOf };
}

/** The start wizard's choices, what they depend on, and the readiness they add up to. */
export function useCycleStart(initial: { zoneId: number | null; revisionId: number | null }) {
  const choices = useCycleChoices();
  const zoneId = ref<number | null>(initial.zoneId);
  const revisionId = ref<number | null>(initial.revisionId);
  const plantId = ref<number | null>(null);
  const plantingAt = ref<number>(Date.now());
  const batchLabel = ref('');
  const startNow = ref(true);
  const revision = shallowRef<RevisionDetail | null>(null);
  const bindings = shallowRef<BindingView[] | null>(null);

  const input = computed(() => ({
    zone: choices.zones.value.find((z) => z.id === zoneId.value) ?? null,
    activeCycle: choices.activeCycleOf(zoneId.value),
    publishedCount: choices.published.value.length,
    revision: revision.value,
    bindings: bindings.value,
  }));
  const readiness = computed(() => readinessOf(input.value));
  /** What blocks each wizard step: the zone, the recipe, then everything. */
  const stepBlockers = computed(() => [
    zoneBlockers(input.value),
    recipeBlockers(input.value),
    readiness.value.blockers,
  ]);

  watch(
    zoneId,
    async (id) => {
      bindings.value = null;
      if (id !== null) bindings.value = await fetchBindings(id).catch(() => null);
    },
    { immediate: true },
  );

  watch(
    revisionId,
    async (id) => {
      revision.value = id === null ? null : await fetchRevision(id).catch(() => null);
    },
    { immediate: true },
  );
  // The plant defaults to the recipe's, as the core does when none is sent.
  watch([revision, choices.recipes], () => {
    const recipe = choices.recipes.value.find((r) => r.id === revision.value?.recipe_id);
    if (recipe?.plant_id) plantId.value = recipe.plant_id;
  });

  function submit(): Promise<CycleDetail> {
    return createCycle(zoneId.value!, {
      recipe_revision_id: revisionId.value!,
      plant_id: plantId.value,
      batch_label: batchLabel.value.trim() === '' ? null : batchLabel.value.trim(),
      planting_at: new Date(plantingAt.value).toISOString(),
      start_immediately: startNow.value,
    });
  }

  return {
    ...choices,
    zoneId,
    revisionId,
    plantId,
    plantingAt,
    batchLabel,
    startNow,
    readiness,
    stepBlockers,
    submit,
  };
}
