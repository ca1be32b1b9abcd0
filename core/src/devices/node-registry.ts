import { randomBytes } from 'node:crypto';
import { heartbeatFreeHeap, HeartbeatSchema } from '../contracts/mqtt/heartbeat.js';
import { NodeHelloSchema, type NodeHello } from '../contracts/mqtt/node-hello.js';
import { NodeErrorSchema, DiagnosticsSchema } from '../contracts/mqtt/node-error.js';
import { NodeStatusSchema } from '../contracts/mqtt/status.js';
import { normalizeNodeType } from '../contracts/mqtt/enums.js';
import { decodeLwt, decodePayload } from '../protocol/payload.js';
import { nodeUidFor, parseTopic } from '../protocol/topics.js';
import type { InboundMessage } from '../bus/mqtt-bus.js';
import type { NodePatch, NodeRecord } from '../storage/types.js';
import type { DevicesContext } from './context.js';
import { resolveSender, type NodeScopedTopic } from './inbound.js';
import { nodeView } from './views.js';

const HARDWARE_ID = /^esp32-[0-9a-f]{12}$/;

/**
 * Node registration and liveness (reference §8.3, §9.2): node_hello registers, heartbeat and live
 * status mark online, a live LWT or OFFLINE status marks offline. Retained status and LWT are
 * stale by nature (nodes never clear their LWT), so they never change liveness: the next
 * heartbeat or the offline monitor decides.
 */
export class NodeRegistry {
  /** Called after a node registers, so buffered config reports can be replayed. */
  onRegistered: (node: NodeRecord) => Promise<void> = () => Promise.resolve();

  constructor(private readonly ctx: DevicesContext) {}

  async handle(message: InboundMessage): Promise<void> {
    const topic = parseTopic(message.topic);
    if (!topic) return this.ctx.drops.drop('unknown', 'bad_topic');
    if (topic.kind === 'node_hello') return this.hello(message);
    if (topic.scope !== 'node') return;
    switch (topic.kind) {
      case 'heartbeat':
        return this.heartbeat(topic, message);
      case 'status':
        return this.status(topic, message);
      case 'lwt':
        return this.lwt(topic, message);
      case 'error':
        return this.error(topic, message);
      case 'diagnostics':
        return this.diagnostics(topic, message);
      case 'config_report':
      case 'config':
        return;
    }
  }

  /** Refresh a node row and the directory, and tell realtime clients. */
  async save(node: NodeRecord, patch: NodePatch): Promise<NodeRecord> {
    const updated = await this.ctx.storage.nodes.update(node.id, {
      ...patch,
      updatedAt: this.ctx.clock.now(),
    });
    await this.index(updated);
    await this.announce(updated);
    return updated;
  }

  /** Put the node in the directory with its current and pending namespaces. */
  async index(node: NodeRecord): Promise<void> {
    const zones = this.ctx.storage.zones;
    const zone = node.zoneId === null ? null : await zones.byId(node.zoneId);
    const pending = node.pendingZoneId === null ? null : await zones.byId(node.pendingZoneId);
    this.ctx.directory.put(node, zone, pending);
  }

  async announce(node: NodeRecord): Promise<void> {
    const channels = await this.ctx.storage.nodes.channels(node.id);
    this.ctx.publish({
      channel: 'hydro.devices',
      event: 'device.updated',
      data: { device: nodeView(node, channels) },
    });
  }

  private async hello(message: InboundMessage): Promise<void> {
    const decoded = decodePayload(message.payload, NodeHelloSchema);
    if (!decoded.ok) return this.ctx.drops.drop('node_hello', decoded.reason);
    const hello = decoded.value;
    if (!HARDWARE_ID.test(hello.hardware_id)) return this.ctx.drops.drop('node_hello', 'schema');
    this.ctx.drops.accept();
    const existing = await this.ctx.storage.nodes.byHardwareId(hello.hardware_id);
    const node =
      existing && existing.lifecycleState !== 'DECOMMISSIONED'
        ? await this.save(existing, helloPatch(hello))
        : await this.register(hello, existing);
    await this.onRegistered(node);
  }

  /** A new node, or decommissioned hardware coming back: it starts over, unbound and offline. */
  private async register(hello: NodeHello, previous: NodeRecord | null): Promise<NodeRecord> {
    const { storage, clock } = this.ctx;
    const type = normalizeNodeType(hello.node_type);
    const now = clock.now();
    const fresh = {
      type,
      name: hello.provisioning_meta?.node_name ?? null,
      fwVersion: hello.fw_version ?? null,
      capabilities: hello.capabilities ?? [],
      lifecycleState: 'REGISTERED_BACKEND' as const,
      zoneId: null,
      pendingZoneId: null,
      pendingZoneSetAt: null,
      status: 'offline' as const,
      nodeSecret: randomBytes(32).toString('hex'),
      mqttPassword: randomBytes(16).toString('hex'),
      config: null,
      updatedAt: now,
    };
    let node: NodeRecord;
    if (previous) {
      node = await this.save(previous, fresh);
    } else {
      const uid = await this.pickUid(hello, type);
      node = await storage.nodes.create({
        ...fresh,
        uid,
        hardwareId: hello.hardware_id,
        lastSeenAt: null,
        lastHeartbeatAt: null,
        uptimeSeconds: null,
        freeHeapBytes: null,
        rssi: null,
        ip: null,
        firstSeenAt: now,
      });
      await this.index(node);
      await this.announce(node);
    }
    const adopted = await storage.nodes.adoptErrors(node.hardwareId, node.id);
    this.ctx.logger.info(
      { node: node.uid, hardwareId: node.hardwareId, type, adoptedErrors: adopted },
      'node registered',
    );
    return node;
  }

  private async pickUid(
    hello: NodeHello,
    type: ReturnType<typeof normalizeNodeType>,
  ): Promise<string> {
    const requested = hello.provisioning_meta?.node_uid;
    if (
      requested &&
      /^[a-z0-9][a-z0-9_-]{0,63}$/.test(requested) &&
      !(await this.ctx.storage.nodes.byUid(requested))
    ) {
      return requested;
    }
    const taken = new Set((await this.ctx.storage.nodes.list()).map((n) => n.uid));
    return nodeUidFor(type, hello.hardware_id, (uid) => taken.has(uid));
  }

  private async sender(topic: NodeScopedTopic, kind: string): Promise<NodeRecord | null> {
    const resolved = resolveSender(this.ctx.directory, topic);
    if ('reason' in resolved) {
      this.ctx.drops.drop(kind, resolved.reason);
      return null;
    }
    return this.ctx.storage.nodes.byId(resolved.entry.id);
  }

  private async heartbeat(topic: NodeScopedTopic, message: InboundMessage): Promise<void> {
    const decoded = decodePayload(message.payload, HeartbeatSchema);
    if (!decoded.ok) return this.ctx.drops.drop('heartbeat', decoded.reason);
    const node = await this.sender(topic, 'heartbeat');
    if (!node) return;
    this.ctx.drops.accept();
    const hb = decoded.value;
    const now = this.ctx.clock.now();
    const patch: NodePatch = {
      status: 'online',
      lastHeartbeatAt: now,
      lastSeenAt: now,
      uptimeSeconds: Math.round(hb.uptime),
      freeHeapBytes: Math.round(heartbeatFreeHeap(hb)),
      rssi: hb.rssi ?? node.rssi,
      fwVersion: hb.fw_version ?? node.fwVersion,
    };
    if (node.status === 'online') {
      // Routine beat: write it, but only a change of state is news for realtime clients.
      await this.ctx.storage.nodes.update(node.id, { ...patch, updatedAt: now });
      return;
    }
    await this.save(node, patch);
  }

  private async status(topic: NodeScopedTopic, message: InboundMessage): Promise<void> {
    if (message.payload.length === 0) return this.ctx.drops.drop('status', 'stale');
    const decoded = decodePayload(message.payload, NodeStatusSchema);
    if (!decoded.ok) return this.ctx.drops.drop('status', decoded.reason);
    const node = await this.sender(topic, 'status');
    if (!node) return;
    this.ctx.drops.accept();
    const report = decoded.value;
    if (!('status' in report)) {
      this.ctx.logger.warn(
        { node: node.uid, report },
        'node reports a state without status (safe mode)',
      );
      return;
    }
    const info: NodePatch = {
      ip: typeof report.ip === 'string' ? report.ip : node.ip,
      rssi: typeof report.rssi === 'number' ? report.rssi : node.rssi,
      fwVersion:
        typeof report.fw === 'string'
          ? report.fw
          : typeof report.fw_version === 'string'
            ? report.fw_version
            : node.fwVersion,
    };
    if (message.retain) return void (await this.save(node, info));
    const now = this.ctx.clock.now();
    const live: NodePatch =
      report.status === 'ONLINE' ? { status: 'online', lastSeenAt: now } : { status: 'offline' };
    await this.save(node, { ...info, ...live });
  }

  private async lwt(topic: NodeScopedTopic, message: InboundMessage): Promise<void> {
    // Retained LWTs outlive every reconnect, and an empty one is a retained topic being deleted.
    if (message.retain || message.payload.length === 0) return this.ctx.drops.drop('lwt', 'stale');
    const node = await this.sender(topic, 'lwt');
    if (!node) return;
    this.ctx.drops.accept();
    if (decodeLwt(message.payload) === 'OFFLINE' && node.status !== 'offline') {
      this.ctx.logger.info({ node: node.uid }, 'node offline (LWT)');
      await this.save(node, { status: 'offline' });
    }
  }

  private async error(topic: NodeScopedTopic, message: InboundMessage): Promise<void> {
    const decoded = decodePayload(message.payload, NodeErrorSchema);
    if (!decoded.ok) return this.ctx.drops.drop('error', decoded.reason);
    const resolved = resolveSender(this.ctx.directory, topic);
    const nodeId = 'entry' in resolved ? resolved.entry.id : null;
    // Errors of nodes we do not know yet are kept by hardware id and attached when they register.
    if (nodeId === null && !(topic.temp && HARDWARE_ID.test(topic.node))) {
      return this.ctx.drops.drop('error', 'unknown_node');
    }
    this.ctx.drops.accept();
    const e = decoded.value;
    const now = this.ctx.clock.now();
    await this.ctx.storage.nodes.addError({
      nodeId,
      hardwareId: topic.temp ? topic.node : null,
      level: e.level,
      component: e.component,
      errorCode: e.error_code,
      message: e.message,
      details: e.details ?? null,
      ts: typeof e.ts === 'number' ? e.ts : now,
      receivedAt: now,
    });
  }

  private async diagnostics(topic: NodeScopedTopic, message: InboundMessage): Promise<void> {
    const decoded = decodePayload(message.payload, DiagnosticsSchema);
    if (!decoded.ok) return this.ctx.drops.drop('diagnostics', decoded.reason);
    const node = await this.sender(topic, 'diagnostics');
    if (!node) return;
    this.ctx.drops.accept();
    await this.ctx.storage.events.insert({
      nodeId: node.id,
      zoneId: node.zoneId,
      channel: null,
      type: 'NODE_DIAGNOSTICS',
      payload: decoded.value,
      ts: this.ctx.clock.now(),
    });
  }
}

function helloPatch(hello: NodeHello): NodePatch {
  return {
    type: normalizeNodeType(hello.node_type),
    fwVersion: hello.fw_version ?? undefined,
    capabilities: hello.capabilities ?? undefined,
  };
}
