import BetterSqlite3 from 'better-sqlite3';
import { AlertsService } from '../../src/alerts/alerts-service.js';
import { CreateRecipePhaseRequestSchema } from '../../src/contracts/recipes.js';
import type { RealtimeEvent } from '../../src/contracts/realtime.js';
import { createDomain, type Domain } from '../../src/domain/domain.js';
import { silentLogger } from '../../src/runtime/logger.js';
import { loadMigrations, migrate } from '../../src/storage/sqlite/migrations.js';
import { createSqliteStorage } from '../../src/storage/sqlite/sqlite-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { FakeClock } from '../fakes/fake-clock.js';

export interface DomainFixture {
  storage: Storage;
  clock: FakeClock;
  domain: Domain;
  alerts: AlertsService;
  /** Realtime events the services published, in order. */
  events: Omit<RealtimeEvent, 'event_id' | 'server_ts'>[];
  close(): Promise<void>;
}

/**
 * The domain services and the real alerts service over an in-memory SQLite store, driven by a
 * fake clock; the grow-cycle timer is running.
 */
export async function domainFixture(): Promise<DomainFixture> {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, loadMigrations());
  const storage = createSqliteStorage(db);
  const clock = new FakeClock(Date.UTC(2026, 2, 1, 0, 0));
  const events: DomainFixture['events'] = [];
  const ctx = {
    storage,
    clock,
    logger: silentLogger(),
    publish: (e: (typeof events)[number]) => void events.push(e),
  };
  const alerts = new AlertsService(ctx);
  const domain = createDomain({
    ...ctx,
    storage: () => storage,
    alerts: { reader: alerts, raiser: alerts },
  });
  await domain.cycles.start();
  return {
    storage,
    clock,
    domain,
    alerts,
    events,
    async close() {
      await domain.cycles.stop();
      await alerts.stop();
      db.close();
    },
  };
}

/** A phase request as a client would send it (defaults filled by the contract). */
export function phaseRequest(fields: Record<string, unknown>) {
  return CreateRecipePhaseRequestSchema.parse({
    name: 'Phase',
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
    ...fields,
  });
}

/** A greenhouse in `timezone` with one auto zone, and a published recipe of `phases`. */
export async function zoneWithRecipe(
  f: DomainFixture,
  phases: Record<string, unknown>[],
  timezone = 'UTC',
) {
  const { domain } = f;
  const gh = await domain.greenhouses.create(
    { name: 'House', timezone, description: null },
    'tester',
  );
  const zone = await domain.zones.create(
    {
      greenhouse_id: gh.id,
      name: 'Bench',
      description: null,
      control_mode: 'auto',
      topology: 'two_tank',
      settings: {},
    },
    'tester',
  );
  const recipe = await domain.recipes.create(
    { name: 'Lettuce', description: null, plant_id: null },
    'tester',
  );
  const revisionId = recipe.revisions[0]!.id;
  for (const phase of phases)
    await domain.recipes.addPhase(revisionId, phaseRequest(phase), 'tester');
  await domain.recipes.publish(revisionId, 'tester');
  return { zone, revisionId };
}
