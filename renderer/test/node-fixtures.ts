import type { CommandView, NodeView } from '../../core/src/contracts/devices.js';

export function nodeView(overrides: Partial<NodeView> = {}): NodeView {
  return {
    id: 1,
    uid: 'nd-ph-1',
    hardware_id: 'esp32-000000000001',
    name: null,
    type: 'ph',
    status: 'online',
    lifecycle_state: 'ASSIGNED_TO_ZONE',
    zone_id: 1,
    pending_zone_id: null,
    fw_version: '2.0.1',
    rssi: -60,
    ip: '192.168.1.10',
    uptime_seconds: 100,
    free_heap_bytes: 100_000,
    last_seen_at: '2026-01-01T00:00:00.000Z',
    last_heartbeat_at: '2026-01-01T00:00:00.000Z',
    first_seen_at: '2026-01-01T00:00:00.000Z',
    channels: [],
    ...overrides,
  };
}

export function commandView(overrides: Partial<CommandView> = {}): CommandView {
  return {
    cmd_id: 'c1',
    node_id: 1,
    zone_id: 1,
    channel: 'ph_sensor',
    cmd: 'test_sensor',
    params: {},
    status: 'SENT',
    source: 'api:admin',
    error_code: null,
    error_message: null,
    details: null,
    created_at: '2026-01-01T00:00:00.000Z',
    sent_at: '2026-01-01T00:00:00.100Z',
    ack_at: null,
    terminal_at: null,
    ...overrides,
  };
}

/** A realtime envelope around `data`, as the hub stamps it. */
export function stamped<E extends string, C extends string, D>(
  eventId: number,
  channel: C,
  event: E,
  data: D,
) {
  return { event_id: eventId, server_ts: 0, channel, event, data };
}
