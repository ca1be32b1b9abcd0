import type { ProfiledNodeType } from '../../contracts/mqtt/channel-maps.js';
import type { SeededRandom } from '../random.js';
import { unitOf } from './builtin-commands.js';
import type { ChannelEntry, StoredConfig } from './node-config.js';
import type { SensorReading } from './sensor-bank.js';

/** The firmware release the simulator claims to run. */
export const SIM_FW_VERSION = '2.0.1-sim';

/** Board vitals that heartbeat and status report; jitter makes the numbers look alive. */
export class Vitals {
  constructor(
    private readonly rng: SeededRandom,
    readonly ip: string,
  ) {}

  freeHeap(): number {
    return 102_000 + this.rng.int(-3000, 3000);
  }

  rssi(): number {
    return -58 + this.rng.int(-4, 4);
  }
}

export function ipFor(hardwareId: string): string {
  const last = Number.parseInt(hardwareId.slice(-2), 16);
  return `192.168.1.${20 + (Number.isNaN(last) ? 0 : last % 200)}`;
}

export function heartbeatPayload(uptimeS: number, vitals: Vitals): Record<string, unknown> {
  return {
    uptime: uptimeS,
    free_heap: vitals.freeHeap(),
    rssi: vitals.rssi(),
    fw_version: SIM_FW_VERSION,
  };
}

/**
 * Retained status, extended profile (§4.2). In SAFE_MODE the firmware sends
 * `{state, reason, ts}` without `status` ([DIVERGENCE]); the simulator emits that code form.
 */
export function statusPayload(
  ts: number,
  vitals: Vitals,
  safeModeReason: string | null,
): Record<string, unknown> {
  if (safeModeReason !== null) return { state: 'safe_mode', reason: safeModeReason, ts };
  return {
    status: 'ONLINE',
    ts,
    online: true,
    ip: vitals.ip,
    rssi: vitals.rssi(),
    fw: SIM_FW_VERSION,
  };
}

export function helloPayload(
  nodeType: ProfiledNodeType,
  hardwareId: string,
  config: StoredConfig,
): Record<string, unknown> {
  const capabilities = new Set<string>();
  for (const channel of config.channels) {
    const kind = channel.type === 'SENSOR' ? channel.metric : channel.actuator_type;
    if (kind !== undefined && kind !== 'SYSTEM') capabilities.add(kind.toLowerCase());
  }
  return {
    message_type: 'node_hello',
    hardware_id: hardwareId,
    node_type: nodeType,
    fw_version: SIM_FW_VERSION,
    capabilities: [...capabilities],
  };
}

/** The stored config as the firmware echoes it, secrets included (§4.7 [DIVERGENCE]). */
export function configReportPayload(
  nodeType: ProfiledNodeType,
  config: StoredConfig,
): Record<string, unknown> {
  const type = config.type === '' || config.type === 'unknown' ? nodeType : config.type;
  return { ...config, type, fw_version: SIM_FW_VERSION };
}

export function telemetryPayload(
  channel: ChannelEntry,
  metric: string,
  reading: SensorReading,
  ts: number,
  flags: Record<string, boolean>,
): Record<string, unknown> {
  const payload: Record<string, unknown> = { metric_type: metric, value: reading.value, ts };
  const unit = unitOf(channel);
  if (unit !== undefined) payload.unit = unit;
  if (reading.raw !== undefined) payload.raw = reading.raw;
  // The firmware emits these flags only in their non-default form.
  if (reading.stub) payload.stub = true;
  if (!reading.stable) payload.stable = false;
  if (reading.staleAgeS !== undefined) payload.stale_age_sec = reading.staleAgeS;
  return { ...payload, ...flags };
}
