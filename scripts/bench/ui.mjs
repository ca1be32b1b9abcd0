// Time to first render of a zone's Telemetry tab (30-day range) in Chromium: a zone with 30 days
// of pH, EC, air temperature and humidity against a zone with the same bound channels and no
// data, in the same run and the same core. The data dir is prepared through the real store and
// telemetry writer from dist/ (one sample per 10 s per channel, about a million rows), then
// `hydro serve` opens it and the page is loaded again and again, alternating the two zones.
// "Rendered" is the chart containers leaving aria-busy, which they do once ECharts has finished
// drawing the loaded series. Flags: --runs N (default 7) --interval-s N (default 10).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { percentile } from './lib/processes.mjs';

const dist = new URL('../../dist/core/', import.meta.url);
const load = (path) => import(new URL(path, dist).href);
const { SqliteDatabase } = await load('storage/sqlite/sqlite-database.js');
const { TelemetryWriter } = await load('telemetry/telemetry-writer.js');
const { systemClock } = await load('runtime/clock.js');
const { silentLogger } = await load('runtime/logger.js');

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    'interval-s': { type: 'string', default: '10' },
  },
});
const RUNS = Number(flags.runs);
const STEP_MS = Number(flags['interval-s']) * 1000;
const DAY = 86_400_000;
const CHROMIUM = process.env.HYDRO_CHROMIUM ?? '/usr/bin/chromium';
// The flags of playwright.config.ts.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const CHANNELS = [
  { channel: 'ph_sensor', role: 'ph_sensor', metric: 'PH', unit: 'pH', base: 6, swing: 0.3 },
  { channel: 'ec_sensor', role: 'ec_sensor', metric: 'EC', unit: 'mS/cm', base: 1.6, swing: 0.2 },
  {
    channel: 'temperature',
    role: 'temperature_sensor',
    metric: 'TEMPERATURE',
    unit: 'C',
    base: 22,
    swing: 3,
  },
  {
    channel: 'humidity',
    role: 'humidity_sensor',
    metric: 'HUMIDITY',
    unit: '%',
    base: 65,
    swing: 10,
  },
];

function log(message) {
  process.stderr.write(`${message}\n`);
}

async function zoneWithChannels(storage, greenhouseId, uid, name, now) {
  const zone = await storage.zones.create({ greenhouseId, uid, name }, now);
  const hex = randomBytes(6).toString('hex');
  const node = await storage.nodes.create({
    uid: `nd-bench-${hex}`,
    hardwareId: `esp32-${hex}`,
    type: 'ph',
    name: null,
    fwVersion: '2.0.0',
    capabilities: [],
    lifecycleState: 'ASSIGNED_TO_ZONE',
    zoneId: zone.id,
    pendingZoneId: null,
    pendingZoneSetAt: null,
    status: 'offline',
    lastSeenAt: null,
    lastHeartbeatAt: null,
    uptimeSeconds: null,
    freeHeapBytes: null,
    rssi: null,
    ip: null,
    nodeSecret: 'f'.repeat(64),
    mqttPassword: 'bench',
    config: null,
    firstSeenAt: now,
    updatedAt: now,
  });
  await storage.nodes.replaceChannels(
    node.id,
    CHANNELS.map((c) => ({
      channel: c.channel,
      type: 'SENSOR',
      metric: c.metric,
      unit: c.unit,
      actuatorType: null,
      config: {},
    })),
  );
  for (const c of CHANNELS)
    await storage.bindings.put(
      { zoneId: zone.id, role: c.role, nodeId: node.id, channel: c.channel },
      now,
    );
  return { zone, node };
}

/** The data dir: two zones alike, 30 days of samples for the first only. */
async function prepare(dataDir) {
  const database = new SqliteDatabase({
    dataDir,
    logger: silentLogger(),
    now: () => Date.now(),
    backupsKept: 1,
  });
  await database.start();
  const { storage } = database;
  const now = Date.now();
  const gh = await storage.greenhouses.create(
    { uid: 'gh-bench', name: 'Bench', timezone: 'UTC' },
    now,
  );
  const full = await zoneWithChannels(storage, gh.id, 'zn-full', '30 days', now);
  const empty = await zoneWithChannels(storage, gh.id, 'zn-empty', 'Empty', now);
  const writer = new TelemetryWriter({
    write: (batch) => storage.telemetry.insertSamples(batch),
    clock: systemClock,
    logger: silentLogger(),
  });
  writer.start();
  let pushed = 0;
  for (let ts = now - 30 * DAY; ts < now; ts += STEP_MS) {
    for (const [i, c] of CHANNELS.entries()) {
      const sample = {
        nodeId: full.node.id,
        zoneId: full.zone.id,
        channel: c.channel,
        metricType: c.metric,
        ts,
        value: c.base + Math.sin(ts / 3_600_000 + i) * c.swing,
        quality: 'good',
      };
      while (!writer.push(sample)) await writer.flush();
      if (++pushed % 10_000 === 0) await writer.flush();
    }
  }
  await writer.stop();
  await database.stop();
  return { fullId: full.zone.id, emptyId: empty.zone.id, samples: pushed };
}

function serve(dataDir, desktopToken) {
  const cli = new URL('cli.js', dist).pathname;
  const child = spawn(
    process.execPath,
    [cli, 'serve', '--data-dir', dataDir, '--http-port', '0', '--mqtt-port', '0'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, HYDRO_DESKTOP_TOKEN: desktopToken },
    },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = new Promise((resolve, reject) => {
    void exited.then((code) => reject(new Error(`hydro serve exited ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.includes('"ready"')) resolve(JSON.parse(line).http);
    });
  });
  return { url, stop: () => (child.kill('SIGTERM'), exited) };
}

/** Navigation start → both banded charts drawn with their loaded series, in page time. */
async function timeToRender(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url);
    const handle = await page.waitForFunction(
      () => {
        // Runs in the page.
        const charts = [...globalThis.document.querySelectorAll('.band-chart')];
        const drawn =
          charts.length >= 2 && charts.every((c) => c.getAttribute('aria-busy') === 'false');
        return drawn ? performance.now() : null;
      },
      undefined,
      { timeout: 60_000, polling: 'raf' },
    );
    return handle.jsonValue();
  } finally {
    await page.close();
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'hydro-bench-ui-'));
let server;
let browser;
try {
  const began = performance.now();
  const { fullId, emptyId, samples } = await prepare(dataDir);
  log(
    `dataset: ${samples} samples over 30 days in ${((performance.now() - began) / 1000).toFixed(1)} s`,
  );
  const desktopToken = randomBytes(24).toString('hex');
  server = serve(dataDir, desktopToken);
  const base = await server.url;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addCookies([{ name: 'hydro_desktop', value: desktopToken, url: base }]);
  const urlOf = (id) => `${base}/zones/${id}?tab=telemetry&range=30d`;
  // Warm-up: the browser cache holds the app's scripts for every measured run alike.
  await timeToRender(context, urlOf(emptyId));
  await timeToRender(context, urlOf(fullId));
  const times = { full: [], empty: [] };
  for (let i = 0; i < RUNS; i++) {
    times.empty.push(await timeToRender(context, urlOf(emptyId)));
    times.full.push(await timeToRender(context, urlOf(fullId)));
  }
  const full = percentile(times.full, 50);
  const empty = percentile(times.empty, 50);
  log(
    `runs: 30 days ${times.full.map(Math.round).join(', ')} ms; empty ${times.empty.map(Math.round).join(', ')} ms`,
  );
  process.stdout.write(
    `telemetry tab, 30 days vs empty zone: ${(full / empty).toFixed(2)}x (median of ${RUNS})\n`,
  );
  process.stdout.write(
    `${JSON.stringify({ telemetry_tab_30d_ms: Math.round(full), telemetry_tab_empty_ms: Math.round(empty) })}\n`,
  );
} finally {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
