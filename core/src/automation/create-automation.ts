import type { AlertsService } from '../alerts/alerts-service.js';
import type { DevicesService } from '../devices/devices-service.js';
import type { Publish } from '../domain/context.js';
import type { Domain } from '../domain/domain.js';
import type { ZoneEvents } from '../events/zone-events.js';
import type { Clock } from '../runtime/clock.js';
import type { Component } from '../runtime/component.js';
import type { Logger } from '../runtime/logger.js';
import type { Storage } from '../storage/storage.js';
import { AutomationEngine } from './runtime/engine.js';
import type { RuntimeContext } from './runtime/runtime-context.js';
import { StoreZoneIo } from './runtime/store-zone-io.js';
import { workflowFor } from './runtime/workflows/index.js';

export interface AutomationDeps {
  database: { readonly storage: Storage };
  clock: Clock;
  logger: Logger;
  publish: Publish;
  devices: () => DevicesService;
  domain: Domain;
  alerts: AlertsService;
  zoneEvents: ZoneEvents;
}

export interface Automation {
  /** The zone runtime: tasks, operator steps, mode changes, node events. */
  readonly engine: AutomationEngine;
  /** In start order. */
  readonly components: readonly Component[];
}

/** The zone runtime and what drives it (scheduler, controllers, alert producers). */
export function createAutomation(deps: AutomationDeps): Automation {
  const logger = deps.logger.child({ module: 'automation' });
  const ctx: RuntimeContext = {
    get storage() {
      return deps.database.storage;
    },
    clock: deps.clock,
    logger,
    publish: deps.publish,
    commands: { send: (request) => deps.devices().commands.send(request) },
    zoneEvents: deps.zoneEvents,
    alerts: deps.alerts,
    targets: (zoneId) => deps.domain.zones.effectiveTargets(zoneId),
    workflow: workflowFor,
  };
  const engine = new AutomationEngine(ctx, (zone) => new StoreZoneIo(ctx, zone));
  return { engine, components: [engine] };
}
