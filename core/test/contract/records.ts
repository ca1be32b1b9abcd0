import type { Storage } from '../../src/storage/storage.js';
import type {
  ChannelRecord,
  CommandRecord,
  NodeRecord,
  SampleInput,
} from '../../src/storage/types.js';

/** Unix ms well past 2^31, so a dialect that truncates or stringifies bigints is caught. */
export const T0 = Date.UTC(2026, 10, 27, 12);

export function nodeInput(n: number, overrides: Partial<NodeRecord> = {}): Omit<NodeRecord, 'id'> {
  const hex = n.toString(16).padStart(12, '0');
  return {
    uid: `nd-ph-${hex}`,
    hardwareId: `esp32-${hex}`,
    type: 'ph',
    name: null,
    fwVersion: '2.0.1',
    capabilities: ['ph', 'temp'],
    lifecycleState: 'REGISTERED_BACKEND',
    zoneId: null,
    pendingZoneId: null,
    pendingZoneSetAt: null,
    status: 'offline',
    lastSeenAt: null,
    lastHeartbeatAt: null,
    uptimeSeconds: null,
    freeHeapBytes: null,
    rssi: null,
    ip: null,
    nodeSecret: 'f'.repeat(64),
    mqttPassword: `pw-${n}`,
    config: null,
    firstSeenAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function commandInput(
  cmdId: string,
  nodeId: number | null,
  overrides: Partial<CommandRecord> = {},
): Omit<CommandRecord, 'id'> {
  return {
    cmdId,
    nodeId,
    zoneId: null,
    channel: 'pump_1',
    cmd: 'run',
    params: { duration_ms: 1500, nested: { on: true } },
    source: 'user',
    status: 'QUEUED',
    ts: null,
    errorCode: null,
    errorMessage: null,
    details: null,
    attempts: 0,
    createdAt: T0,
    sentAt: null,
    ackAt: null,
    terminalAt: null,
    deadlineAt: null,
    ...overrides,
  };
}

export function sample(nodeId: number, channel: string, ts: number, value: number): SampleInput {
  return { nodeId, zoneId: null, channel, metricType: 'PH', ts, value, quality: 'good' };
}

/** A greenhouse with one zone, the parents most records hang off. */
export async function seedZone(storage: Storage, uid = 'zn-1') {
  const gh = await storage.greenhouses.create(
    { uid: `gh-of-${uid}`, name: 'GH', timezone: 'Europe/Berlin' },
    T0,
  );
  return storage.zones.create({ greenhouseId: gh.id, uid, name: `Zone ${uid}` }, T0);
}

export const PH_CHANNEL: ChannelRecord = {
  channel: 'ph',
  type: 'sensor',
  metric: 'PH',
  unit: 'pH',
  actuatorType: null,
  config: { cal: { points: [4, 7, 10] } },
};

export const PUMP_CHANNEL: ChannelRecord = {
  channel: 'pump_1',
  type: 'actuator',
  metric: null,
  unit: null,
  actuatorType: 'PUMP',
  config: {},
};
