import type { AlertsService } from '../alerts/alerts-service.js';
import { HttpServer } from '../api/http-server.js';
import { createAutomation, type Automation } from '../automation/create-automation.js';
import type { ComponentHealth, Health, OverallState } from '../contracts/health.js';
import { type Domain } from '../domain/domain.js';
import type { DevicesService } from '../devices/devices-service.js';
import { NodeDirectory } from '../devices/node-directory.js';
import type { EventSink } from '../devices/views.js';
import type { ZoneEvents } from '../events/zone-events.js';
import type { Storage } from '../storage/storage.js';
import type { NodeEventInput } from '../storage/types.js';
import type { Clock, TimerHandle } from './clock.js';
import type { CoreConfig } from './config.js';
import { prepareDataDir } from './data-dir.js';
import { Lifecycle } from './lifecycle.js';
import { StoreRestorer } from './store-restore.js';
import type { Logger } from './logger.js';
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
  /** The zone runtime: tasks, operator steps, control-mode changes. */
  readonly automation: Automation;
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
  const { eventLog, alerts, overflowWatch, notifications } = eventing;
  const domain = createDomainServices(database, shared, alerts);
  const http = new HttpServer({
    ...httpAccess(config, access),
    health: () => health(),
    devices: () => devices,
    domain: () => domain,
    storage: () => database.storage,
    automation: () => automation,
    history: () => database.storage.telemetryHistory,
    backups: backupAccess(config, database, () => restorer),
    ...eventing,
    clock,
    logger: logger.child({ module: 'http' }),
  });
  const transport = { broker, bus, directory };
  const automation = createAutomation({
    database,
    ...shared,
    ...eventing,
    domain,
    devices: () => devices,
  });
  const onNodeEvent = (e: NodeEventInput & { id: number }) => automation.engine.onNodeEvent(e);
  const devices = createDevices(config, database, transport, shared, { ...eventing, onNodeEvent });
  const stored = backups ? [database, backups, retention] : [database, retention];
  const core = [...stored, eventLog, alerts, notifications, overflowWatch, broker, bus, devices];
  const components = [...core, access, domain.cycles, ...automation.components, http];
  const lifecycle = new Lifecycle(components, { clock, logger });
  const restorer: StoreRestorer = new StoreRestorer({
    dataDir: config.dataDir,
    clock,
    logger,
    lifecycle,
    storage: () => database.storage,
    restarting: (yes) => (phase = yes ? 'stopping' : 'running'),
  });
  const health = (): Health => healthOf(lifecycle.health(), phase, { startedAt, version, clock });

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
    zoneEvents: eventing.zoneEvents,
    domain,
    automation,
    get storage() {
      return database.storage;
    },
  };
}

function healthOf(
  components: ComponentHealth[],
  phase: 'idle' | 'running' | 'stopping',
  run: { startedAt: number; version: string; clock: Clock },
): Health {
  const uptime_s = Math.round((run.clock.now() - run.startedAt) / 1000);
  const started_at = new Date(run.startedAt).toISOString();
  const state = overall(phase, components);
  return { state, version: run.version, started_at, uptime_s, components };
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
