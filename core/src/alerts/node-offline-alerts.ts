import { OFFLINE_TIMEOUT_MS } from '../devices/devices-service.js';
import type { ZoneEvents } from '../events/zone-events.js';
import type { ComponentMetrics } from '../runtime/component.js';
import type { NodeRecord } from '../storage/types.js';
import { PollingProducer, type ProducerContext } from './producer-loop.js';

export const NODE_OFFLINE_CODE = 'biz_node_offline';
/** Node rows are cheap to read; LWT marks a node offline at once, so look often. */
export const NODE_OFFLINE_CHECK_MS = 10_000;

export function nodeOfflineKey(zoneId: number, nodeUid: string): string {
  return `${NODE_OFFLINE_CODE}:${zoneId}:${nodeUid}`;
}

export interface NodeOfflineAlertsContext extends ProducerContext {
  zoneEvents: ZoneEvents;
}

export interface NodeOfflineAlertsOptions {
  intervalMs?: number;
  /**
   * A node found offline that has not been heard from since this run started is alerted only
   * this long after start: its status in the store predates the restart and nodes take a while to
   * reconnect. Defaults to the registry's silence timeout, after which the offline monitor has
   * judged every node.
   */
  startupGraceMs?: number;
}

/**
 * `biz_node_offline` (error, reference-domain §9.3) for every node bound to a zone that the
 * registry marks offline (120 s without a heartbeat, or its LWT), one alert per zone and node,
 * resolved automatically when it is back online. The zone timeline gets NODE_OFFLINE when the
 * alert opens and NODE_ONLINE when it is resolved by the node's return (nothing else records
 * them: the registry only changes the node row).
 */
export class NodeOfflineAlerts extends PollingProducer {
  readonly name = 'node-offline-alerts';
  private readonly graceMs: number;
  /** Keys with an ACTIVE alert. */
  private readonly open = new Set<string>();
  /** Keys raised in the current offline episode (so a long outage is raised once). */
  private readonly raised = new Set<string>();

  constructor(
    private readonly context: NodeOfflineAlertsContext,
    options: NodeOfflineAlertsOptions = {},
  ) {
    super(context, options.intervalMs ?? NODE_OFFLINE_CHECK_MS);
    this.graceMs = options.startupGraceMs ?? OFFLINE_TIMEOUT_MS;
  }

  protected async restore(): Promise<void> {
    for (const alert of await this.activeAlerts([NODE_OFFLINE_CODE]))
      this.open.add(alert.dedupeKey);
  }

  protected async check(): Promise<void> {
    const watched = new Set<string>();
    for (const node of await this.ctx.storage.nodes.list()) {
      if (node.zoneId === null || node.lifecycleState === 'DECOMMISSIONED') continue;
      const key = nodeOfflineKey(node.zoneId, node.uid);
      watched.add(key);
      if (node.status === 'offline') await this.offline(key, node.zoneId, node);
      else await this.online(key, node.zoneId, node);
    }
    // The node left its zone (detached, moved, decommissioned): nothing to wait for any more.
    for (const key of [...this.open]) {
      if (watched.has(key)) continue;
      await this.ctx.alerts.resolveByKey(key);
      this.open.delete(key);
    }
    for (const key of this.raised) if (!watched.has(key)) this.raised.delete(key);
  }

  protected metrics(): ComponentMetrics {
    return { open: this.open.size };
  }

  private async offline(key: string, zoneId: number, node: NodeRecord): Promise<void> {
    if (this.raised.has(key)) return;
    // Heard from since this run started: its going offline is news, not a status left over.
    const lastSeen = node.lastSeenAt ?? node.lastHeartbeatAt;
    const heard = Math.max(node.lastSeenAt ?? 0, node.lastHeartbeatAt ?? 0) >= this.startedAt;
    if (!heard && this.ctx.clock.now() < this.startedAt + this.graceMs) return;
    const alert = await this.ctx.alerts.raise({
      zoneId,
      code: NODE_OFFLINE_CODE,
      severity: 'error',
      dedupeKey: key,
      message: `Node ${node.name ?? node.uid} is offline`,
      details: {
        node_id: node.id,
        node_uid: node.uid,
        node_type: node.type,
        last_seen_at: lastSeen === null ? null : new Date(lastSeen).toISOString(),
      },
    });
    // Rate-limited: nothing was opened, so the next check tries again.
    if (!alert) return;
    this.raised.add(key);
    this.open.add(key);
    if (alert.count === 1) {
      await this.context.zoneEvents.record(zoneId, 'NODE_OFFLINE', {
        node_id: node.id,
        node_uid: node.uid,
        alert_id: alert.id,
        last_seen_at: alert.details?.last_seen_at ?? null,
      });
    }
  }

  private async online(key: string, zoneId: number, node: NodeRecord): Promise<void> {
    this.raised.delete(key);
    if (!this.open.has(key)) return;
    const resolved = await this.ctx.alerts.resolveByKey(key);
    this.open.delete(key);
    // Resolved by hand meanwhile: the alert is gone, and so is the record of the outage.
    if (!resolved) return;
    await this.context.zoneEvents.record(zoneId, 'NODE_ONLINE', {
      node_id: node.id,
      node_uid: node.uid,
      alert_id: resolved.id,
      offline_since: new Date(resolved.firstSeenAt).toISOString(),
    });
  }
}
