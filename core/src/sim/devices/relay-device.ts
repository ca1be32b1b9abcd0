import type { CommandHandler } from '../node/command-processor.js';
import type { DeviceContext, FailsafeReason, NodeDevice, StopReport } from './device.js';
import { RelayBank, relayCommands } from './relay-bank.js';

/** relay_node: plain NO relays (`fill_valve`, `water_control`, `drain_valve`), no sensors. */
export class RelayDevice implements NodeDevice {
  readonly commands: Readonly<Record<string, CommandHandler>>;
  private readonly bank: RelayBank;

  constructor(ctx: DeviceContext) {
    this.bank = new RelayBank(ctx.clock, () => undefined);
    const isRelay = (name: string) => {
      const channel = ctx.channel(name);
      return channel?.type === 'ACTUATOR' && channel.actuator_type !== 'SYSTEM';
    };
    this.commands = relayCommands(this.bank, isRelay);
  }

  sense(): number | undefined {
    return undefined;
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

  actuators(): Record<string, boolean> {
    return Object.fromEntries(
      Object.entries(this.bank.states()).map(([ch, level]) => [ch, level > 0]),
    );
  }

  details(): Record<string, unknown> {
    return {};
  }
}
