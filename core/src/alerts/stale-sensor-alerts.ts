import type { BindingRole } from '../contracts/bindings.js';
import type { ComponentMetrics } from '../runtime/component.js';
import type { BindingRecord, ZoneRecord } from '../storage/domain-types.js';
import type { NodeRecord } from '../storage/types.js';
import { flowSince, PROBE_FLOW_PHASES } from './band-sources.js';
import { PollingProducer, type ProducerContext } from './producer-loop.js';

export const SENSOR_STALE_CODE = 'infra_sensor_stale';
export const STALE_CHECK_MS = 30_000;

export function sensorStaleKey(zoneId: number, role: BindingRole): string {
  return `${SENSOR_STALE_CODE}:${zoneId}:${role}`;
}

export interface StaleRule {
  /** No sample for longer than this is stale. */
  maxAgeMs: number;
  /**
   * The sensor is expected to report only while solution flows (pH/EC probes in active sensor
   * mode, reference-domain §10.1); otherwise it reports all the time.
   */
  whileFlowing: boolean;
}

const LEVEL: StaleRule = { maxAgeMs: 120_000, whileFlowing: false };
const CLIMATE: StaleRule = { maxAgeMs: 1_200_000, whileFlowing: false };
const PROBE: StaleRule = { maxAgeMs: 120_000, whileFlowing: true };

/**
 * Freshness per sensor role (reference-domain §10.2). Level switches report every 5 s and the
 * tank workflows read them at 10 s; an alert after 120 s (the node-liveness horizon) is a switch
 * that went quiet while its node lives. Climate sensors follow the greenhouse climate's 1200 s.
 * The pH/EC probes (and the solution temperature probe on the same nodes) report only while
 * active, so they are judged only during a flow, 120 s after it started at the earliest.
 */
export const STALE_RULES: Partial<Record<BindingRole, StaleRule>> = {
  level_clean_min: LEVEL,
  level_clean_max: LEVEL,
  level_solution_min: LEVEL,
  level_solution_max: LEVEL,
  temperature_sensor: CLIMATE,
  humidity_sensor: CLIMATE,
  co2_sensor: CLIMATE,
  light_sensor: CLIMATE,
  ph_sensor: PROBE,
  ec_sensor: PROBE,
  solution_temp_sensor: PROBE,
};

export interface StaleSensorAlertsOptions {
  intervalMs?: number;
  rules?: Partial<Record<BindingRole, StaleRule>>;
}

/** One check's view of the nodes: rows by id, last sample per channel read once per node. */
interface Snapshot {
  nodes: Map<number, NodeRecord>;
  lastTs: Map<number, Promise<Map<string, number>>>;
}

/**
 * `infra_sensor_stale` (warning) per zone and sensor role whose channel has had no sample for
 * longer than its rule while its node is online (an offline node is `biz_node_offline`'s), and
 * while it is expected to report at all. Resolved by the next fresh sample, or when the binding
 * goes. Age is counted from the newest of: the last sample, the node coming online as seen by
 * this run, this run's start (the core's own downtime is no sensor's fault) and, for probes, the
 * start of the flow.
 */
export class StaleSensorAlerts extends PollingProducer {
  readonly name = 'stale-sensor-alerts';
  private readonly rules: Partial<Record<BindingRole, StaleRule>>;
  /** Keys with an ACTIVE alert. */
  private readonly open = new Set<string>();
  /** When this run first saw each node online (since its last time offline). */
  private readonly onlineSince = new Map<number, number>();

  constructor(context: ProducerContext, options: StaleSensorAlertsOptions = {}) {
    super(context, options.intervalMs ?? STALE_CHECK_MS);
    this.rules = { ...STALE_RULES, ...options.rules };
  }

  protected async restore(): Promise<void> {
    for (const alert of await this.activeAlerts([SENSOR_STALE_CODE]))
      this.open.add(alert.dedupeKey);
  }

  protected async check(): Promise<void> {
    const now = this.ctx.clock.now();
    const nodes = new Map((await this.ctx.storage.nodes.list()).map((n) => [n.id, n]));
    for (const node of nodes.values()) {
      if (node.status !== 'online') this.onlineSince.delete(node.id);
      else if (!this.onlineSince.has(node.id)) this.onlineSince.set(node.id, now);
    }
    const snapshot: Snapshot = { nodes, lastTs: new Map() };
    const present = new Set<string>();
    for (const zone of await this.ctx.storage.zones.list()) {
      const bindings = await this.ctx.storage.bindings.listForZone(zone.id);
      const watched = bindings.filter((b) => this.rules[b.role] !== undefined);
      if (watched.length === 0) continue;
      const probes = watched.some((b) => this.rules[b.role]!.whileFlowing);
      const flow = probes ? await flowSince(this.ctx.storage, zone, PROBE_FLOW_PHASES) : null;
      for (const binding of watched) {
        present.add(sensorStaleKey(zone.id, binding.role));
        await this.judge(zone, binding, flow, snapshot);
      }
    }
    // The binding (or the zone) is gone: nobody waits for that sensor any more.
    for (const key of [...this.open]) {
      if (present.has(key)) continue;
      await this.ctx.alerts.resolveByKey(key);
      this.open.delete(key);
    }
  }

  protected metrics(): ComponentMetrics {
    return { open: this.open.size };
  }

  private async judge(
    zone: ZoneRecord,
    binding: BindingRecord,
    flow: number | null,
    snapshot: Snapshot,
  ): Promise<void> {
    const rule = this.rules[binding.role]!;
    const node = snapshot.nodes.get(binding.nodeId);
    if (node?.status !== 'online') return;
    const key = sensorStaleKey(zone.id, binding.role);
    const now = this.ctx.clock.now();
    const last = (await this.lastSamples(node.id, snapshot)).get(binding.channel) ?? null;
    if (last !== null && now - last <= rule.maxAgeMs) {
      if (!this.open.has(key)) return;
      await this.ctx.alerts.resolveByKey(key);
      this.open.delete(key);
      return;
    }
    if (this.open.has(key) || (rule.whileFlowing && flow === null)) return;
    const expectedSince = Math.max(
      last ?? -Infinity,
      this.onlineSince.get(node.id) ?? now,
      this.startedAt,
      rule.whileFlowing ? flow! : -Infinity,
    );
    if (now - expectedSince <= rule.maxAgeMs) return;
    const alert = await this.ctx.alerts.raise({
      zoneId: zone.id,
      code: SENSOR_STALE_CODE,
      severity: 'warning',
      dedupeKey: key,
      message:
        last === null
          ? `No reading from ${binding.role} (${node.uid}/${binding.channel}) yet`
          : `No reading from ${binding.role} (${node.uid}/${binding.channel}) for ${Math.round((now - last) / 1000)} s`,
      details: {
        role: binding.role,
        node_id: node.id,
        node_uid: node.uid,
        channel: binding.channel,
        last_sample_at: last === null ? null : new Date(last).toISOString(),
        max_age_s: rule.maxAgeMs / 1000,
      },
    });
    // Rate-limited: nothing opened, the next check tries again.
    if (alert) this.open.add(key);
  }

  private lastSamples(nodeId: number, snapshot: Snapshot): Promise<Map<string, number>> {
    let values = snapshot.lastTs.get(nodeId);
    if (!values) {
      values = this.ctx.storage.telemetryHistory
        .lastValues(nodeId)
        .then((list) => new Map(list.map((v) => [v.channel, v.ts])));
      snapshot.lastTs.set(nodeId, values);
    }
    return values;
  }
}
