import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { systemClock } from '../../src/runtime/clock.js';
import { loadConfig } from '../../src/runtime/config.js';
import { createCore, type Core, type CoreUrls } from '../../src/runtime/create-core.js';
import { silentLogger } from '../../src/runtime/logger.js';

export const API_TOKEN = 'test-api-token-0123456789';

export interface Harness {
  core: Core;
  urls: CoreUrls;
  dataDir: string;
  api<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  mqtt(clientId: string, options?: IClientOptions): Promise<MqttClient>;
  stop(): Promise<void>;
}

/** A real core in this process: embedded broker on port 0, SQLite in a temp dir, real clock. */
export async function startCore(env: Record<string, string> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hydro-core-'));
  const config = loadConfig({
    env: {
      HYDRO_DATA_DIR: dataDir,
      HYDRO_API_TOKEN: API_TOKEN,
      HYDRO_HTTP_PORT: '0',
      HYDRO_MQTT_PORT: '0',
      ...env,
    },
    flags: {},
  });
  const core = createCore(config, { clock: systemClock, logger: silentLogger() });
  const urls = await core.start();
  const clients: MqttClient[] = [];
  return {
    core,
    urls,
    dataDir,
    async api<T>(method: string, path: string, body?: unknown) {
      const res = await fetch(`${urls.http}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${API_TOKEN}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as T };
    },
    async mqtt(clientId, options = {}) {
      const client = await connectAsync(urls.mqtt, { clientId, reconnectPeriod: 0, ...options });
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(clients.map((c) => c.endAsync(true)));
      await core.stop();
    },
  };
}
