import type { PhaseTargets } from '../../src/storage/domain-types.js';
import type { Storage } from '../../src/storage/storage.js';
import { T0 } from './records.js';

/** A phase with every column set (numbers, text, a boolean and JSON), to catch lossy mapping. */
export function phaseTargets(overrides: Partial<PhaseTargets> = {}): PhaseTargets {
  return {
    name: 'Seedling',
    phTarget: 5.8,
    phMin: 5.5,
    phMax: 6.1,
    ecTarget: 1.2,
    ecMin: 1,
    ecMax: 1.4,
    nutrientNpkRatioPct: 40,
    nutrientCalciumRatioPct: 30,
    nutrientMagnesiumRatioPct: 20,
    nutrientMicroRatioPct: 10,
    nutrientNpkProductId: null,
    nutrientCalciumProductId: null,
    nutrientMagnesiumProductId: null,
    nutrientMicroProductId: null,
    irrigationMode: 'SUBSTRATE',
    irrigationIntervalSec: 1800,
    irrigationDurationSec: 120,
    lightingPhotoperiodHours: 16.5,
    lightingStartTime: '06:00',
    tempAirDay: 24,
    tempAirNight: 19.5,
    humidityDay: 65,
    humidityNight: 70,
    durationHours: 12,
    durationDays: 7,
    dayNightEnabled: true,
    dayNight: {
      day_start_time: '06:00',
      day_hours: 16,
      ph: { day: 5.8, day_min: 5.6, day_max: 6, night: 6, night_min: 5.8, night_max: 6.2 },
    },
    ...overrides,
  };
}

/** A published revision with `names.length` phases (indexes 0, 1, …) of a fresh recipe. */
export async function publishedRevision(storage: Storage, names = ['Seedling', 'Veg']) {
  const recipe = await storage.recipes.create(
    { name: 'Lettuce', description: null, plantId: null },
    T0,
  );
  const revision = await storage.recipes.createRevision(
    { recipeId: recipe.id, description: null, copyFrom: null },
    T0,
  );
  for (const name of names)
    await storage.recipes.addPhase(revision.id, null, phaseTargets({ name }), T0);
  const published = await storage.recipes.setRevisionStatus(
    revision.id,
    ['DRAFT'],
    'PUBLISHED',
    T0,
  );
  return { recipe, revision: published!, phases: await storage.recipes.phases(revision.id) };
}
