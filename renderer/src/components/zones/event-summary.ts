import type { ZoneEventView } from '@contracts/events.js';

/** Payload fields that repeat what the row already shows, or are too big for one line. */
const HIDDEN = new Set(['ts', 'event_code', 'snapshot', 'channel', 'zone_id', 'node_id']);
const SHOWN_FIELDS = 4;

/**
 * The payload's scalar fields as `key: value` pairs, for one line under the event. The timeline
 * holds many event kinds from automation, nodes and cycles; listing the facts they carry works
 * for kinds this screen has never seen.
 */
export function payloadFacts(event: ZoneEventView): [string, string][] {
  return (
    Object.entries(event.payload)
      // A boolean `state` is shown beside the channel as on/off already.
      .filter(([key, value]) => !HIDDEN.has(key) && isScalar(value))
      .filter(([key, value]) => !(key === 'state' && typeof value === 'boolean'))
      .slice(0, SHOWN_FIELDS)
      .map(([key, value]) => [key.replaceAll('_', ' '), String(value)])
  );
}

function isScalar(value: unknown): value is string | number | boolean {
  return ['string', 'number', 'boolean'].includes(typeof value);
}
