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
import type { AuthSecrets } from './auth.js';
import { installErrorEnvelope, sendError } from './envelope.js';
import { RealtimeHub } from './realtime-hub.js';
import { registerRealtime } from './routes/realtime.js';
import { registerBackupRoutes, type BackupRouteDeps } from './routes/backups.js';
import { registerTelemetryRoutes } from './routes/telemetry.js';
import type { SqliteTelemetryHistory } from '../storage/sqlite/telemetry-history.js';
import { registerCommandRoutes, registerNodeRoutes } from './routes/nodes.js';
import { registerSystemRoutes } from './routes/system.js';
import type { DevicesService } from '../devices/devices-service.js';
import type { Storage } from '../storage/storage.js';
import { SECURITY_HEADERS, uiMissingPage } from './ui-pages.js';

const CLOSE_TIMEOUT_MS = 3000;

export interface HttpServerOptions {
  port: number;
  bind: string;
  uiDir: string;
  secrets: AuthSecrets;
  health: () => Health;
  devices: () => DevicesService;
  storage: () => Storage;
  backups: BackupRouteDeps['backups'];
  history: () => SqliteTelemetryHistory;
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
    this.realtime = new RealtimeHub(options.clock);
    this.uiBuilt = existsSync(join(options.uiDir, 'index.html'));
  }

  async start(): Promise<void> {
    const app = await this.build();
    await app.ready();
    try {
      this.port = await listen(app.server, this.options.port, this.options.bind);
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
    app.addHook('onSend', (_request, reply, payload, done) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
      done(null, payload);
    });
    await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
    registerSystemRoutes(app, options);
    registerNodeRoutes(app, options);
    registerCommandRoutes(app, options);
    registerBackupRoutes(app, options);
    registerTelemetryRoutes(app, options);
    registerRealtime(app, this.realtime, options.health);
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
