import type { BrokerHost } from '../broker/broker-host.js';
import type { MqttBus } from '../bus/mqtt-bus.js';
import { AlertsService } from '../alerts/alerts-service.js';
import { TelemetryOverflowWatch } from '../alerts/telemetry-overflow-watch.js';
import { createDomain, type Domain } from '../domain/domain.js';
import { DevicesService } from '../devices/devices-service.js';
import { DropCounter } from '../devices/inbound.js';
import type { NodeDirectory } from '../devices/node-directory.js';
import type { TelemetryIngest } from '../devices/telemetry-ingest.js';
import type { EventSink } from '../devices/views.js';
import { EventLog } from '../events/event-log.js';
import { ZoneEvents } from '../events/zone-events.js';
import { NotificationService } from '../notify/notification-service.js';
import type { Storage } from '../storage/storage.js';
import type { NodeEventInput } from '../storage/types.js';
import type { Clock } from './clock.js';
import type { CoreConfig } from './config.js';
import type { Logger } from './logger.js';

/** Greenhouses, zones, recipes and grow cycles; cycle guards and reviews go through alerts. */
export function createDomainServices(
  database: { readonly storage: Storage },
  shared: { clock: Clock; logger: Logger; publish: EventSink },
  alerts: AlertsService,
): Domain {
  const logger = shared.logger.child({ module: 'domain' });
  const storage = () => database.storage;
  return createDomain({ ...shared, logger, storage, alerts: { reader: alerts, raiser: alerts } });
}

/** The node protocol's backend side, over the store and the core's broker connection. */
export function createDevices(
  config: CoreConfig,
  database: { readonly storage: Storage },
  transport: { broker: BrokerHost; bus: MqttBus; directory: NodeDirectory },
  shared: { clock: Clock; logger: Logger; publish: EventSink },
  eventing: Pick<ReturnType<typeof createEventing>, 'overflowWatch' | 'zoneEvents'> & {
    /** Node events (level edges, E-stop) also wake the zone runtime. */
    onNodeEvent: (event: NodeEventInput & { id: number }) => void;
  },
): DevicesService {
  return new DevicesService(
    {
      get storage() {
        return database.storage;
      },
      ...transport,
      drops: new DropCounter(),
      clock: shared.clock,
      logger: shared.logger.child({ module: 'devices' }),
      publish: shared.publish,
      accessMode: config.mqtt.access,
    },
    {
      ingest: {
        onOverflow: (dropped) => eventing.overflowWatch.onOverflow(dropped),
        onEvent: (event) => {
          eventing.zoneEvents.announce(event);
          eventing.onNodeEvent(event);
        },
      },
    },
  );
}

/**
 * Realtime event ids and the catch-up log, alerts (with the telemetry-queue watch and their
 * notifications) and the zone timeline; all of them publish realtime events through `publish`.
 */
export function createEventing(
  database: { readonly storage: Storage },
  shared: { clock: Clock; logger: Logger; publish: EventSink; telegramApiUrl: string },
  ingest: () => TelemetryIngest,
) {
  const { clock, logger, publish } = shared;
  const notifications = new NotificationService({ ...shared, storage: () => database.storage });
  const eventLog = new EventLog({
    repo: () => database.storage.eventLog,
    clock,
    logger: logger.child({ module: 'events' }),
  });
  const alerts = new AlertsService({
    get storage() {
      return database.storage;
    },
    clock,
    logger: logger.child({ module: 'alerts' }),
    publish: notifications.tap(publish),
  });
  const zoneEvents = new ZoneEvents({
    get storage() {
      return database.storage;
    },
    clock,
    publish,
  });
  const overflowWatch = new TelemetryOverflowWatch({
    alerts,
    queue: () => ingest().stats(),
    clock,
    logger: logger.child({ module: 'alerts' }),
  });
  return { eventLog, alerts, zoneEvents, overflowWatch, notifications };
}
