// The telemetry store under a farm's worth of data: a generated dataset (default 30 days × 50
// channels at one sample per 5 s, about 26 M samples) goes through the real telemetry writer into
// SQLite and PostgreSQL. Per dialect: sustained rows/s through the writer against a plain batched
// insert of the same rows in the same run (the ratio), p99 flush latency, bytes per sample on disk
// (raw rows plus rollups), and history query times. Flags: --days N --channels N --interval-s N
// --only sqlite|postgres. Nothing is written outside temp dirs and a dropped database.
import { parseArgs } from 'node:util';
import { percentile } from './lib/processes.mjs';
import { openPostgres, openSqlite } from './lib/store-targets.mjs';

const dist = new URL('../../dist/core/', import.meta.url);
const { TelemetryWriter } = await import(new URL('telemetry/telemetry-writer.js', dist).href);
const { systemClock } = await import(new URL('runtime/clock.js', dist).href);
const { silentLogger } = await import(new URL('runtime/logger.js', dist).href);

const { values: flags } = parseArgs({
  options: {
    days: { type: 'string', default: '30' },
    channels: { type: 'string', default: '50' },
    'interval-s': { type: 'string', default: '5' },
    only: { type: 'string' },
  },
});
const DAYS = Number(flags.days);
const CHANNELS = Number(flags.channels);
const STEP_MS = Number(flags['interval-s']) * 1000;
const CHANNELS_PER_NODE = 10;
/** Rows per turn of the baseline and the writer. */
const SLICE_ROWS = 100_000;
const DAY = 86_400_000;
const END = Date.UTC(2026, 10, 1);
const START = END - DAYS * DAY;
const TOTAL = Math.floor((END - START) / STEP_MS) * CHANNELS;

function log(message) {
  process.stderr.write(`${message}\n`);
}

/**
 * Every sample of the dataset in time order, as nodes deliver them. Each also carries the series id
 * the baseline's table is keyed by (numbered before timing, ignored by the writer), so both loops
 * pay for the same objects.
 */
function* dataset(channels) {
  for (let ts = START; ts < END; ts += STEP_MS) {
    for (const [i, c] of channels.entries()) {
      const value = c.base + Math.sin(ts / 3_600_000 + i) * c.swing + ((ts / STEP_MS) % 7) * 0.001;
      yield {
        nodeId: c.nodeId,
        zoneId: c.zoneId,
        channel: c.channel,
        metricType: c.metricType,
        ts,
        value,
        quality: 'good',
        seriesId: i + 1,
      };
    }
  }
}

async function seed(storage) {
  const gh = await storage.greenhouses.create({ uid: 'gh-b', name: 'Bench', timezone: 'UTC' }, 0);
  const zone = await storage.zones.create({ greenhouseId: gh.id, uid: 'zn-b', name: 'Z' }, 0);
  const channels = [];
  const metrics = [
    ['PH', 6, 0.3],
    ['EC', 1.8, 0.2],
    ['TEMPERATURE', 22, 3],
    ['HUMIDITY', 65, 10],
  ];
  for (let n = 0; n * CHANNELS_PER_NODE < CHANNELS; n++) {
    const hex = (n + 1).toString(16).padStart(12, '0');
    const node = await storage.nodes.create({
      uid: `nd-bench-${hex}`,
      hardwareId: `esp32-${hex}`,
      type: 'climate',
      name: null,
      fwVersion: '2.0.0',
      capabilities: [],
      lifecycleState: 'ACTIVE',
      zoneId: zone.id,
      pendingZoneId: null,
      pendingZoneSetAt: null,
      status: 'online',
      lastSeenAt: null,
      lastHeartbeatAt: null,
      uptimeSeconds: null,
      freeHeapBytes: null,
      rssi: null,
      ip: null,
      nodeSecret: 'f'.repeat(64),
      mqttPassword: 'bench',
      config: null,
      firstSeenAt: 0,
      updatedAt: 0,
    });
    for (let k = 0; k < CHANNELS_PER_NODE && channels.length < CHANNELS; k++) {
      const [metricType, base, swing] = metrics[channels.length % metrics.length];
      channels.push({
        nodeId: node.id,
        zoneId: zone.id,
        channel: `sensor_${k}`,
        metricType,
        base,
        swing,
      });
    }
  }
  return channels;
}

/**
 * The writer against its baseline: the same rows, all of them, as plain batched inserts into a
 * table of the same shape. The two take turns on slices of the dataset and each is timed on its
 * own turns: both then see the same machine load (a shared machine's load shifts within minutes)
 * and the same table sizes (inserts into a B-tree slow down as it grows, about a quarter from 1 M
 * to 26 M rows here), so the ratio compares like with like.
 */
async function rates(target, storage, channels) {
  const raw = await target.rawInserter();
  const writer = new TelemetryWriter({
    write: (batch) => storage.telemetry.insertSamples(batch),
    clock: systemClock,
    logger: silentLogger(),
  });
  writer.start();
  const ms = { raw: 0, writer: 0 };
  let slice = [];
  let pushed = 0;
  const take = async () => {
    let began = performance.now();
    for (let i = 0; i < slice.length; i += 1000) await raw.insert(slice.slice(i, i + 1000));
    ms.raw += performance.now() - began;
    began = performance.now();
    // As fast as the writer's bounded queue accepts them.
    for (const s of slice) {
      while (!writer.push(s)) await writer.flush();
      if (++pushed % 5000 === 0) await writer.flush();
    }
    await writer.flush();
    ms.writer += performance.now() - began;
    if (Math.floor(pushed / 2_000_000) > Math.floor((pushed - slice.length) / 2_000_000))
      log(`  ${pushed} / ${TOTAL} samples`);
    slice = [];
  };
  for (const s of dataset(channels)) {
    slice.push(s);
    if (slice.length === SLICE_ROWS) await take();
  }
  if (slice.length > 0) await take();
  await writer.stop();
  await raw.close();
  const stats = writer.stats();
  if (stats.written !== TOTAL) throw new Error(`writer stored ${stats.written} of ${TOTAL}`);
  return {
    raw: TOTAL / (ms.raw / 1000),
    writer: TOTAL / (ms.writer / 1000),
    flushP99: stats.flushP99Ms,
  };
}

async function timed(fn, runs = 7) {
  await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    await fn();
    times.push(performance.now() - began);
  }
  return percentile(times, 50);
}

async function queries(history, channels) {
  const one = channels[0];
  const range = (days) => ({
    nodeId: one.nodeId,
    channel: one.channel,
    fromMs: END - days * DAY,
    toMs: END,
  });
  return {
    q24h: await timed(() => history.series({ ...range(1), budget: 1000 })),
    q30d: await timed(() => history.series({ ...range(Math.min(30, DAYS)), budget: 1000 })),
    qZone7d: await timed(() =>
      Promise.all(
        channels.map((c) =>
          history.series({
            nodeId: c.nodeId,
            channel: c.channel,
            fromMs: END - 7 * DAY,
            toMs: END,
            budget: 500,
          }),
        ),
      ),
    ),
  };
}

async function run(name, open) {
  log(`${name}: ${TOTAL} samples (${DAYS} d × ${CHANNELS} channels every ${STEP_MS / 1000} s)`);
  const target = await open();
  try {
    const { storage } = target.database;
    const channels = await seed(storage);
    const rate = await rates(target, storage, channels);
    log(
      `  raw batched insert: ${Math.round(rate.raw)} rows/s, writer: ${Math.round(rate.writer)} rows/s`,
    );
    const usage = await storage.telemetryHistory.diskUsage();
    const bytes = usage
      .filter((u) => u.table.startsWith('telemetry_'))
      .reduce((a, u) => a + u.bytes, 0);
    const q = await queries(storage.telemetryHistory, channels);
    const round = (x, d = 1) => Number(x.toFixed(d));
    return {
      rows_per_s: Math.round(rate.writer),
      ratio_vs_raw: round(rate.writer / rate.raw, 2),
      flush_p99_ms: round(rate.flushP99),
      bytes_per_sample: round(bytes / TOTAL),
      q_24h_ms: round(q.q24h, 2),
      q_30d_ms: round(q.q30d, 2),
      q_zone_7d_ms: round(q.qZone7d, 2),
    };
  } finally {
    await target.close();
  }
}

const result = {};
if (flags.only !== 'postgres') result.sqlite = await run('sqlite', openSqlite);
if (flags.only !== 'sqlite') result.postgres = await run('postgres', openPostgres);
process.stdout.write(`${JSON.stringify(result)}\n`);
