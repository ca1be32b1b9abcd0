import { AedesBrokerHost } from '../broker/aedes-broker-host.js';
import type { BrokerHost } from '../broker/broker-host.js';
import { HttpServer } from '../api/http-server.js';
import type { ComponentHealth, Health, OverallState } from '../contracts/health.js';
import { SqliteDatabase } from '../storage/sqlite/sqlite-database.js';
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
  /** Defaults to the embedded Aedes broker on the configured port. */
  broker?: BrokerHost;
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
}

/** The composition root: every component is built here and nowhere else (no singletons). */
export function createCore(config: CoreConfig, deps: CoreDeps): Core {
  const { clock, logger } = deps;
  const version = readVersion();
  const startedAt = clock.now();
  let phase: 'idle' | 'running' | 'stopping' = 'idle';
  let poller: TimerHandle | undefined;

  const broker =
    deps.broker ??
    new AedesBrokerHost({
      port: config.mqtt.port,
      bind: config.mqtt.bind,
      logger: logger.child({ module: 'broker' }),
    });
  const http = new HttpServer({
    port: config.http.port,
    bind: config.http.bind,
    uiDir: config.uiDir ?? defaultUiDir(),
    secrets: { apiToken: config.apiToken, desktopToken: config.desktopToken },
    health: () => health(),
    clock,
    logger: logger.child({ module: 'http' }),
  });
  const lifecycle = new Lifecycle(
    [
      new SqliteDatabase({ dataDir: config.dataDir, logger: logger.child({ module: 'database' }) }),
      broker,
      http,
    ],
    { clock, logger },
  );

  function health(): Health {
    const components = lifecycle.health();
    return {
      state: overall(phase, components),
      version,
      started_at: new Date(startedAt).toISOString(),
      uptime_s: Math.round((clock.now() - startedAt) / 1000),
      components,
    };
  }

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
