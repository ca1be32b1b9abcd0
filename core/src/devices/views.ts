import type { CommandView, NodeView } from '../contracts/devices.js';
import type { RealtimeEvent } from '../contracts/realtime.js';
import type { ChannelRecord, CommandRecord, NodeRecord } from '../storage/types.js';

/** Publishes a realtime event; the hub stamps `event_id` and `server_ts`. */
export type EventSink = (event: Omit<RealtimeEvent, 'event_id' | 'server_ts'>) => void;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function nodeView(node: NodeRecord, channels: ChannelRecord[]): NodeView {
  return {
    id: node.id,
    uid: node.uid,
    hardware_id: node.hardwareId,
    name: node.name,
    type: node.type,
    status: node.status,
    lifecycle_state: node.lifecycleState,
    zone_id: node.zoneId,
    pending_zone_id: node.pendingZoneId,
    fw_version: node.fwVersion,
    rssi: node.rssi,
    ip: node.ip,
    uptime_seconds: node.uptimeSeconds,
    free_heap_bytes: node.freeHeapBytes,
    last_seen_at: iso(node.lastSeenAt),
    last_heartbeat_at: iso(node.lastHeartbeatAt),
    first_seen_at: new Date(node.firstSeenAt).toISOString(),
    channels: channels.map((c) => ({
      channel: c.channel,
      type: c.type,
      metric: c.metric,
      unit: c.unit,
      actuator_type: c.actuatorType,
    })),
  };
}

export function commandView(command: CommandRecord): CommandView {
  return {
    cmd_id: command.cmdId,
    node_id: command.nodeId,
    zone_id: command.zoneId,
    channel: command.channel,
    cmd: command.cmd,
    params: command.params,
    status: command.status,
    source: command.source,
    error_code: command.errorCode,
    error_message: command.errorMessage,
    details: command.details,
    created_at: new Date(command.createdAt).toISOString(),
    sent_at: iso(command.sentAt),
    ack_at: iso(command.ackAt),
    terminal_at: iso(command.terminalAt),
  };
}
