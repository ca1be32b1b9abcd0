import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AedesBrokerHost } from '../broker/aedes-broker-host.js';
import type { BrokerHost } from '../broker/broker-host.js';
import { ExternalBrokerHost } from '../broker/external-broker-host.js';
import { SERVICE_USERNAME } from '../broker/mqtt-access.js';
import { MqttBus } from '../bus/mqtt-bus.js';
import { AccessService } from '../access/access-service.js';
import { isLoopbackBind } from '../api/request-guards.js';
import { controllerFacts } from '../api/routes/controller.js';
import { defaultUiDir } from './paths.js';
import type { NodeDirectory } from '../devices/node-directory.js';
import type { BackupRouteDeps } from '../api/routes/backups.js';
import { listBackups } from '../storage/sqlite/backup.js';
import type { StoreRestorer } from './store-restore.js';
import { BackupScheduler } from '../storage/sqlite/backup-scheduler.js';
import { PostgresDatabase } from '../storage/postgres/postgres-database.js';
import { SqliteDatabase } from '../storage/sqlite/sqlite-database.js';
import type { Storage } from '../storage/storage.js';
import { RetentionJob } from '../telemetry/retention-job.js';
import type { Clock } from './clock.js';
import type { CoreConfig } from './config.js';
import type { Logger } from './logger.js';

/**
 * The store: PostgreSQL when a database URL is configured (its backups are pg_dump's, so there is
 * no scheduler), otherwise the SQLite file in the data dir with its scheduled backups.
 */
export function createStore(config: CoreConfig, clock: Clock, logger: Logger) {
  const databaseLogger = logger.child({ module: 'database' });
  const database = config.database.url
    ? new PostgresDatabase({ url: config.database.url, logger: databaseLogger })
    : new SqliteDatabase({
        dataDir: config.dataDir,
        logger: databaseLogger,
        now: () => clock.now(),
        backupsKept: config.backups.keep,
      });
  const backups =
    database instanceof SqliteDatabase
      ? new BackupScheduler({
          database,
          dataDir: config.dataDir,
          intervalHours: config.backups.intervalHours,
          clock,
          logger: logger.child({ module: 'backups' }),
        })
      : null;
  const retention = new RetentionJob({
    history: () => database.storage.telemetryHistory,
    policy: config.retention,
    clock,
    logger: logger.child({ module: 'retention' }),
  });
  return { database, backups, retention };
}

/** What the backup routes may do: everything on SQLite, nothing on PostgreSQL (pg_dump's job). */
export function backupAccess(
  config: CoreConfig,
  database: SqliteDatabase | PostgresDatabase,
  restorer: () => StoreRestorer,
): BackupRouteDeps['backups'] {
  if (!(database instanceof SqliteDatabase)) return null;
  return {
    list: () => listBackups(config.dataDir),
    create: () => database.backup('manual'),
    restore: (name, actor) => restorer().restore(name, actor),
  };
}

/** Users, sessions and tokens; the env admin is created at start when no account exists. */
export function createAccess(
  config: CoreConfig,
  storage: () => Storage,
  clock: Clock,
  logger: Logger,
) {
  return new AccessService({
    storage,
    clock,
    logger: logger.child({ module: 'access' }),
    bootstrapAdmin: config.adminPassword
      ? { email: config.adminEmail, password: config.adminPassword }
      : undefined,
  });
}

/** Who the HTTP API lets in, and which Host names it answers. */
export function httpAccess(config: CoreConfig, access: AccessService) {
  // LAN access as set, else implied by an explicit bind beyond loopback.
  const lan = config.http.lan ?? !isLoopbackBind(config.http.bind);
  return {
    port: config.http.port,
    bind: config.http.bind,
    uiDir: config.uiDir ?? defaultUiDir(),
    secrets: {
      apiToken: config.apiToken,
      desktopToken: config.desktopToken,
      accounts: access.authenticator,
    },
    access,
    lan,
    allowedHosts: config.http.allowedHosts ?? [],
    controller: controllerFacts(config, lan),
    logDir: join(config.dataDir, 'logs'),
  };
}

/** The broker (embedded, or external when a URL is configured) and the core's connection to it. */
export function createTransport(config: CoreConfig, directory: NodeDirectory, logger: Logger) {
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

export function createBroker(
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
