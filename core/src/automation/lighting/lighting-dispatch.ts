import type { SendCommand, SendResult } from '../../devices/command-gateway.js';
import type { ZoneEvents } from '../../events/zone-events.js';
import { HydroError } from '../../runtime/errors.js';
import type { Storage } from '../../storage/storage.js';
import { dayDuty } from './photoperiod.js';

/**
 * Lighting at window boundaries (reference-domain §6.1). Not an automation task: lights are not on
 * the flow path, so a boundary must not wait behind a tank preparation holding the zone. One
 * command straight through the gateway: ON ⇒ `set_pwm{duty}` on a PWM (or LED) channel, else
 * `set_relay{true}`; OFF ⇒ duty 0 / `false`. Its cmd_id is derived from the slot's idempotency
 * key, so a repeated tick re-sends nothing (the gateway skips a delivered cmd_id).
 */

export interface LightingDispatchDeps {
  readonly storage: Storage;
  commands: { send(request: SendCommand): Promise<SendResult> };
  zoneEvents: Pick<ZoneEvents, 'record'>;
}

export interface LightingSent {
  cmdId: string;
  nodeId: number;
  channel: string;
  cmd: 'set_pwm' | 'set_relay';
  params: Record<string, unknown>;
  /** The gateway had already delivered this cmd_id: nothing was published. */
  repeated: boolean;
}

/** Channels driven by duty rather than on/off (the firmware's PWM actuator types). */
const DIMMABLE = new Set(['PWM', 'LED']);

/**
 * A node-acceptable cmd_id (`[A-Za-z0-9_-]`, ≤ 63) from a slot key such as
 * `sch:z3:lighting:2026-03-29T06:00:00+02:00:on` → `sch_z3_lighting_2026-03-29T06_00_00p02_00_on`.
 * Offsets keep their sign (`p`/`-`), so the two occurrences of a repeated hour stay distinct.
 */
export function lightingCmdId(idempotencyKey: string): string {
  return idempotencyKey.replaceAll(':', '_').replaceAll('+', 'p');
}

export class LightingDispatch {
  constructor(private readonly deps: LightingDispatchDeps) {}

  /**
   * Switch the zone's `light` role to `state`. Throws HydroError `role_not_bound` when no light
   * is bound, and whatever the gateway refuses with (node not bound, cmd_id conflict).
   */
  async apply(
    zoneId: number,
    state: 'on' | 'off',
    idempotencyKey: string,
    brightnessPct?: number | null,
  ): Promise<LightingSent> {
    const { storage } = this.deps;
    const binding = (await storage.bindings.listForZone(zoneId)).find((b) => b.role === 'light');
    if (!binding) throw new HydroError('role_not_bound', 'nothing is bound to the light role');
    const channels = await storage.nodes.channels(binding.nodeId);
    const channel = channels.find((c) => c.channel === binding.channel);
    const dimmable = DIMMABLE.has(channel?.actuatorType ?? '');
    const duty = state === 'on' ? dayDuty({ requestPct: brightnessPct ?? null }) : 0;
    const cmd = dimmable ? 'set_pwm' : 'set_relay';
    const params = dimmable ? { value: duty } : { state: duty > 0 };
    const cmdId = lightingCmdId(idempotencyKey);
    const result = await this.deps.commands.send({
      nodeId: binding.nodeId,
      channel: binding.channel,
      cmd,
      params,
      cmdId,
      source: `scheduler:zone:${zoneId}`,
    });
    if (!result.skipped) {
      await this.deps.zoneEvents.record(zoneId, state === 'on' ? 'LIGHT_ON' : 'LIGHT_OFF', {
        cmd,
        params,
        cmd_id: cmdId,
        node_id: binding.nodeId,
        channel: binding.channel,
        idempotency_key: idempotencyKey,
      });
    }
    return {
      cmdId,
      nodeId: binding.nodeId,
      channel: binding.channel,
      cmd,
      params,
      repeated: result.skipped,
    };
  }
}
