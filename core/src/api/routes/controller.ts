import type { FastifyInstance } from 'fastify';
import { LogQuerySchema, type ControllerFacts } from '../../contracts/controller.js';
import type { CoreConfig } from '../../runtime/config.js';
import { readRecentLogLines } from '../../runtime/log-tail.js';
import type { AuthSecrets } from '../auth.js';
import { sendOk } from '../envelope.js';
import { handle, parseBody, requireCapability } from '../guards.js';

export interface ControllerRouteDeps {
  secrets: AuthSecrets;
  /** How this controller was started (see controllerFacts). */
  controller: ControllerFacts;
  /** Where the logger writes its rotated JSON files. */
  logDir: string;
}

/**
 * The running controller's settings as facts, for Settings → Controller. Every secret is reduced
 * to whether it is set, and URLs to scheme, host and port (they may carry credentials).
 */
export function controllerFacts(config: CoreConfig, lan: boolean): ControllerFacts {
  const external = config.mqtt.url ? new URL(config.mqtt.url) : null;
  return {
    http: {
      port: config.http.port,
      bind: config.http.bind,
      lan,
      allowed_hosts: [...(config.http.allowedHosts ?? [])],
    },
    mqtt: {
      kind: external ? 'external' : 'embedded',
      port: config.mqtt.port,
      bind: config.mqtt.bind,
      access: config.mqtt.access,
      onboarding_password_set: config.mqtt.onboardingPassword !== undefined,
      external_url: external ? `${external.protocol}//${external.host}` : null,
      // The embedded broker (aedes) listens on plain TCP only.
      tls: external?.protocol === 'mqtts:',
    },
    database: { kind: config.database.url ? 'postgres' : 'sqlite' },
    data_dir: config.dataDir,
    log_level: config.log.level,
  };
}

/** Settings → Controller and System → Recent logs. */
export function registerControllerRoutes(api: FastifyInstance, deps: ControllerRouteDeps): void {
  // Broker and LAN facts are what an engineer needs to connect nodes; nothing here is secret.
  api.get('/api/settings/controller', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'system.diagnostics');
      return sendOk(reply, deps.controller);
    }),
  );

  api.get('/api/system/logs', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'logs.view');
      const query = parseBody(reply, LogQuerySchema, request.query);
      return sendOk(reply, await readRecentLogLines(deps.logDir, query));
    }),
  );
}
