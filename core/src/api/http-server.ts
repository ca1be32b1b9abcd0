import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Health } from '../contracts/health.js';
import type { Clock } from '../runtime/clock.js';
import type { Component, ComponentStatus } from '../runtime/component.js';
import { PortInUseError } from '../runtime/errors.js';
import type { Logger } from '../runtime/logger.js';
import { closeServer, listen, localUrl } from '../runtime/net.js';
import type { AccessService } from '../access/access-service.js';
import type { AlertsService } from '../alerts/alerts-service.js';
import type { EventLog } from '../events/event-log.js';
import type { NotificationService } from '../notify/notification-service.js';
import type { AuthSecrets } from './auth.js';
import { installErrorEnvelope, sendError } from './envelope.js';
import { RealtimeHub } from './realtime-hub.js';
import { installRequestGuards } from './request-guards.js';
import type { Automation } from '../automation/create-automation.js';
import { registerAlertRoutes } from './routes/alerts.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerEventRoutes } from './routes/events.js';
import { registerMetricsRoutes } from './routes/metrics.js';
import { registerOpenApiRoutes } from './routes/openapi.js';
import { registerZoneSnapshotRoutes } from './routes/zone-snapshot.js';
import { registerBindingRoutes } from './routes/bindings.js';
import { registerCatalogRoutes } from './routes/catalog.js';
import { registerCycleRoutes } from './routes/cycles.js';
import { registerGreenhouseRoutes } from './routes/greenhouses.js';
import { registerRecipeRoutes } from './routes/recipes.js';
import { registerZoneRoutes } from './routes/zones.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerUserRoutes } from './routes/users.js';
import { registerRealtime } from './routes/realtime.js';
import { registerSettingsRoutes } from './routes/settings.js';
import { registerBackupRoutes, type BackupRouteDeps } from './routes/backups.js';
import { registerTelemetryRoutes } from './routes/telemetry.js';
import type { TelemetryHistory } from '../storage/telemetry-history.js';
import { registerCommandRoutes, registerNodeRoutes } from './routes/nodes.js';
import { registerSystemRoutes } from './routes/system.js';
import { registerControllerRoutes } from './routes/controller.js';
import type { ControllerFacts } from '../contracts/controller.js';
import { registerCalibrationRoutes } from './routes/calibration.js';
import { registerZoneCommandRoutes } from './routes/zone-commands.js';
import { registerZoneScheduleRoutes } from './routes/zone-schedule.js';
import { registerZoneAutomationRoutes } from './routes/zone-automation.js';
import { registerZoneTelemetryRoutes } from './routes/zone-telemetry.js';
import type { DevicesService } from '../devices/devices-service.js';
import type { Domain } from '../domain/domain.js';
import type { Storage } from '../storage/storage.js';
import { SECURITY_HEADERS, uiMissingPage } from './ui-pages.js';

const CLOSE_TIMEOUT_MS = 3000;

export interface HttpServerOptions {
  port: number;
  bind: string;
  uiDir: string;
  secrets: AuthSecrets;
  access: AccessService;
  /** LAN access is on: Host headers naming any IP address are answered. */
  lan: boolean;
  /** Extra Host names to answer (DNS-rebinding defence). */
  allowedHosts: readonly string[];
  /** How this controller was started, secrets reduced to booleans (Settings → Controller). */
  controller: ControllerFacts;
  /** The logger's file folder, read for System → Recent logs. */
  logDir: string;
  health: () => Health;
  devices: () => DevicesService;
  /** Greenhouses, zones, bindings, catalog, recipes and grow cycles. */
  domain: () => Domain;
  storage: () => Storage;
  /** The zone runtime (tasks, operator steps). */
  automation: () => Automation;
  backups: BackupRouteDeps['backups'];
  history: () => TelemetryHistory;
  alerts: AlertsService;
  /** Realtime event ids and the events kept for catch-up. */
  eventLog: EventLog;
  /** Notification channels and their settings. */
  notifications: NotificationService;
  clock: Clock;
  logger: Logger;
}

/** The HTTP + WebSocket API and the built UI, on one port. */
export class HttpServer implements Component {
  readonly name = 'http';
  readonly realtime: RealtimeHub;
  private app: FastifyInstance | undefined;
  private port = 0;
  private readonly uiBuilt: boolean;

  constructor(private readonly options: HttpServerOptions) {
    this.realtime = new RealtimeHub({
      clock: options.clock,
      log: options.eventLog,
      logger: options.logger,
    });
    this.uiBuilt = existsSync(join(options.uiDir, 'index.html'));
  }

  async start(): Promise<void> {
    const app = await this.build();
    await app.ready();
    try {
      // A restart (after a store restore) keeps the port picked first, so clients find it again.
      this.port = await listen(app.server, this.port || this.options.port, this.options.bind);
    } catch (error) {
      await app.close();
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new PortInUseError(
          'http',
          this.options.port,
          this.options.bind,
          'choose another with --http-port or HYDRO_HTTP_PORT',
        );
      }
      throw error;
    }
    this.app = app;
    this.options.logger.info({ url: this.url() }, 'http listening');
  }

  async stop(): Promise<void> {
    const app = this.app;
    this.app = undefined;
    if (!app) return;
    this.realtime.closeAll();
    await Promise.race([app.close(), closeServer(app.server, CLOSE_TIMEOUT_MS)]);
  }

  url(): string {
    return localUrl('http', this.options.bind, this.port);
  }

  status(): ComponentStatus {
    const metrics = {
      port: this.port,
      bind: this.options.bind,
      ws_clients: this.realtime.clientCount,
    };
    if (!this.app) return { state: 'stopped', detail: null, metrics };
    if (!this.uiBuilt)
      return { state: 'degraded', detail: 'UI not built (npm run build)', metrics };
    return { state: 'healthy', detail: `${this.url()}, ${metrics.ws_clients} live`, metrics };
  }

  private async build(): Promise<FastifyInstance> {
    const { options } = this;
    const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, forceCloseConnections: true });
    installErrorEnvelope(app, options.logger);
    installRequestGuards(app, options);
    app.addHook('onSend', (_request, reply, payload, done) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
      done(null, payload);
    });
    await registerApi(app, options, this.realtime);
    // Files are looked up per request, so a rebuilt UI is served without a restart.
    if (this.uiBuilt) await app.register(fastifyStatic, { root: options.uiDir, wildcard: true });
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      // API paths and missing files (anything with an extension) are real 404s, never the app.
      if (path.startsWith('/api/') || request.method !== 'GET' || /\.[a-z0-9]+$/i.test(path)) {
        return sendError(reply, 404, {
          code: 'not_found',
          message: `No route ${request.method} ${path}`,
        });
      }
      if (!this.uiBuilt)
        return reply.code(503).type('text/html').send(uiMissingPage(options.uiDir));
      return reply.sendFile('index.html');
    });
    return app;
  }
}

/**
 * Every API route. The OpenAPI test registers them on a bare instance to check that each one is
 * listed in core/src/api/openapi-routes.ts.
 */
export async function registerApi(
  app: FastifyInstance,
  options: HttpServerOptions,
  realtime: RealtimeHub,
): Promise<void> {
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  registerSystemRoutes(app, options);
  registerAuthRoutes(app, options);
  registerUserRoutes(app, options);
  registerAuditRoutes(app, options);
  registerNodeRoutes(app, options);
  registerCommandRoutes(app, options);
  registerBackupRoutes(app, options);
  registerTelemetryRoutes(app, options);
  registerRealtime(app, realtime, options);
  registerAlertRoutes(app, options);
  registerEventRoutes(app, options);
  registerZoneSnapshotRoutes(app, options);
  registerGreenhouseRoutes(app, options);
  registerZoneRoutes(app, options);
  registerBindingRoutes(app, options);
  registerZoneTelemetryRoutes(app, options);
  registerZoneCommandRoutes(app, options);
  registerZoneScheduleRoutes(app, options);
  registerZoneAutomationRoutes(app, options);
  registerCalibrationRoutes(app, options);
  registerCatalogRoutes(app, options);
  registerRecipeRoutes(app, options);
  registerCycleRoutes(app, options);
  registerSettingsRoutes(app, options);
  registerControllerRoutes(app, options);
  registerMetricsRoutes(app, options, realtime);
  registerOpenApiRoutes(app, options);
}
