import { describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '../../core/src/contracts/realtime.js';
import { realtimeUrl } from '../src/api/realtime.js';
import { CatchUpTracker, type CatchUp } from '../src/stores/catch-up.js';
import { healthSnapshot } from './health-fixtures.js';

const health = (id: number): RealtimeEvent => ({
  channel: 'hydro.system',
  event: 'system.health',
  data: healthSnapshot(),
  event_id: id,
  server_ts: id,
});
const resync = (id: number): RealtimeEvent => ({
  channel: 'hydro.system',
  event: 'system.resync',
  data: { reason: 'too many' },
  event_id: id,
  server_ts: id,
});
const zoneDeleted = (id: number): RealtimeEvent => ({
  channel: 'hydro.zones',
  event: 'zone.updated',
  data: { zone_id: 1, zone: null },
  event_id: id,
  server_ts: id,
});

function tracker() {
  const states: CatchUp[] = [];
  return { states, tracker: new CatchUpTracker((s) => states.push(s)) };
}

describe('CatchUpTracker', () => {
  it('does not resume or report on the first connection', () => {
    const { states, tracker: t } = tracker();
    expect(t.resumeFrom()).toBeNull();
    t.connected();
    t.seen(health(5));
    expect(states).toEqual([]);
    expect(t.resumeFrom()).toBe(5);
  });

  it('counts the replayed events up to the greeting that follows them', () => {
    const { states, tracker: t } = tracker();
    t.seen(health(5));
    t.seen(zoneDeleted(7));
    // The socket dropped; the next connection resumes after 7.
    expect(t.resumeFrom()).toBe(7);
    t.connected();
    t.seen(zoneDeleted(9));
    t.seen(zoneDeleted(10));
    t.seen(health(12));
    t.seen(zoneDeleted(13));
    expect(states).toEqual([
      { phase: 'catching_up', events: 0 },
      { phase: 'catching_up', events: 1 },
      { phase: 'catching_up', events: 2 },
      { phase: 'caught_up', events: 2, resynced: false },
    ]);
    expect(t.resumeFrom()).toBe(13);
  });

  it('says when the core could not replay and the state was refetched', () => {
    const { states, tracker: t } = tracker();
    t.seen(health(1));
    t.connected();
    t.seen(health(50));
    t.seen(resync(51));
    expect(states.at(-1)).toEqual({ phase: 'caught_up', events: 0, resynced: true });
  });
});

describe('realtimeUrl', () => {
  it('asks for a replay after the given id', () => {
    expect(realtimeUrl('https://farm.example/zones/1', 42)).toBe(
      'wss://farm.example/api/ws?after_id=42',
    );
    expect(realtimeUrl('http://127.0.0.1:8080/', null)).toBe('ws://127.0.0.1:8080/api/ws');
  });
});
