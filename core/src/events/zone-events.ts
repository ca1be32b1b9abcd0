import type { ZoneEventView } from '../contracts/events.js';
import type { EventSink } from '../devices/views.js';
import type { Clock } from '../runtime/clock.js';
import type { ZoneEventRecord } from '../storage/alerts-events-types.js';
import type { Storage } from '../storage/storage.js';
import type { NodeEventInput } from '../storage/types.js';

export interface ZoneEventsContext {
  readonly storage: Storage;
  clock: Clock;
  publish: EventSink;
}

/**
 * The zone timeline (reference-domain.md §9.1): every entry is stored, then announced to realtime
 * clients as `event.created`. Automation, cycles and alerts record through here; events nodes
 * report are stored by ingest and announced through `announce`.
 */
export class ZoneEvents {
  constructor(private readonly ctx: ZoneEventsContext) {}

  /** Append `type` (UPPER_SNAKE, e.g. `CYCLE_STARTED`) with its payload to the zone's timeline. */
  async record(
    zoneId: number,
    type: string,
    payload: Record<string, unknown>,
  ): Promise<ZoneEventRecord> {
    const input = { zoneId, nodeId: null, channel: null, type, payload, ts: this.ctx.clock.now() };
    const stored = { ...input, id: await this.ctx.storage.events.insert(input) };
    this.announce(stored);
    return stored;
  }

  /** Tell realtime clients about an entry already stored; entries without a zone stay quiet. */
  announce(event: NodeEventInput & { id: number }): void {
    if (event.zoneId === null) return;
    this.ctx.publish({
      channel: 'hydro.events',
      event: 'event.created',
      data: { event: zoneEventView({ ...event, zoneId: event.zoneId }) },
    });
  }
}

export function zoneEventView(event: ZoneEventRecord): ZoneEventView {
  return {
    id: event.id,
    zone_id: event.zoneId,
    node_id: event.nodeId,
    channel: event.channel,
    type: event.type,
    payload: event.payload,
    created_at: new Date(event.ts).toISOString(),
  };
}
