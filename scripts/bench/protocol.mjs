// Protocol throughput and latency. Part 1: the same publishers push telemetry through the broker
// alone (a plain subscriber counts it) and through the full ingest path (validated, resolved,
// written to SQLite); the ratio is ingest/broker. Part 2: 1,000 simulated nodes publish 1 msg/s
// each; p99 latency from publish to the realtime telemetry event, and the core's RSS.
import { connectAsync } from 'mqtt';
import WebSocket from 'ws';
import { percentile, startChild } from './lib/processes.mjs';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 40_000);
const PUBLISHERS = 8;
const NODES = Number(process.env.BENCH_NODES ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const mac = (i) => i.toString(16).padStart(12, '0');
const topicOf = (i) => `hydro/gh-1/zn-1/nd-ph-${mac(i)}/ph_sensor/telemetry`;

async function publishAll(url) {
  const clients = await Promise.all(
    Array.from({ length: PUBLISHERS }, (_, i) =>
      connectAsync(url, { clientId: `esp32-${mac(i)}`, reconnectPeriod: 0 }),
    ),
  );
  const perClient = MESSAGES / PUBLISHERS;
  const base = Date.now();
  await Promise.all(
    clients.map(async (client, c) => {
      for (let i = 0; i < perClient; i += 200) {
        const batch = [];
        for (let j = i; j < Math.min(i + 200, perClient); j++) {
          // Millisecond ts, unique per node, so no sample is a duplicate of another.
          const payload = JSON.stringify({
            metric_type: 'PH',
            value: 6 + (j % 100) / 100,
            ts: base + j,
          });
          batch.push(client.publishAsync(topicOf(c), payload, { qos: 1 }));
        }
        await Promise.all(batch);
      }
    }),
  );
  return clients;
}

async function brokerAlone() {
  const broker = await startChild('./broker-child.mjs');
  const sink = await connectAsync(broker.ready.mqtt, {
    clientId: 'bench-sink',
    reconnectPeriod: 0,
  });
  await sink.subscribeAsync('hydro/+/+/+/+/telemetry', { qos: 1 });
  let received = 0;
  const done = new Promise((resolve) =>
    sink.on('message', () => ++received === MESSAGES && resolve(performance.now())),
  );
  const began = performance.now();
  const clients = await publishAll(broker.ready.mqtt);
  const ended = await done;
  await Promise.all([...clients, sink].map((c) => c.endAsync(true)));
  await broker.stop();
  return MESSAGES / ((ended - began) / 1000);
}

async function samplesWritten(http) {
  const health = (await (await fetch(`${http}/api/health`)).json()).data;
  return Number(health.components.find((c) => c.name === 'devices').metrics.samples_written);
}

async function fullIngest() {
  const core = await startChild('./core-child.mjs', [String(PUBLISHERS)]);
  const began = performance.now();
  const clients = await publishAll(core.ready.mqtt);
  while ((await samplesWritten(core.ready.http)) < MESSAGES)
    await new Promise((r) => setTimeout(r, 20));
  const ended = performance.now();
  await Promise.all(clients.map((c) => c.endAsync(true)));
  await core.stop();
  return MESSAGES / ((ended - began) / 1000);
}

async function manyNodes() {
  const core = await startChild('./core-child.mjs', [String(NODES)]);
  const sentAt = new Map();
  const latencies = [];
  const ws = new WebSocket(`${core.ready.http.replace('http', 'ws')}/api/ws`);
  ws.on('message', (data) => {
    const event = JSON.parse(data.toString());
    if (event.event !== 'telemetry.batch.updated') return;
    const now = performance.now();
    for (const u of event.data.updates) {
      const sent = sentAt.get(u.value);
      if (sent !== undefined) latencies.push(now - sent);
    }
  });
  await new Promise((resolve) => ws.once('open', resolve));
  const clients = [];
  for (let i = 0; i < NODES; i += 50) {
    const batch = Array.from({ length: Math.min(50, NODES - i) }, (_, k) =>
      connectAsync(core.ready.mqtt, { clientId: `esp32-${mac(i + k)}`, reconnectPeriod: 0 }),
    );
    clients.push(...(await Promise.all(batch)));
  }
  let id = 0;
  const timers = clients.map((client, i) => {
    const tick = () => {
      const value = ++id;
      sentAt.set(value, performance.now());
      client.publish(topicOf(i), JSON.stringify({ metric_type: 'PH', value, ts: Date.now() }), {
        qos: 1,
      });
    };
    // Spread the nodes over the second, as real nodes drift apart.
    const start = setTimeout(
      () => {
        tick();
        timers[i] = setInterval(tick, 1000);
      },
      (i * 1000) / NODES,
    );
    return start;
  });
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  timers.forEach((t) => clearInterval(t));
  await new Promise((r) => setTimeout(r, 1500));
  const rss = core.rssMb();
  ws.close();
  await Promise.all(clients.map((c) => c.endAsync(true)));
  await core.stop();
  return {
    p99: percentile(latencies, 99),
    p50: percentile(latencies, 50),
    delivered: latencies.length,
    sent: id,
    rss,
  };
}

const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const broker = await brokerAlone();
const ingest = await fullIngest();
process.stdout.write(
  `broker alone: ${round(broker, 0)} msg/s; full ingest: ${round(ingest, 0)} msg/s; ratio ${round(ingest / broker, 2)} (target >= 0.5)\n`,
);
const many = await manyNodes();
process.stdout.write(
  `${NODES} nodes at 1 msg/s for ${SECONDS} s: ${many.delivered}/${many.sent} samples seen live, ` +
    `latency p50 ${round(many.p50)} ms, p99 ${round(many.p99)} ms (includes the 500 ms flush window); core RSS ${round(many.rss)} MB\n`,
);
process.stdout.write(
  `${JSON.stringify({
    broker_msgs_per_s: round(broker, 0),
    ingest_msgs_per_s: round(ingest, 0),
    ratio: round(ingest / broker, 2),
    nodes: NODES,
    p99_ms: round(many.p99),
    rss_mb: round(many.rss),
  })}\n`,
);
