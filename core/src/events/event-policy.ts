import type { Capability } from '../contracts/capabilities.js';
import type { RealtimeEvent } from '../contracts/realtime.js';

/**
 * Events that describe nothing a client must catch up on: health is re-sent on connect, telemetry
 * is superseded by the next batch (its latest values are in the zone snapshot), a resync is a
 * per-client message, and a desktop notification shown late would be stale (its alert is kept).
 * Every other event (device, command, alert, timeline, cycle updates and any event added later)
 * is kept in the event log.
 */
const TRANSIENT_EVENTS: ReadonlySet<string> = new Set([
  'system.health',
  'system.resync',
  'telemetry.batch.updated',
  'notification.show',
]);

/** Capabilities that restrict events beyond `view`; a reader's share is passed to log queries. */
export const RESTRICTED_EVENT_CAPABILITIES: readonly Capability[] = ['devices.view_unassigned'];

type StampedOrNot = Pick<RealtimeEvent, 'channel' | 'event'> & { data: unknown };

export function isDurable(event: StampedOrNot): boolean {
  return !TRANSIENT_EVENTS.has(event.event);
}

/**
 * The zone an event belongs to: `data.zone_id`, or the `zone_id` of the record it carries
 * (`data.device`, `data.command`, `data.alert`, `data.event`, `data.cycle`…). Null when none.
 */
export function zoneOf(event: StampedOrNot): number | null {
  const data = event.data;
  if (typeof data !== 'object' || data === null) return null;
  const direct = (data as { zone_id?: unknown }).zone_id;
  if (typeof direct === 'number') return direct;
  for (const value of Object.values(data)) {
    const nested = (value as { zone_id?: unknown } | null)?.zone_id;
    if (typeof nested === 'number') return nested;
  }
  return null;
}

/**
 * What a reader needs beyond `view` to receive an event: nodes not yet in a zone are visible only
 * to roles that may adopt them (reference-backend-ui.md §3.2, `hydro.devices`).
 */
export function capabilityFor(event: StampedOrNot): Capability | null {
  if (event.channel === 'hydro.devices' && zoneOf(event) === null) {
    return 'devices.view_unassigned';
  }
  return null;
}
