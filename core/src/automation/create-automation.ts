import type { AlertsService } from '../alerts/alerts-service.js';
import { BandAlerts } from '../alerts/band-alerts.js';
import { NodeOfflineAlerts } from '../alerts/node-offline-alerts.js';
import { StaleSensorAlerts } from '../alerts/stale-sensor-alerts.js';
import type { DevicesService } from '../devices/devices-service.js';
import type { Publish } from '../domain/context.js';
import type { Domain } from '../domain/domain.js';
import type { ZoneEvents } from '../events/zone-events.js';
import type { Clock } from '../runtime/clock.js';
import type { Component } from '../runtime/component.js';
import type { Logger } from '../runtime/logger.js';
import type { ZoneRecord } from '../storage/domain-types.js';
import type { Storage } from '../storage/storage.js';
import { ZoneClimateController } from './climate/zone-climate.js';
import { AutomationEngine } from './runtime/engine.js';
import type { RuntimeContext } from './runtime/runtime-context.js';
import { StoreZoneIo } from './runtime/store-zone-io.js';
import { workflowFor } from './runtime/workflows/index.js';
import { ScheduleDispatcher } from './scheduler/dispatcher.js';

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
  const ioFor = (zone: ZoneRecord) => new StoreZoneIo(ctx, zone);
  const engine = new AutomationEngine(ctx, ioFor);
  // The scheduler and the climate controller act through the engine and the gateway.
  const controllers = [new ScheduleDispatcher(ctx, engine), new ZoneClimateController(ctx, ioFor)];
  // The alert producers that watch state (nodes, sensors, values); the runtime raises its own.
  // A getter, not a spread: the store exists only once the core has started.
  const producer = <T extends object>(extra: T) => ({
    get storage() {
      return deps.database.storage;
    },
    clock: deps.clock,
    logger: deps.logger.child({ module: 'alerts' }),
    alerts: deps.alerts,
    ...extra,
  });
  const alertProducers = [
    new NodeOfflineAlerts(producer({ zoneEvents: deps.zoneEvents })),
    new StaleSensorAlerts(producer({})),
    new BandAlerts(producer({ targets: (zoneId: number) => ctx.targets(zoneId) })),
  ];
  return { engine, components: [engine, ...controllers, ...alertProducers] };
}
