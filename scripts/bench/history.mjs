// Do heavy history reads stall ingest? The same probe (a node's time request → the core's time
// response, which goes through the same serial ingest queue as telemetry) is timed with the core
// idle and while clients hammer it with 30-day history queries and full CSV exports. Reads share
// the event loop with ingest (better-sqlite3 is synchronous), so this measures exactly the stall.
import { connectAsync } from 'mqtt';
import { percentile, startChild } from './lib/processes.mjs';

const HISTORY_SAMPLES = Number(process.env.BENCH_HISTORY_SAMPLES ?? 500_000);
const PROBES = 300;
const DAY = 86_400_000;

async function probe(url, count) {
  const client = await connectAsync(url, { clientId: 'esp32-00000000ffff', reconnectPeriod: 0 });
  client.stream.setNoDelay(true);
  await client.subscribeAsync('hydro/time/response', { qos: 1 });
  const times = [];
  for (let i = 0; i < count; i++) {
    const began = performance.now();
    const answered = new Promise((resolve) => client.once('message', resolve));
    await client.publishAsync(
      'hydro/time/request',
      JSON.stringify({ message_type: 'time_request', uptime: i }),
      { qos: 1 },
    );
    await answered;
    times.push(performance.now() - began);
    await new Promise((r) => setTimeout(r, 10));
  }
  await client.endAsync();
  return times;
}

async function hammer(http, until) {
  const to = Date.now();
  const from = to - 30 * DAY;
  let queries = 0;
  let exportedBytes = 0;
  const history = async () => {
    while (!until.done) {
      await (
        await fetch(
          `${http}/api/telemetry/history?series=1:ph_sensor&from=${from}&to=${to}&points=5000`,
          { headers: { authorization: 'Bearer bench-token-0123456789' } },
        )
      ).text();
      queries++;
    }
  };
  const exports = async () => {
    while (!until.done) {
      const res = await fetch(
        `${http}/api/telemetry/export.csv?node_id=1&channel=ph_sensor&from=${from}&to=${to}`,
        { headers: { authorization: 'Bearer bench-token-0123456789' } },
      );
      for await (const chunk of res.body) exportedBytes += chunk.length;
    }
  };
  await Promise.all([history(), history(), exports()]);
  return { queries, exportedBytes };
}

process.env.HYDRO_API_TOKEN = 'bench-token-0123456789';
const core = await startChild('./core-child.mjs', ['1', String(HISTORY_SAMPLES)]);
const idle = await probe(core.ready.mqtt, PROBES);
const until = { done: false };
const load = hammer(core.ready.http, until);
const busy = await probe(core.ready.mqtt, PROBES);
until.done = true;
const work = await load;
await core.stop();

const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const result = {
  history_samples: HISTORY_SAMPLES,
  idle_p99_ms: round(percentile(idle, 99)),
  loaded_p99_ms: round(percentile(busy, 99)),
  p99_ratio: round(percentile(busy, 99) / percentile(idle, 99), 2),
  loaded_p50_ms: round(percentile(busy, 50)),
  history_queries: work.queries,
  exported_mb: round(work.exportedBytes / 1e6),
};
process.stdout.write(
  `ingest probe p99: idle ${result.idle_p99_ms} ms, under 30-day history queries + CSV exports ${result.loaded_p99_ms} ms ` +
    `(${result.p99_ratio}×; ${result.history_queries} queries, ${result.exported_mb} MB exported)\n`,
);
process.stdout.write(`${JSON.stringify(result)}\n`);
