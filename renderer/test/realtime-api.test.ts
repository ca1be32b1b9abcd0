import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseRealtimeEvent, realtimeUrl } from '../src/api/realtime.js';
import { healthEvent, healthSnapshot } from './health-fixtures.js';

// The unit-test project has no path aliases: point the app's @contracts imports at the real files.

afterEach(() => {
  vi.restoreAllMocks();
});

describe('parseRealtimeEvent', () => {
  it('accepts events that match the contract', () => {
    const event = healthEvent(7, healthSnapshot({ state: 'degraded' }));
    expect(parseRealtimeEvent(event)).toEqual(event);
    const resync = {
      event_id: 8,
      server_ts: 1,
      channel: 'hydro.system',
      event: 'system.resync',
      data: { reason: 'client too slow' },
    };
    expect(parseRealtimeEvent(resync)).toEqual(resync);
  });

  it('drops what does not, with a warning for whoever debugs it', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const valid = healthEvent(1, healthSnapshot());
    expect(parseRealtimeEvent({ ...valid, event: 'zone.updated' })).toBeNull();
    expect(parseRealtimeEvent({ ...valid, data: { ...valid.data, state: 'fine' } })).toBeNull();
    expect(parseRealtimeEvent({ ...valid, event_id: -1 })).toBeNull();
    expect(parseRealtimeEvent('system.health')).toBeNull();
    expect(warn).toHaveBeenCalledTimes(4);
  });
});

describe('realtimeUrl', () => {
  it('uses the page origin with the matching WebSocket scheme', () => {
    expect(realtimeUrl('http://127.0.0.1:8080/system')).toBe('ws://127.0.0.1:8080/api/ws');
    expect(realtimeUrl('https://farm.local/zones/3?x=1')).toBe('wss://farm.local/api/ws');
  });
});
