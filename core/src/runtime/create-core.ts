import type { AlertsService } from '../alerts/alerts-service.js';
import { HttpServer } from '../api/http-server.js';
import type { ComponentHealth, Health, OverallState } from '../contracts/health.js';
import { type Domain } from '../domain/domain.js';
import type { DevicesService } from '../devices/devices-service.js';
import { NodeDirectory } from '../devices/node-directory.js';
import type { EventSink } from '../devices/views.js';
import type { ZoneEvents } from '../events/zone-events.js';
import type { Storage } from '../storage/storage.js';
import type { Clock, TimerHandle } from './clock.js';
import type { CoreConfig } from './config.js';
import { prepareDataDir } from './data-dir.js';
import { Lifecycle } from './lifecycle.js';
import { StoreRestorer } from './store-restore.js';
import type { Logger } from './logger.js';
import { defaultUiDir } from './paths.js';
import { readVersion } from './version.js';
import { createDevices, createDomainServices, createEventing } from './core-services.js';
import {
  backupAccess,
  createAccess,
  createStore,
  createTransport,
  httpAccess,
} from './core-infrastructure.js';

/** Component figures (clients, sizes) change without lifecycle events; re-read them this often. */
const HEALTH_POLL_MS = 1000;

export interface CoreDeps {
  clock: Clock;
  logger: Logger;
}

export interface CoreUrls {
  http: string;
  mqtt: string;
}

export interface Core {
  start(): Promise<CoreUrls>;
  /** Stops every component in reverse order; safe to call repeatedly. */
  stop(): Promise<void>;
  health(): Health;
  readonly devices: DevicesService;
  /** Raise and resolve alerts; `hasActiveAtLeast` guards automation. */
  readonly alerts: AlertsService;
  /** Record entries in a zone's timeline. */
  readonly zoneEvents: ZoneEvents;
  /** Greenhouses, zones, bindings, catalog, recipes and grow cycles. */
  readonly domain: Domain;
  /** The repositories; available once started. */
  readonly storage: Storage;
}

/** The composition root: every component is built here and nowhere else (no singletons). */
export function createCore(config: CoreConfig, deps: CoreDeps): Core {
  const { clock, logger } = deps;
  const version = readVersion();
  const startedAt = clock.now();
  let phase: 'idle' | 'running' | 'stopping' = 'idle';
  let poller: TimerHandle | undefined;

  const { database, backups, retention } = createStore(config, clock, logger);
  const directory = new NodeDirectory();
  const { broker, bus } = createTransport(config, directory, logger);
  const access = createAccess(config, () => database.storage, clock, logger);
  const publish: EventSink = (event) => http.realtime.publish(event);
  const shared = { clock, logger, publish, telegramApiUrl: config.notify.telegramApiUrl };
  const eventing = createEventing(database, shared, () => devices.ingest);
  const { eventLog, alerts, zoneEvents, overflowWatch, notifications } = eventing;
  const domain = createDomainServices(database, { clock, logger, publish }, alerts);
  const http = new HttpServer({
    port: config.http.port,
    bind: config.http.bind,
    uiDir: config.uiDir ?? defaultUiDir(),
    ...httpAccess(config, access),
    health: () => health(),
    devices: () => devices,
    domain: () => domain,
    storage: () => database.storage,
    history: () => database.storage.telemetryHistory,
    backups: backupAccess(config, database, () => restorer),
    ...eventing,
    clock,
    logger: logger.child({ module: 'http' }),
  });
  const transport = { broker, bus, directory };
  const devices = createDevices(config, database, transport, { clock, logger, publish }, eventing);
  const stored = backups ? [database, backups, retention] : [database, retention];
  const events = [eventLog, alerts, notifications, overflowWatch];
  const components = [...stored, ...events, broker, bus, devices, access, domain.cycles, http];
  const lifecycle = new Lifecycle(components, { clock, logger });
  const restorer: StoreRestorer = new StoreRestorer({
    dataDir: config.dataDir,
    clock,
    logger,
    lifecycle,
    storage: () => database.storage,
    restarting: (yes) => (phase = yes ? 'stopping' : 'running'),
  });

  const health = (): Health => {
    const components = lifecycle.health();
    const uptime_s = Math.round((clock.now() - startedAt) / 1000);
    const started_at = new Date(startedAt).toISOString();
    return { state: overall(phase, components), version, started_at, uptime_s, components };
  };

  lifecycle.on('change', () =>
    http.realtime.publish({ channel: 'hydro.system', event: 'system.health', data: health() }),
  );

  return {
    async start() {
      prepareDataDir(config.dataDir);
      await lifecycle.start();
      phase = 'running';
      poller = clock.setInterval(() => lifecycle.poll(), HEALTH_POLL_MS);
      logger.info({ version, dataDir: config.dataDir }, 'hydro ready');
      return { http: http.url(), mqtt: broker.url() };
    },
    async stop() {
      phase = 'stopping';
      poller?.cancel();
      await lifecycle.stop();
    },
    health,
    devices,
    alerts,
    zoneEvents,
    domain,
    get storage() {
      return database.storage;
    },
  };
}

function overall(
  phase: 'idle' | 'running' | 'stopping',
  components: ComponentHealth[],
): OverallState {
  if (phase === 'stopping') return 'stopping';
  const states = new Set(components.map((c) => c.state));
  if (states.has('failed')) return 'failed';
  if (phase === 'idle' || states.has('starting')) return 'starting';
  if (states.has('degraded') || states.has('stopped')) return 'degraded';
  return 'ok';
}
