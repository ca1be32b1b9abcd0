import { FIRMWARE_NODE_PROFILES, toNodeChannel } from '../contracts/mqtt/channel-maps.js';
import { ConfigReportSchema, type ConfigReport } from '../contracts/mqtt/config-report.js';
import { NodeConfigSchema, type NodeConfig } from '../contracts/mqtt/node-config.js';
import { reportedChannelId } from '../contracts/mqtt/node-channel.js';
import type { InboundMessage } from '../bus/mqtt-bus.js';
import { decodePayload } from '../protocol/payload.js';
import {
  nodeTopic,
  parseTopic,
  TEMP_GH,
  TEMP_ZONE,
  tempNamespace,
  type Namespace,
} from '../protocol/topics.js';
import { HydroError } from '../runtime/errors.js';
import type { ChannelRecord, NodeRecord, ZoneRecord } from '../storage/types.js';
import type { DevicesContext } from './context.js';
import { ReportBuffer } from './report-buffer.js';
import type { NodeRegistry } from './node-registry.js';

export const PENDING_BIND_TTL_MS = 30 * 60_000;
const KEEPALIVE_S = 30;

/**
 * Binding (reference §8.3–§8.4). Assigning a node only sets a pending zone and pushes its
 * NodeConfig on the temp config topic; the bind is final when a config_report arrives from the
 * target namespace. Detach works without the node; secrets never leave the node's own config.
 */
export class Provisioning {
  private readonly buffer: ReportBuffer;

  constructor(
    private readonly ctx: DevicesContext,
    private readonly registry: NodeRegistry,
  ) {
    this.buffer = new ReportBuffer(ctx.clock);
  }

  async handleReport(message: InboundMessage): Promise<void> {
    const topic = parseTopic(message.topic);
    if (!topic || topic.scope !== 'node' || topic.kind !== 'config_report') return;
    const decoded = decodePayload(message.payload, ConfigReportSchema);
    if (!decoded.ok) return this.ctx.drops.drop('config_report', decoded.reason);
    const report = decoded.value;
    if (topic.temp) {
      const node = await this.ctx.storage.nodes.byHardwareId(topic.node);
      if (!node || node.lifecycleState === 'DECOMMISSIONED') {
        // The report usually races node_hello: keep it until registration (reference §4.7).
        this.buffer.put(topic.node, report);
        return this.ctx.drops.accept();
      }
      this.ctx.drops.accept();
      return void (await this.storeReport(node, report));
    }
    const node = await this.ctx.storage.nodes.byUid(topic.node);
    if (!node || node.lifecycleState === 'DECOMMISSIONED')
      return this.ctx.drops.drop('config_report', 'unknown_node');
    await this.confirmOrStore(node, topic, report);
  }

  /** After node_hello: replay a report that arrived before the node was known. */
  async replayBuffered(node: NodeRecord): Promise<void> {
    const report = this.buffer.take(node.hardwareId);
    if (report) await this.storeReport(node, report);
  }

  async assign(nodeId: number, zoneId: number): Promise<NodeRecord> {
    const node = await this.requireNode(nodeId);
    const zone = await this.ctx.storage.zones.byId(zoneId);
    if (!zone) throw new HydroError('zone_not_found', `zone ${zoneId} does not exist`);
    if (node.zoneId === zoneId) return node;
    const config = this.nodeConfig(node, zone);
    const pending = await this.registry.save(node, {
      zoneId: null,
      pendingZoneId: zoneId,
      pendingZoneSetAt: this.ctx.clock.now(),
      lifecycleState: 'REGISTERED_BACKEND',
    });
    // The node listens on the temp config topic of its hardware id whatever namespace it is in.
    await this.ctx.bus.publish(
      nodeTopic(tempNamespace(node.hardwareId), 'config'),
      JSON.stringify(config),
    );
    if (node.zoneId !== null) await this.clearRetained(await this.currentNamespace(node));
    this.ctx.logger.info(
      { node: node.uid, zone: zone.uid },
      'node assignment pending until it confirms',
    );
    return pending;
  }

  async detach(nodeId: number): Promise<NodeRecord> {
    const node = await this.requireNode(nodeId);
    const current = await this.currentNamespace(node);
    const unbind = { ...this.nodeConfig(node, null), mqtt: { configured: true as const } };
    try {
      await this.ctx.bus.publish(nodeTopic(current, 'config'), JSON.stringify(unbind));
    } catch (error) {
      this.ctx.logger.warn(
        { node: node.uid, err: (error as Error).message },
        'unbind config not delivered; detaching anyway',
      );
    }
    const detached = await this.registry.save(node, {
      zoneId: null,
      pendingZoneId: null,
      pendingZoneSetAt: null,
      lifecycleState: 'REGISTERED_BACKEND',
      config: node.config ? { ...node.config, gh_uid: TEMP_GH, zone_uid: TEMP_ZONE } : null,
    });
    if (node.zoneId !== null) await this.clearRetained(current);
    return detached;
  }

  async decommission(nodeId: number): Promise<NodeRecord> {
    const detached = await this.detach(nodeId);
    return this.registry.save(detached, { lifecycleState: 'DECOMMISSIONED', status: 'offline' });
  }

  /** Pending binds the node never confirmed expire (reference §8.3). */
  async expirePending(): Promise<void> {
    const cutoff = this.ctx.clock.now() - PENDING_BIND_TTL_MS;
    for (const node of await this.ctx.storage.nodes.list()) {
      if (node.pendingZoneId === null || (node.pendingZoneSetAt ?? 0) > cutoff) continue;
      this.ctx.logger.warn({ node: node.uid }, 'pending bind expired: the node never confirmed');
      await this.registry.save(node, { pendingZoneId: null, pendingZoneSetAt: null });
    }
  }

  /**
   * A report from the pending zone's namespace confirms the bind; one from the current namespace
   * refreshes the stored config; anything else is a stale or foreign namespace.
   */
  private async confirmOrStore(
    node: NodeRecord,
    topic: Namespace,
    report: ConfigReport,
  ): Promise<void> {
    const pendingZone =
      node.pendingZoneId === null ? null : await this.ctx.storage.zones.byId(node.pendingZoneId);
    const confirms =
      pendingZone !== null &&
      pendingZone.greenhouseUid === topic.gh &&
      pendingZone.uid === topic.zone;
    const current = await this.currentNamespace(node);
    if (!confirms && (current.gh !== topic.gh || current.zone !== topic.zone)) {
      return this.ctx.drops.drop('config_report', 'namespace_mismatch');
    }
    this.ctx.drops.accept();
    const stored = await this.storeReport(node, report);
    if (!confirms) return;
    await this.registry.save(stored, {
      zoneId: pendingZone.id,
      pendingZoneId: null,
      pendingZoneSetAt: null,
      lifecycleState: 'ASSIGNED_TO_ZONE',
    });
    // The node left the temp namespace: its retained status/LWT there are zombies now.
    await this.clearRetained(tempNamespace(node.hardwareId));
    this.ctx.logger.info({ node: node.uid, zone: pendingZone.uid }, 'node bound');
  }

  private async storeReport(node: NodeRecord, report: ConfigReport): Promise<NodeRecord> {
    // Current firmware echoes secrets (reference §4.7 divergence): never keep them in the mirror.
    const { node_secret: _nodeSecret, ...mirror } = report;
    const channels: ChannelRecord[] = (report.channels ?? []).map((c) => ({
      channel: reportedChannelId(c),
      type: c.type ?? 'SENSOR',
      metric: c.metric ?? null,
      unit: c.unit ?? null,
      actuatorType: c.actuator_type ?? null,
      config: c,
    }));
    await this.ctx.storage.nodes.replaceChannels(node.id, channels);
    return this.registry.save(node, {
      config: redactSecrets(mirror),
      fwVersion: report.fw_version ?? node.fwVersion,
    });
  }

  private nodeConfig(node: NodeRecord, zone: ZoneRecord | null): NodeConfig {
    const profile = FIRMWARE_NODE_PROFILES[node.type as keyof typeof FIRMWARE_NODE_PROFILES] as
      (typeof FIRMWARE_NODE_PROFILES)[keyof typeof FIRMWARE_NODE_PROFILES] | undefined;
    const config: NodeConfig = {
      node_id: node.uid,
      version: 3,
      type: node.type as NodeConfig['type'],
      gh_uid: zone?.greenhouseUid ?? TEMP_GH,
      zone_uid: zone?.uid ?? TEMP_ZONE,
      channels: profile
        ? profile.channels.filter((c) => !('optional' in c && c.optional)).map(toNodeChannel)
        : [],
      mqtt: this.mqttSettings(node),
      wifi: { configured: true },
      node_secret: node.nodeSecret,
    };
    return NodeConfigSchema.parse(config);
  }

  /** Credentials travel in the NodeConfig; the broker address is the one the node reached. */
  private mqttSettings(node: NodeRecord): NodeConfig['mqtt'] {
    const endpoint = this.ctx.broker.endpointSeenBy(node.hardwareId);
    if (!endpoint) {
      // An external broker's credentials are its operator's; an open broker needs none.
      if (this.ctx.accessMode === 'open' || this.ctx.broker.kind === 'external')
        return { configured: true };
      throw new HydroError(
        'node_offline',
        `node ${node.uid} is not connected; power it on and try again`,
      );
    }
    return {
      host: endpoint.host,
      port: endpoint.port,
      keepalive: KEEPALIVE_S,
      client_id: node.hardwareId,
      username: node.uid,
      password: node.mqttPassword,
    };
  }

  private async currentNamespace(node: NodeRecord): Promise<Namespace> {
    const zone = node.zoneId === null ? null : await this.ctx.storage.zones.byId(node.zoneId);
    return zone
      ? { gh: zone.greenhouseUid, zone: zone.uid, node: node.uid }
      : tempNamespace(node.hardwareId);
  }

  /** An empty retained message deletes a retained topic (reference §8.4). */
  private async clearRetained(ns: Namespace): Promise<void> {
    for (const kind of ['status', 'lwt'] as const) {
      await this.ctx.bus
        .publish(nodeTopic(ns, kind), '', { retain: true })
        .catch((error: Error) => {
          this.ctx.logger.warn(
            { topic: nodeTopic(ns, kind), err: error.message },
            'could not clear a retained topic',
          );
        });
    }
  }

  private async requireNode(nodeId: number): Promise<NodeRecord> {
    const node = await this.ctx.storage.nodes.byId(nodeId);
    if (!node) throw new HydroError('node_not_found', `node ${nodeId} does not exist`);
    if (node.lifecycleState === 'DECOMMISSIONED')
      throw new HydroError('node_decommissioned', `node ${node.uid} is decommissioned`);
    return node;
  }
}

function redactSecrets(config: Record<string, unknown>): Record<string, unknown> {
  const out = { ...config };
  for (const section of ['mqtt', 'wifi']) {
    const value = out[section];
    if (value && typeof value === 'object') {
      const { pass: _p, password: _pw, ...rest } = value as Record<string, unknown>;
      out[section] = rest;
    }
  }
  return out;
}
