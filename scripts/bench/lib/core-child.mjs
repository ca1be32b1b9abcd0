// Bench helper: a real core (built dist) in its own process, broker open, with N nodes already
// bound to one zone, so the parent can measure the ingest path and this process's memory alone.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../../../dist/core/', import.meta.url);
const { createCore } = await import(new URL('runtime/create-core.js', dist).href);
const { loadConfig } = await import(new URL('runtime/config.js', dist).href);
const { systemClock } = await import(new URL('runtime/clock.js', dist).href);
const { silentLogger } = await import(new URL('runtime/logger.js', dist).href);

const nodes = Number(process.argv[2] ?? 0);
// Optional history for node 0: this many samples spread over the last 30 days.
const history = Number(process.argv[3] ?? 0);
const dataDir = mkdtempSync(join(tmpdir(), 'hydro-bench-core-'));
const config = loadConfig({
  env: {
    HYDRO_DATA_DIR: dataDir,
    HYDRO_HTTP_PORT: '0',
    HYDRO_MQTT_PORT: '0',
    HYDRO_MQTT_ACCESS: 'open',
    // The parent's admin token, so its HTTP clients are let in.
    ...(process.env.HYDRO_API_TOKEN ? { HYDRO_API_TOKEN: process.env.HYDRO_API_TOKEN } : {}),
  },
  flags: {},
});
const core = createCore(config, { clock: systemClock, logger: silentLogger() });
const urls = await core.start();
const now = Date.now();
const gh = await core.storage.greenhouses.create(
  { uid: 'gh-1', name: 'Bench', timezone: 'UTC' },
  now,
);
const zone = await core.storage.zones.create(
  { greenhouseId: gh.id, uid: 'zn-1', name: 'Bench' },
  now,
);
for (let i = 0; i < nodes; i++) {
  const mac = i.toString(16).padStart(12, '0');
  const node = await core.storage.nodes.create({
    uid: `nd-ph-${mac}`,
    hardwareId: `esp32-${mac}`,
    type: 'ph',
    name: null,
    fwVersion: null,
    capabilities: [],
    lifecycleState: 'ASSIGNED_TO_ZONE',
    zoneId: zone.id,
    pendingZoneId: null,
    pendingZoneSetAt: null,
    status: 'online',
    lastSeenAt: now,
    lastHeartbeatAt: now,
    uptimeSeconds: null,
    freeHeapBytes: null,
    rssi: null,
    ip: null,
    nodeSecret: 'x'.repeat(64),
    mqttPassword: 'p',
    config: null,
    firstSeenAt: now,
    updatedAt: now,
  });
  await core.devices.registry.index(node);
}
const DAY = 86_400_000;
for (let i = 0; i < history; i += 10_000) {
  const batch = [];
  for (let j = i; j < Math.min(i + 10_000, history); j++) {
    const ts = now - 30 * DAY + Math.floor((j * 30 * DAY) / history);
    batch.push({
      nodeId: 1,
      zoneId: zone.id,
      channel: 'ph_sensor',
      metricType: 'PH',
      ts,
      value: 6 + Math.sin(j / 500),
      quality: 'good',
    });
  }
  await core.storage.telemetry.insertSamples(batch);
}
process.stdout.write(`${JSON.stringify({ event: 'ready', ...urls })}\n`);
process.on('SIGTERM', () => void core.stop().then(() => process.exit(0)));
