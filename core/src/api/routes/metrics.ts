import type { FastifyInstance } from 'fastify';
import type { AlertsService } from '../../alerts/alerts-service.js';
import type { Health } from '../../contracts/health.js';
import type { DevicesService } from '../../devices/devices-service.js';
import type { EventLog } from '../../events/event-log.js';
import type { Storage } from '../../storage/storage.js';
import type { AuthSecrets } from '../auth.js';
import { handle, requireCapability } from '../guards.js';
import type { RealtimeHub } from '../realtime-hub.js';

export interface MetricsRouteDeps {
  secrets: AuthSecrets;
  health: () => Health;
  devices: () => DevicesService;
  storage: () => Storage;
  alerts: AlertsService;
  eventLog: EventLog;
}

type Labels = Record<string, string>;
type Sample = [labels: Labels, value: number];

/** The Prometheus text format, version 0.0.4 (one HELP and TYPE per family, then samples). */
class Exposition {
  private readonly lines: string[] = [];

  add(name: string, type: 'counter' | 'gauge' | 'summary', help: string, samples: Sample[]) {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) this.sample(name, labels, value);
  }

  /** A summary without quantiles: `_sum` and `_count` per label set. */
  summary(name: string, help: string, samples: [Labels, { sum: number; count: number }][]) {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} summary`);
    for (const [labels, { sum, count }] of samples) {
      this.sample(`${name}_sum`, labels, sum);
      this.sample(`${name}_count`, labels, count);
    }
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }

  private sample(name: string, labels: Labels, value: number) {
    const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
    const suffix = pairs.length > 0 ? `{${pairs.join(',')}}` : '';
    this.lines.push(`${name}${suffix} ${Number.isFinite(value) ? value : 'NaN'}`);
  }
}

const escapeLabel = (v: string) =>
  v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** Counts kept in this process since start (Prometheus counters reset with the process). */
class Counter<K extends string> {
  private readonly values = new Map<string, { labels: Record<K, string>; value: number }>();

  add(labels: Record<K, string>, by = 1): void {
    const key = JSON.stringify(labels);
    const entry = this.values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }

  samples(): Sample[] {
    return [...this.values.values()].map((e) => [e.labels, e.value]);
  }
}

/** What the process counted itself since start (requests, realtime events). */
interface Counted {
  requests: Counter<'method' | 'route' | 'status'>;
  durations: Map<string, { labels: Labels; sum: number; count: number }>;
  broadcasts: Counter<'event_type'>;
  commandStatuses: Counter<'status'>;
  commandsSent: number;
}

/**
 * `GET /metrics` in the Prometheus text format, with the counter names of the reference stack
 * (reference-backend-ui.md §1.1) where Hydro has the same thing, so its Grafana dashboards keep
 * working; Hydro-only figures are prefixed `hydro_`. Like the API it needs a caller with `view`
 * (a Prometheus job sends `Authorization: Bearer <token>`).
 */
export function registerMetricsRoutes(
  api: FastifyInstance,
  deps: MetricsRouteDeps,
  hub: RealtimeHub,
): void {
  const counted = count(api, hub);
  api.get('/metrics', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      const out = new Exposition();
      const health = deps.health();
      addIngestMetrics(out, deps.devices(), health);
      addCommandMetrics(out, counted, health);
      const active = await deps.storage().alerts.countActiveBySeverity();
      out.add(
        'alerts_active',
        'gauge',
        'Active alerts by severity',
        Object.entries(active).map(([severity, n]) => [{ severity }, n]),
      );
      out.add(
        'hydro_alerts_rate_limited_total',
        'counter',
        'New alerts dropped by the rate limit',
        [[{}, deps.alerts.rateLimited]],
      );
      out.add(
        'ws_broadcast_total',
        'counter',
        'Realtime events published',
        counted.broadcasts.samples(),
      );
      out.add('hydro_ws_clients', 'gauge', 'Connected realtime clients', [[{}, hub.clientCount]]);
      out.add('hydro_realtime_last_event_id', 'gauge', 'Newest realtime event id', [
        [{}, deps.eventLog.lastId()],
      ]);
      addProcessMetrics(out, health);
      out.add(
        'http_requests_total',
        'counter',
        'HTTP requests answered',
        counted.requests.samples(),
      );
      out.summary(
        'http_request_duration_seconds',
        'Time to answer HTTP requests',
        [...counted.durations.values()].map((d) => [d.labels, d]),
      );
      return reply.type('text/plain; version=0.0.4; charset=utf-8').send(out.text());
    }),
  );
}

/** Count every HTTP answer and realtime event from now on. */
function count(api: FastifyInstance, hub: RealtimeHub): Counted {
  const counted: Counted = {
    requests: new Counter(),
    durations: new Map(),
    broadcasts: new Counter(),
    commandStatuses: new Counter(),
    commandsSent: 0,
  };
  api.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    counted.requests.add({ method: request.method, route, status: String(reply.statusCode) });
    const key = `${request.method} ${route}`;
    const d = counted.durations.get(key) ?? {
      labels: { method: request.method, route },
      sum: 0,
      count: 0,
    };
    d.sum += reply.elapsedTime / 1000;
    d.count++;
    counted.durations.set(key, d);
    done();
  });
  const unobserve = hub.observe((event) => {
    counted.broadcasts.add({ event_type: event.event });
    if (event.event !== 'command.status') return;
    counted.commandStatuses.add({ status: event.data.command.status });
    if (event.data.command.status === 'SENT') counted.commandsSent++;
  });
  api.addHook('onClose', (_instance, done) => {
    unobserve();
    done();
  });
  return counted;
}

function addIngestMetrics(out: Exposition, devices: DevicesService, health: Health): void {
  const ingest = devices.ingest.stats();
  const deviceMetrics = health.components.find((c) => c.name === 'devices')?.metrics ?? {};
  out.add('telemetry_received_total', 'counter', 'Valid samples from bound nodes', [
    [{}, ingest.received],
  ]);
  out.add('telemetry_processed_total', 'counter', 'Samples written to the store', [
    [{}, ingest.written],
  ]);
  const dropped: Sample[] = [[{ reason: 'queue_overflow' }, ingest.overflow]];
  const otherDrops: Sample[] = [];
  for (const [key, value] of Object.entries(deviceMetrics)) {
    const match = /^drop\.([^:]+):(.+)$/.exec(key);
    if (!match || typeof value !== 'number') continue;
    if (match[1] === 'telemetry') dropped.push([{ reason: match[2]! }, value]);
    else otherDrops.push([{ kind: match[1]!, reason: match[2]! }, value]);
  }
  out.add('telemetry_dropped_total', 'counter', 'Telemetry messages dropped', dropped);
  out.add(
    'hydro_inbound_dropped_total',
    'counter',
    'Other node messages dropped, by kind and reason',
    otherDrops,
  );
  out.add('telemetry_queue_utilization', 'gauge', 'Writer queue fill (0..1)', [
    [{}, ingest.pending / ingest.capacity],
  ]);
  out.add('hydro_ingest_queue_depth', 'gauge', 'Items waiting, by queue', [
    [{ queue: 'samples' }, ingest.pending],
    [{ queue: 'inbound' }, numberOf(deviceMetrics.queue)],
  ]);
}

function addCommandMetrics(out: Exposition, counted: Counted, health: Health): void {
  const component = (name: string) => health.components.find((c) => c.name === name);
  out.add('commands_sent_total', 'counter', 'Commands published to nodes', [
    [{}, counted.commandsSent],
  ]);
  out.add(
    'hydro_command_status_total',
    'counter',
    'Command status changes, by new status',
    counted.commandStatuses.samples(),
  );
  out.add('pipeline_mqtt_connected', 'gauge', 'The core is connected to the broker', [
    [{}, component('mqtt-bus')?.state === 'healthy' ? 1 : 0],
  ]);
  out.add('hydro_mqtt_clients', 'gauge', 'Clients connected to the embedded broker', [
    [{}, numberOf(component('broker')?.metrics.clients)],
  ]);
  out.add(
    'hydro_component_healthy',
    'gauge',
    'Component is running (healthy or degraded)',
    health.components.map((c) => [
      { component: c.name },
      c.state === 'healthy' || c.state === 'degraded' ? 1 : 0,
    ]),
  );
}

function addProcessMetrics(out: Exposition, health: Health): void {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  out.add('process_resident_memory_bytes', 'gauge', 'Resident memory size', [[{}, memory.rss]]);
  out.add('nodejs_heap_size_used_bytes', 'gauge', 'V8 heap in use', [[{}, memory.heapUsed]]);
  out.add('nodejs_heap_size_total_bytes', 'gauge', 'V8 heap size', [[{}, memory.heapTotal]]);
  out.add('process_cpu_seconds_total', 'counter', 'User and system CPU time', [
    [{}, (cpu.user + cpu.system) / 1e6],
  ]);
  out.add('process_start_time_seconds', 'gauge', 'Start time since the Unix epoch', [
    [{}, Date.parse(health.started_at) / 1000],
  ]);
}

function numberOf(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}
