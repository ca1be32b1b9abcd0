import { TelemetrySchema } from '../contracts/mqtt/telemetry.js';
import { NodeEventSchema, eventCodeOf } from '../contracts/mqtt/event.js';
import type { TelemetryUpdate } from '../contracts/devices.js';
import type { InboundMessage } from '../bus/mqtt-bus.js';
import { decodePayload } from '../protocol/payload.js';
import { normalizeDeviceTimestamp, normalizeTelemetryTimestamp } from '../protocol/timestamps.js';
import { parseTopic } from '../protocol/topics.js';
import type { SampleInput } from '../storage/types.js';
import type { DevicesContext } from './context.js';
import { zoneEventType } from './event-type.js';
import { resolveSender } from './inbound.js';

/** Flush window and batch size of the minimal writer (the telemetry store issue replaces it). */
export const FLUSH_MS = 500;
const MAX_BATCH = 1000;
/** Beyond this many unflushed samples new ones are dropped and counted, never buffered. */
const MAX_PENDING = 50_000;

/**
 * Telemetry and node events in: validated, timestamps normalised, the zone resolved from the
 * topic. Samples of unbound, pending or mismatched nodes are dropped with a counter (reference
 * §13.6). Samples are written in batches, one transaction per flush.
 */
export class TelemetryIngest {
  private pending: SampleInput[] = [];
  private flushing: Promise<void> | undefined;
  private overflow = 0;
  private written = 0;

  constructor(private readonly ctx: DevicesContext) {}

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
    if (this.pending.length >= MAX_PENDING) {
      this.overflow++;
      return;
    }
    this.ctx.drops.accept();
    const t = decoded.value;
    const { tsMs, flag } = normalizeTelemetryTimestamp(t.ts, this.ctx.clock.now());
    // Simulated/stub values and repaired timestamps are kept but marked uncertain.
    const uncertain = flag !== undefined || t.stub === true || t.stable === false;
    this.pending.push({
      nodeId: sender.entry.id,
      zoneId: sender.entry.zoneId,
      channel: topic.channel,
      metricType: t.metric_type,
      ts: tsMs,
      value: t.value,
      quality: uncertain ? 'uncertain' : 'good',
    });
    if (this.pending.length >= MAX_BATCH) void this.flush();
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
    await this.ctx.storage.events.insert({
      nodeId: sender.entry.id,
      zoneId: sender.entry.zoneId,
      channel: topic.channel,
      type: zoneEventType(eventCodeOf(decoded.value)),
      payload: decoded.value,
      ts: tsMs,
    });
  }

  /** Write what is pending in one transaction and publish it to realtime clients per zone. */
  flush(): Promise<void> {
    this.flushing ??= this.writePending().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  stats(): { pending: number; written: number; overflow: number } {
    return { pending: this.pending.length, written: this.written, overflow: this.overflow };
  }

  private async writePending(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      try {
        this.written += await this.ctx.storage.telemetry.insertSamples(batch);
      } catch (error) {
        this.ctx.logger.error(
          { err: error, samples: batch.length },
          'telemetry write failed; batch dropped',
        );
        continue;
      }
      this.announce(batch);
    }
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
