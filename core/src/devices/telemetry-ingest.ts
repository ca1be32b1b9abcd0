import { TelemetrySchema } from '../contracts/mqtt/telemetry.js';
import { NodeEventSchema, eventCodeOf } from '../contracts/mqtt/event.js';
import type { TelemetryUpdate } from '../contracts/devices.js';
import type { InboundMessage } from '../bus/mqtt-bus.js';
import { decodePayload } from '../protocol/payload.js';
import { normalizeDeviceTimestamp, normalizeTelemetryTimestamp } from '../protocol/timestamps.js';
import { parseTopic } from '../protocol/topics.js';
import type { NodeEventInput, SampleInput } from '../storage/types.js';
import type { DevicesContext } from './context.js';
import { zoneEventType } from './event-type.js';
import { resolveSender } from './inbound.js';
import { TelemetryWriter } from '../telemetry/telemetry-writer.js';

export interface TelemetryIngestOptions {
  /** Unflushed samples held before new ones are dropped (the writer's default otherwise). */
  maxPending?: number;
  /** Called for every sample dropped because the queue is full, with the total dropped so far. */
  onOverflow?: (droppedTotal: number) => void;
  /** Called after a node event has been stored (it is a zone timeline entry). */
  onEvent?: (event: NodeEventInput & { id: number }) => void;
}

/**
 * Telemetry and node events in: validated, timestamps normalised, the zone resolved from the
 * topic. Samples of unbound, pending or mismatched nodes are dropped with a counter (reference
 * §13.6). Samples are written in batches, one transaction per flush.
 */
export class TelemetryIngest {
  private received = 0;
  private readonly writer: TelemetryWriter;

  constructor(
    private readonly ctx: DevicesContext,
    private readonly options: TelemetryIngestOptions = {},
  ) {
    this.writer = new TelemetryWriter({
      write: (batch) => this.ctx.storage.telemetry.insertSamples(batch),
      clock: ctx.clock,
      logger: ctx.logger,
      ...(options.maxPending === undefined ? {} : { maxPending: options.maxPending }),
      ...(options.onOverflow ? { onOverflow: options.onOverflow } : {}),
      onWritten: (batch) => this.announce(batch),
    });
  }

  /** Starts the flush window; samples are written at most one flush window after they arrive. */
  start(): void {
    this.writer.start();
  }

  /** Writes what is still queued. */
  stop(): Promise<void> {
    return this.writer.stop();
  }

  handleTelemetry(message: InboundMessage): void {
    const topic = parseTopic(message.topic);
    if (!topic || topic.scope !== 'channel' || topic.kind !== 'telemetry') {
      return this.ctx.drops.drop('telemetry', 'bad_topic');
    }
    const decoded = decodePayload(message.payload, TelemetrySchema);
    if (!decoded.ok) return this.ctx.drops.drop('telemetry', decoded.reason);
    if (topic.temp) return this.ctx.drops.drop('telemetry', 'unassigned');
    const sender = resolveSender(this.ctx.directory, topic);
    if ('reason' in sender) return this.ctx.drops.drop('telemetry', sender.reason);
    if (sender.entry.zoneId === null || sender.entry.pendingZoneId !== null) {
      return this.ctx.drops.drop('telemetry', 'unassigned');
    }
    this.received++;
    const t = decoded.value;
    const { tsMs, flag } = normalizeTelemetryTimestamp(t.ts, this.ctx.clock.now());
    // Simulated/stub values and repaired timestamps are kept but marked uncertain.
    const uncertain = flag !== undefined || t.stub === true || t.stable === false;
    const accepted = this.writer.push({
      nodeId: sender.entry.id,
      zoneId: sender.entry.zoneId,
      channel: topic.channel,
      metricType: t.metric_type,
      ts: tsMs,
      value: t.value,
      quality: uncertain ? 'uncertain' : 'good',
    });
    // A full queue is counted by the writer (and raises the overflow alert), not as a drop.
    if (accepted) this.ctx.drops.accept();
  }

  async handleEvent(message: InboundMessage): Promise<void> {
    const topic = parseTopic(message.topic);
    if (!topic || topic.scope !== 'channel' || topic.kind !== 'event') return;
    const decoded = decodePayload(message.payload, NodeEventSchema);
    if (!decoded.ok) return this.ctx.drops.drop('event', decoded.reason);
    const sender = resolveSender(this.ctx.directory, topic);
    if ('reason' in sender) return this.ctx.drops.drop('event', sender.reason);
    // Events are zone events: without a zone there is nowhere to put them (reference §4.10).
    if (sender.entry.zoneId === null) return this.ctx.drops.drop('event', 'unassigned');
    this.ctx.drops.accept();
    const { tsMs } = normalizeDeviceTimestamp('event', decoded.value.ts, this.ctx.clock.now());
    const event: NodeEventInput = {
      nodeId: sender.entry.id,
      zoneId: sender.entry.zoneId,
      channel: topic.channel,
      type: zoneEventType(eventCodeOf(decoded.value)),
      payload: decoded.value,
      ts: tsMs,
    };
    const id = await this.ctx.storage.events.insert(event);
    this.options.onEvent?.({ ...event, id });
  }

  /** Write what is queued now (tests and shutdown; the window does it otherwise). */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  stats(): {
    pending: number;
    capacity: number;
    received: number;
    written: number;
    overflow: number;
    flushP99Ms: number;
  } {
    const w = this.writer.stats();
    return {
      pending: w.pending,
      capacity: w.capacity,
      received: this.received,
      written: w.written,
      overflow: w.overflow,
      flushP99Ms: w.flushP99Ms,
    };
  }

  private announce(batch: SampleInput[]): void {
    const byZone = new Map<number, TelemetryUpdate[]>();
    for (const s of batch) {
      if (s.zoneId === null) continue;
      const updates = byZone.get(s.zoneId) ?? [];
      updates.push({
        node_id: s.nodeId,
        channel: s.channel,
        metric_type: s.metricType,
        value: s.value,
        ts: s.ts,
        quality: s.quality,
      });
      byZone.set(s.zoneId, updates);
    }
    for (const [zoneId, updates] of byZone) {
      this.ctx.publish({
        channel: 'hydro.telemetry',
        event: 'telemetry.batch.updated',
        data: { zone_id: zoneId, updates },
      });
    }
  }
}
