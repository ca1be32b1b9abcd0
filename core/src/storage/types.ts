/** Domain records the repositories speak (times are Unix ms). Mapping to SQL stays in each dialect. */
export type LifecycleState =
  | 'REGISTERED_BACKEND'
  | 'ASSIGNED_TO_ZONE'
  | 'ACTIVE'
  | 'DEGRADED'
  | 'MAINTENANCE'
  | 'DECOMMISSIONED';

export type { GreenhouseRecord, ZoneRecord } from './domain-types.js';

export interface NodeRecord {
  id: number;
  uid: string;
  hardwareId: string;
  type: string;
  name: string | null;
  fwVersion: string | null;
  capabilities: string[];
  lifecycleState: LifecycleState;
  zoneId: number | null;
  pendingZoneId: number | null;
  pendingZoneSetAt: number | null;
  status: 'online' | 'offline';
  lastSeenAt: number | null;
  lastHeartbeatAt: number | null;
  uptimeSeconds: number | null;
  freeHeapBytes: number | null;
  rssi: number | null;
  ip: string | null;
  nodeSecret: string;
  mqttPassword: string;
  config: Record<string, unknown> | null;
  firstSeenAt: number;
  updatedAt: number;
}

export type NodePatch = Partial<Omit<NodeRecord, 'id' | 'uid' | 'hardwareId' | 'firstSeenAt'>>;

export interface ChannelRecord {
  channel: string;
  type: string;
  metric: string | null;
  unit: string | null;
  actuatorType: string | null;
  config: Record<string, unknown>;
}

export type CommandStatus =
  | 'QUEUED'
  | 'SENT'
  | 'ACK'
  | 'DONE'
  | 'NO_EFFECT'
  | 'ERROR'
  | 'INVALID'
  | 'BUSY'
  | 'TIMEOUT'
  | 'SEND_FAILED';

export interface CommandRecord {
  id: number;
  cmdId: string;
  nodeId: number | null;
  zoneId: number | null;
  channel: string;
  cmd: string;
  params: Record<string, unknown>;
  source: string;
  status: CommandStatus;
  ts: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  details: Record<string, unknown> | null;
  attempts: number;
  createdAt: number;
  sentAt: number | null;
  ackAt: number | null;
  terminalAt: number | null;
  deadlineAt: number | null;
}

export interface NodeErrorInput {
  nodeId: number | null;
  hardwareId: string | null;
  level: string;
  component: string;
  errorCode: string;
  message: string;
  details: Record<string, unknown> | null;
  ts: number;
  receivedAt: number;
}

export interface SampleInput {
  nodeId: number;
  zoneId: number | null;
  channel: string;
  metricType: string;
  ts: number;
  value: number;
  quality: 'good' | 'uncertain';
}

export interface NodeEventInput {
  nodeId: number | null;
  zoneId: number | null;
  channel: string | null;
  type: string;
  payload: Record<string, unknown>;
  ts: number;
}
