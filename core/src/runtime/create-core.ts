import { randomBytes } from 'node:crypto';
import { AedesBrokerHost } from '../broker/aedes-broker-host.js';
import type { BrokerHost } from '../broker/broker-host.js';
import { ExternalBrokerHost } from '../broker/external-broker-host.js';
import { SERVICE_USERNAME } from '../broker/mqtt-access.js';
import { MqttBus } from '../bus/mqtt-bus.js';
import { HttpServer } from '../api/http-server.js';
import type { ComponentHealth, Health, OverallState } from '../contracts/health.js';
import { DevicesService } from '../devices/devices-service.js';
import { DropCounter } from '../devices/inbound.js';
import { NodeDirectory } from '../devices/node-directory.js';
import { listBackups } from '../storage/sqlite/backup.js';
import { BackupScheduler } from '../storage/sqlite/backup-scheduler.js';
import { RetentionJob } from '../storage/sqlite/retention-job.js';
import { SqliteDatabase } from '../storage/sqlite/sqlite-database.js';
import type { Storage } from '../storage/storage.js';
import type { Clock, TimerHandle } from './clock.js';
import type { CoreConfig } from './config.js';
import { prepareDataDir } from './data-dir.js';
import { Lifecycle } from './lifecycle.js';
import type { Logger } from './logger.js';
import { defaultUiDir } from './paths.js';
import { readVersion } from './version.js';

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
  const http = new HttpServer({
    port: config.http.port,
    bind: config.http.bind,
    uiDir: config.uiDir ?? defaultUiDir(),
    secrets: { apiToken: config.apiToken, desktopToken: config.desktopToken },
    health: () => health(),
    devices: () => devices,
    storage: () => database.storage,
    history: () => database.history,
    backups: { list: () => listBackups(config.dataDir), create: () => database.backup('manual') },
    clock,
    logger: logger.child({ module: 'http' }),
  });
  const devices = new DevicesService({
    get storage() {
      return database.storage;
    },
    bus,
    broker,
    directory,
    drops: new DropCounter(),
    clock,
    logger: logger.child({ module: 'devices' }),
    publish: (event) => http.realtime.publish(event),
    accessMode: config.mqtt.access,
  });
  const lifecycle = new Lifecycle([database, backups, retention, broker, bus, devices, http], {
    clock,
    logger,
  });

  const health = (): Health => {
    const components = lifecycle.health();
    const uptimeS = Math.round((clock.now() - startedAt) / 1000);
    const startedIso = new Date(startedAt).toISOString();
    return {
      state: overall(phase, components),
      version,
      started_at: startedIso,
      uptime_s: uptimeS,
      components,
    };
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
    get storage() {
      return database.storage;
    },
  };
}

/** The SQLite store and its scheduled backups. */
function createStore(config: CoreConfig, clock: Clock, logger: Logger) {
  const database = new SqliteDatabase({
    dataDir: config.dataDir,
    logger: logger.child({ module: 'database' }),
    now: () => clock.now(),
    backupsKept: config.backups.keep,
  });
  const backups = new BackupScheduler({
    database,
    dataDir: config.dataDir,
    intervalHours: config.backups.intervalHours,
    clock,
    logger: logger.child({ module: 'backups' }),
  });
  const retention = new RetentionJob({
    history: () => database.history,
    policy: config.retention,
    clock,
    logger: logger.child({ module: 'retention' }),
  });
  return { database, backups, retention };
}

/** The broker (embedded, or external when a URL is configured) and the core's connection to it. */
function createTransport(config: CoreConfig, directory: NodeDirectory, logger: Logger) {
  // The core's own broker account; a fresh secret each run, never stored.
  const servicePassword = randomBytes(24).toString('hex');
  const broker = createBroker(
    config,
    directory,
    servicePassword,
    logger.child({ module: 'broker' }),
  );
  const bus = new MqttBus({
    url: () => broker.url(),
    ...(broker.connectLocal ? { localStream: () => broker.connectLocal!() } : {}),
    clientId: `hydro-core-${randomBytes(4).toString('hex')}`,
    logger: logger.child({ module: 'mqtt-bus' }),
    ...(config.mqtt.url ? {} : { username: SERVICE_USERNAME, password: servicePassword }),
  });
  return { broker, bus };
}

function createBroker(
  config: CoreConfig,
  directory: NodeDirectory,
  servicePassword: string,
  logger: Logger,
): BrokerHost {
  if (config.mqtt.url) return new ExternalBrokerHost(config.mqtt.url);
  return new AedesBrokerHost({
    port: config.mqtt.port,
    bind: config.mqtt.bind,
    logger,
    access: {
      mode: config.mqtt.access,
      servicePassword,
      onboardingPassword: config.mqtt.onboardingPassword,
      verifyNode: (username, password) => directory.verifyNode(username, password),
      nodeNamespace: (uid) => directory.namespace(uid),
    },
  });
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
