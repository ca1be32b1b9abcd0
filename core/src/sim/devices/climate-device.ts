import type { ClimateInputs } from '../physics/climate-model.js';
import type { CommandHandler, CommandReply, CommandRequest } from '../node/command-processor.js';
import type { ChannelEntry } from '../node/node-config.js';
import { done, failure } from '../node/responses.js';
import type { DeviceContext, FailsafeReason, NodeDevice, StopReport } from './device.js';
import { RelayBank, relayCommands } from './relay-bank.js';

type Effect = keyof ClimateInputs | 'lamp';

/**
 * What a config-driven climate output does to the air, read from its actuator type or, for
 * generic relays, its name (`fan_air`, `heater_air`, `white_light`, `humidifier`, …).
 */
function effectOf(channel: ChannelEntry): Effect | null {
  const { name, actuator_type: type } = channel;
  if (type === 'HEATER' || name.includes('heat')) return 'heater';
  if (type === 'FAN' || name.includes('fan') || name.includes('vent')) return 'fan';
  if (name.includes('humid') || name.includes('mist') || name.includes('fog')) return 'humidifier';
  if (type === 'LED' || name.includes('light') || name.includes('lamp')) return 'lamp';
  return null;
}

const PWM_TYPES = new Set(['PWM', 'LED']);

/** `set_pwm` value: ≤ 100 is percent, 101..255 an 8-bit duty, clamped (§6). */
export function pwmDutyPct(value: number): number {
  if (value <= 100) return Math.max(0, value);
  return (Math.min(value, 255) / 255) * 100;
}

/** climate_node: air sensors plus whatever relays and PWM outputs the config declares. */
export class ClimateDevice implements NodeDevice {
  readonly commands: Readonly<Record<string, CommandHandler>>;
  private readonly bank: RelayBank;

  constructor(private readonly ctx: DeviceContext) {
    this.bank = new RelayBank(ctx.clock, (channel, level) => this.apply(channel, level));
    const isRelay = (name: string) => {
      const channel = ctx.channel(name);
      return (
        channel?.type === 'ACTUATOR' &&
        channel.actuator_type !== 'SYSTEM' &&
        !PWM_TYPES.has(channel.actuator_type ?? '')
      );
    };
    this.commands = {
      ...relayCommands(this.bank, isRelay),
      set_pwm: (req, reply) => this.setPwm(req, reply),
    };
  }

  sense(channel: string): number | undefined {
    const air = () => this.ctx.world.air();
    switch (channel) {
      case 'temperature':
        return air().airC;
      case 'humidity':
        return air().rh;
      case 'co2':
        return air().co2;
      default:
        return undefined;
    }
  }

  telemetryFlags(): Record<string, boolean> {
    return {};
  }

  onSessionSynced(): void {}

  stopAll(reason: FailsafeReason): StopReport {
    return { pumps: [], relays: this.bank.stopAll(reason) };
  }

  powerOn(): void {}

  powerOff(): void {
    this.bank.reset();
  }

  actuators(): Record<string, number> {
    return this.bank.states();
  }

  details(): Record<string, unknown> {
    return {};
  }

  private setPwm(req: CommandRequest, reply: CommandReply): void {
    const channel = this.ctx.channel(req.channel);
    if (channel?.type !== 'ACTUATOR' || !PWM_TYPES.has(channel.actuator_type ?? '')) {
      return reply.send(failure('invalid_channel', `${req.channel} is not a PWM channel`));
    }
    const { value } = req.params;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return reply.send(failure('invalid_params', 'value must be a number'));
    }
    const duty = pwmDutyPct(value);
    this.bank.set(req.channel, duty / 100);
    reply.send(done({ channel: req.channel, value, duty_pct: Math.round(duty * 10) / 10 }));
  }

  private apply(name: string, level: number): void {
    const channel = this.ctx.channel(name);
    const effect = channel ? effectOf(channel) : null;
    const source = `${this.ctx.hardwareId}:${name}`;
    if (effect === 'lamp') {
      this.ctx.world.setLamp(source, level);
    } else if (effect) {
      this.ctx.world.setClimateInput(source, { heater: 0, fan: 0, humidifier: 0, [effect]: level });
    }
  }
}
