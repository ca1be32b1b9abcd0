import type { CommandHandler } from '../node/command-processor.js';
import type { DeviceContext, FailsafeReason, NodeDevice, StopReport } from './device.js';

/**
 * light_node: one lux sensor and no outputs (PWM/WS2811 are planned in the reference). The grow
 * lamps it sees are driven by the climate node's light channels.
 */
export class LightDevice implements NodeDevice {
  readonly commands: Readonly<Record<string, CommandHandler>> = {};

  constructor(private readonly ctx: DeviceContext) {}

  sense(channel: string): number | undefined {
    return channel === 'light' ? this.ctx.world.lux() : undefined;
  }

  telemetryFlags(): Record<string, boolean> {
    return {};
  }

  onSessionSynced(): void {}

  stopAll(_reason: FailsafeReason): StopReport {
    return { pumps: [], relays: [] };
  }

  powerOn(): void {}

  powerOff(): void {}

  actuators(): Record<string, boolean> {
    return {};
  }

  details(): Record<string, unknown> {
    return {};
  }
}
