import type { InboundMessage } from '../bus/mqtt-bus.js';
import { TimeRequestSchema, timeResponse } from '../contracts/mqtt/time-sync.js';
import { decodePayload } from '../protocol/payload.js';
import { BACKEND_SUBSCRIPTIONS, parseTopic, TIME_RESPONSE_TOPIC } from '../protocol/topics.js';
import type { TimerHandle } from '../runtime/clock.js';
import type { Component, ComponentStatus } from '../runtime/component.js';
import { CommandGateway } from './command-gateway.js';
import type { DevicesContext } from './context.js';
import { NodeRegistry } from './node-registry.js';
import { Provisioning } from './provisioning.js';
import { TelemetryIngest, type TelemetryIngestOptions } from './telemetry-ingest.js';

/** Reference §9.2: nodes silent for 120 s are offline; the monitor looks every 30 s. */
export const OFFLINE_TIMEOUT_MS = 120_000;
export const MONITOR_INTERVAL_MS = 30_000;
/** Inbound messages waiting for the serial handler; beyond this they are dropped and counted. */
const MAX_QUEUE = 20_000;

/**
 * The backend side of the node protocol: subscribes to exactly the reference topics, handles
 * messages one at a time in arrival order (so two messages of one node never interleave their
 * read-modify-write), and runs the offline monitor, pending-bind expiry and command timeouts.
 */
export class DevicesService implements Component {
  readonly name = 'devices';
  readonly registry: NodeRegistry;
  readonly provisioning: Provisioning;
  readonly commands: CommandGateway;
  readonly ingest: TelemetryIngest;
  private readonly queue: InboundMessage[] = [];
  private draining = false;
  private queueOverflow = 0;
  private timers: TimerHandle[] = [];

  constructor(
    private readonly ctx: DevicesContext,
    options: { ingest?: TelemetryIngestOptions } = {},
  ) {
    this.registry = new NodeRegistry(ctx);
    this.provisioning = new Provisioning(ctx, this.registry);
    this.commands = new CommandGateway(ctx);
    this.ingest = new TelemetryIngest(ctx, options.ingest);
    this.registry.onRegistered = (node) => this.provisioning.replayBuffered(node);
  }

  async start(): Promise<void> {
    for (const node of await this.ctx.storage.nodes.list()) await this.registry.index(node);
    await this.ctx.bus.subscribe([...BACKEND_SUBSCRIPTIONS], (message) => this.enqueue(message));
    this.ingest.start();
    const { clock } = this.ctx;
    this.timers = [
      clock.setInterval(
        () => void this.guard('monitor', () => this.monitor()),
        MONITOR_INTERVAL_MS,
      ),
      clock.setInterval(
        () => void this.guard('timeouts', () => this.commands.sweepTimeouts()),
        5_000,
      ),
    ];
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) timer.cancel();
    this.timers = [];
    await this.ingest.stop();
  }

  status(): ComponentStatus {
    const drops = this.ctx.drops.snapshot();
    const ingest = this.ingest.stats();
    return {
      state: ingest.overflow > 0 || this.queueOverflow > 0 ? 'degraded' : 'healthy',
      detail: `${this.ctx.directory.size} nodes, ${drops.accepted} messages in, ${drops.dropped} dropped`,
      metrics: {
        nodes: this.ctx.directory.size,
        accepted: drops.accepted,
        dropped: drops.dropped,
        queue: this.queue.length,
        queue_overflow: this.queueOverflow,
        samples_received: ingest.received,
        samples_written: ingest.written,
        samples_pending: ingest.pending,
        samples_overflow: ingest.overflow,
        flush_p99_ms: ingest.flushP99Ms,
        ...Object.fromEntries(Object.entries(drops.byReason).map(([k, v]) => [`drop.${k}`, v])),
      },
    };
  }

  /** Offline monitor and pending-bind expiry. */
  async monitor(): Promise<void> {
    const cutoff = this.ctx.clock.now() - OFFLINE_TIMEOUT_MS;
    for (const node of await this.ctx.storage.nodes.list()) {
      const seen = Math.max(node.lastSeenAt ?? 0, node.lastHeartbeatAt ?? 0, node.firstSeenAt);
      if (node.status !== 'online' || seen > cutoff) continue;
      this.ctx.logger.info({ node: node.uid }, 'node offline: no heartbeat for 120 s');
      await this.registry.save(node, { status: 'offline' });
    }
    await this.provisioning.expirePending();
  }

  private enqueue(message: InboundMessage): void {
    if (this.queue.length >= MAX_QUEUE) {
      this.queueOverflow++;
      return;
    }
    this.queue.push(message);
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.queue.length > 0) {
      // Take everything queued at once: shifting one by one is quadratic in a burst.
      for (const message of this.queue.splice(0, this.queue.length)) {
        if (message.topic.endsWith('/telemetry')) {
          // Telemetry is handled synchronously: the bulk of traffic skips a promise per message.
          this.guardSync(message.topic, () => this.ingest.handleTelemetry(message));
          continue;
        }
        await this.guard(message.topic, () => this.handle(message));
      }
    }
    this.draining = false;
  }

  /** Handle one inbound message (the bus delivers through the serial queue). */
  async handle(message: InboundMessage): Promise<void> {
    const topic = parseTopic(message.topic);
    if (!topic) return this.ctx.drops.drop('unknown', 'bad_topic');
    if (topic.scope === 'global') {
      if (topic.kind === 'time_request') return this.answerTime(message);
      if (topic.kind === 'node_hello') return this.registry.handle(message);
      return;
    }
    switch (topic.kind) {
      case 'telemetry':
        return this.ingest.handleTelemetry(message);
      case 'event':
        return this.ingest.handleEvent(message);
      case 'command_response':
        return this.commands.handleResponse(message);
      case 'config_report':
        return this.provisioning.handleReport(message);
      case 'node_hello':
      case 'heartbeat':
      case 'status':
      case 'lwt':
      case 'error':
      case 'diagnostics':
        return this.registry.handle(message);
      case 'command':
      case 'config':
        // Our own downlinks: not subscribed, listed so a new topic kind cannot slip through.
        return;
    }
  }

  /** Every valid request gets a broadcast answer (reference §4.13). */
  private async answerTime(message: InboundMessage): Promise<void> {
    const decoded = decodePayload(message.payload, TimeRequestSchema);
    if (!decoded.ok) return this.ctx.drops.drop('time_request', decoded.reason);
    this.ctx.drops.accept();
    const response = timeResponse(Math.floor(this.ctx.clock.now() / 1000));
    await this.ctx.bus.publish(TIME_RESPONSE_TOPIC, JSON.stringify(response));
  }

  private guardSync(what: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.ctx.logger.error({ err: error, what }, 'devices handler failed');
    }
  }

  /** One failing message or timer must never stop the others. */
  private async guard(what: string, fn: () => Promise<void> | void): Promise<void> {
    try {
      await fn();
    } catch (error) {
      this.ctx.logger.error({ err: error, what }, 'devices handler failed');
    }
  }
}
