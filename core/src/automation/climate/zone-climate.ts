import type { EffectiveTargets } from '../../contracts/zones.js';
import type { TimerHandle } from '../../runtime/clock.js';
import type { Component, ComponentStatus } from '../../runtime/component.js';
import type { ZoneRecord } from '../../storage/domain-types.js';
import type { RuntimeContext } from '../runtime/runtime-context.js';
import type { ZoneIo } from '../runtime/zone-io.js';
import {
  CLIMATE_DEVICES,
  CLIMATE_MEMORY_KEY,
  deviceMemory,
  switchEvent,
  type ClimateDevice,
  type ClimateMemory,
  type DeviceMemory,
} from './climate-devices.js';
import { hysteresisStep, type Reading, type SwitchDecision } from './hysteresis.js';

/** Minimum on/off times are 2 min, so a minute between decisions is fine-grained enough. */
export const CLIMATE_TICK_MS = 60_000;

export type ClimateContext = Pick<
  RuntimeContext,
  'storage' | 'clock' | 'logger' | 'zoneEvents' | 'targets'
>;

type Decision = Omit<SwitchDecision, 'reason'> & { reason: string };

/**
 * Zone climate (reference-domain §6.3, the port's optional controller): heater, fan and
 * humidifier each switch by hysteresis with minimum on/off times around the day or night setpoint
 * of the effective targets. A stale or missing reading switches the actuator off and nothing else
 * (fail-closed). `auto` sends `set_relay` through the gateway; `semi` computes and records only;
 * `manual` is left alone. One CLIMATE_* event per change, never one per tick.
 */
export class ZoneClimateController implements Component {
  readonly name = 'zone-climate';
  private timer: TimerHandle | null = null;
  private running: Promise<void> | null = null;
  private lastError: string | null = null;
  private ticks = 0;
  private switches = 0;

  constructor(
    private readonly ctx: ClimateContext,
    private readonly ioFor: (zone: ZoneRecord) => ZoneIo,
    private readonly tickMs = CLIMATE_TICK_MS,
  ) {}

  start(): Promise<void> {
    this.timer = this.ctx.clock.setInterval(() => void this.tick(), this.tickMs);
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = null;
    await this.running;
  }

  status(): ComponentStatus {
    const metrics = { ticks: this.ticks, switches: this.switches };
    if (this.lastError !== null)
      return { state: 'degraded', detail: `last tick failed: ${this.lastError}`, metrics };
    return { state: this.timer ? 'healthy' : 'stopped', detail: null, metrics };
  }

  /** One decision per actuator of every zone; a call during a pass waits for that pass. */
  tick(): Promise<void> {
    this.running ??= this.pass()
      .catch((err: unknown) => {
        // Never an unhandled rejection from a timer: the next tick tries again.
        this.lastError = err instanceof Error ? err.message : String(err);
        this.ctx.logger.error({ err }, 'zone climate pass failed');
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<void> {
    let error: string | null = null;
    for (const zone of await this.ctx.storage.zones.list()) {
      if (zone.controlMode === 'manual') continue;
      try {
        await this.runZone(zone);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
        this.ctx.logger.error({ err, zone: zone.id }, 'zone climate pass failed');
      }
    }
    this.lastError = error;
    this.ticks += 1;
  }

  private async runZone(zone: ZoneRecord): Promise<void> {
    const io = this.ioFor(zone);
    const devices: ClimateDevice[] = [];
    for (const device of CLIMATE_DEVICES) if (await io.has(device.role)) devices.push(device);
    if (devices.length === 0) return;
    const targets = await this.ctx.targets(zone.id);
    const doc = await this.ctx.storage.zoneRuntime.get(zone.id);
    const memory = { ...((doc[CLIMATE_MEMORY_KEY] ?? {}) as ClimateMemory) };
    let dirty = false;
    for (const device of devices) {
      const before = deviceMemory(memory, device.role);
      const opponent = device.opposes ? memory[device.opposes]?.on === true : false;
      const after = await this.control(zone, io, device, before, targets, opponent);
      if (JSON.stringify(after) !== JSON.stringify(before)) {
        memory[device.role] = after;
        dirty = true;
      }
    }
    if (dirty)
      await this.ctx.storage.zoneRuntime.merge(
        zone.id,
        { [CLIMATE_MEMORY_KEY]: memory },
        this.ctx.clock.now(),
      );
  }

  private async control(
    zone: ZoneRecord,
    io: ZoneIo,
    device: ClimateDevice,
    memory: DeviceMemory,
    targets: EffectiveTargets,
    opponentOn: boolean,
  ): Promise<DeviceMemory> {
    const now = this.ctx.clock.now();
    const sample = await io.last(device.sensor);
    const reading: Reading | null =
      sample && sample.quality !== 'bad' ? { value: sample.value, ts: sample.ts } : null;
    const target = targets.climate.enabled ? device.target(targets) : null;
    let decision = decide(device, memory, reading, target, targets.climate.enabled, now);
    if (decision.changed && decision.on && opponentOn)
      decision = { on: false, state: memory, changed: false, reason: 'interlock' };
    const next: DeviceMemory = { ...memory };
    const stale = decision.reason === 'stale_reading' || decision.reason === 'no_reading';
    if (stale !== memory.stale) {
      next.stale = stale;
      await this.ctx.zoneEvents.record(
        zone.id,
        stale ? 'CLIMATE_SENSOR_STALE' : 'CLIMATE_SENSOR_RECOVERED',
        { role: device.sensor, actuator: device.role, last_ts: reading?.ts ?? null },
      );
    }
    const applied = zone.controlMode === 'auto';
    if (applied && decision.changed) {
      const sent = await this.send(zone, io, device, decision.on, now);
      if (!sent) return next;
      next.on = decision.state.on;
      next.since = decision.state.since;
      this.switches += 1;
    }
    const shown = applied ? next.on : decision.on;
    if (shown !== (memory.announced ?? memory.on) || (applied && decision.changed)) {
      next.announced = shown;
      await this.ctx.zoneEvents.record(zone.id, switchEvent(device.role, shown), {
        role: device.role,
        reason: decision.reason,
        value: reading?.value ?? null,
        target,
        mode: zone.controlMode,
        applied,
      });
    }
    return next;
  }

  private async send(
    zone: ZoneRecord,
    io: ZoneIo,
    device: ClimateDevice,
    on: boolean,
    now: number,
  ): Promise<boolean> {
    const cmdId = `clim-z${zone.id}-${device.role}-${on ? 'on' : 'off'}-${now}`;
    try {
      await io.send({ role: device.role, cmd: 'set_relay', params: { state: on } }, cmdId);
      return true;
    } catch (error) {
      // The state stays as it was, so the next tick tries again.
      this.ctx.logger.warn({ err: error, zone: zone.id, role: device.role }, 'climate not sent');
      return false;
    }
  }
}

/** The hysteresis step, or off when there is nothing to hold (disabled, no setpoint). */
function decide(
  device: ClimateDevice,
  memory: DeviceMemory,
  reading: Reading | null,
  target: number | null,
  enabled: boolean,
  now: number,
): Decision {
  if (target !== null) return hysteresisStep(device.config, memory, reading, target, now);
  const reason = enabled ? 'no_target' : 'subsystem_disabled';
  const state = { on: memory.on, since: memory.since };
  if (!memory.on) return { on: false, state, changed: false, reason };
  return { on: false, state: { on: false, since: now }, changed: true, reason };
}
