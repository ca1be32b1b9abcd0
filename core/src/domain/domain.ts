import type { Clock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import type { Storage } from '../storage/storage.js';
import { BindingService } from './binding-service.js';
import { createCatalog, type Catalog } from './catalog-service.js';
import type { DomainContext, Publish } from './context.js';
import { GreenhouseService } from './greenhouse-service.js';
import { GrowCycleService, type CycleAlerts } from './grow-cycle-service.js';
import { RecipeService } from './recipe-service.js';
import { ZoneService } from './zone-service.js';

/** The domain services the API routes call; `cycles` is also a component (auto-advance timer). */
export interface Domain {
  greenhouses: GreenhouseService;
  zones: ZoneService;
  bindings: BindingService;
  catalog: Catalog;
  recipes: RecipeService;
  cycles: GrowCycleService;
}

export interface DomainDeps {
  /** The store, read at call time (it opens when the core starts). */
  storage: () => Storage;
  clock: Clock;
  logger: Logger;
  publish: Publish;
  /** Grow-cycle guards read active alerts; the end-of-recipe review raises one. */
  alerts: CycleAlerts;
}

export function createDomain(deps: DomainDeps): Domain {
  const ctx: DomainContext = {
    get storage() {
      return deps.storage();
    },
    clock: deps.clock,
    logger: deps.logger,
    publish: deps.publish,
  };
  return {
    greenhouses: new GreenhouseService(ctx),
    zones: new ZoneService(ctx),
    bindings: new BindingService(ctx),
    catalog: createCatalog(ctx),
    recipes: new RecipeService(ctx),
    cycles: new GrowCycleService(ctx, deps.alerts),
  };
}
