import { GUARD_TIMEOUT_MAX_MS } from '../../contracts/mqtt/node-config.js';
import type { IrrSnapshot } from '../../contracts/mqtt/event.js';
import type { TimerHandle } from '../../runtime/clock.js';
import { LEVEL_SWITCHES, type WaterActuator } from '../physics/water-system.js';
import type { CommandHandler, CommandReply } from '../node/command-processor.js';
import { done, failure, type ResponseBody } from '../node/responses.js';
import type { DeviceContext, FailsafeReason, NodeDevice, StopReport } from './device.js';
import { irrigCommands } from './irrig-commands.js';
import { irrigSettings, type GuardTrip, type IrrigSettings } from './irrig-guards.js';
import { LEVEL_SCAN_MS, LevelTracker } from './irrig-levels.js';
import { IrrigOutputs } from './irrig-outputs.js';
import { plumbingOf, type IrrigPlumbing } from './irrig-plumbing.js';

export type Stage = 'solution_fill' | 'prepare_recirculation';

interface ArmedStage {
  readonly stage: Stage;
  readonly cmdId: string;
  readonly reply: CommandReply;
  readonly timer: TimerHandle;
}

/**
 * storage_irrigation_node, the two-tank board: six outputs, four float switches, an E-stop
 * input, and the local guards of §11.3 evaluated on every 200 ms level scan without waiting
 * for the backend.
 */
export class IrrigDevice implements NodeDevice {
  readonly commands: Readonly<Record<string, CommandHandler>>;
  readonly outputs: IrrigOutputs;
  /** Two-tank or single-tank, as the shared world is plumbed. */
  readonly plumbing: IrrigPlumbing;
  private levels: LevelTracker;
  private scanTimer: TimerHandle | undefined;
  private stage: ArmedStage | undefined;
  private irrigationTimer: TimerHandle | undefined;
  private estop = { pressed: false, raw: false, timer: undefined as TimerHandle | undefined };

  constructor(readonly ctx: DeviceContext) {
    this.plumbing = plumbingOf(ctx.world.water.spec.layout);
    this.outputs = new IrrigOutputs(ctx.clock, ctx.world, (name, on) => this.onSwitch(name, on));
    this.levels = new LevelTracker(ctx.world.levels());
    this.commands = irrigCommands(this);
  }

  settings(): IrrigSettings {
    return irrigSettings(this.ctx.config().fail_safe_guards);
  }

  get estopPressed(): boolean {
    return this.estop.pressed;
  }

  powerOn(): void {
    // A button still pressed at boot holds the outputs off from the start; it was announced before.
    this.estop.pressed = this.estop.raw;
    this.levels = new LevelTracker(this.ctx.world.levels());
    this.scanTimer = this.ctx.clock.setInterval(() => this.scan(), LEVEL_SCAN_MS);
  }

  powerOff(): void {
    this.scanTimer?.cancel();
    this.scanTimer = undefined;
    this.estop.timer?.cancel();
    this.estop = { pressed: false, raw: this.estop.raw, timer: undefined };
    this.outputs.powerOff();
  }

  sense(channel: string): number | undefined {
    const name = LEVEL_SWITCHES.find((n) => n === channel);
    return name === undefined ? undefined : Number(this.levels.states()[name]);
  }

  telemetryFlags(): Record<string, boolean> {
    return {};
  }

  /** The first level report of every MQTT session after time sync carries `initial:true`. */
  onSessionSynced(): void {
    for (const name of LEVEL_SWITCHES) this.publishLevel(name, true);
  }

  stopAll(reason: FailsafeReason): StopReport {
    const settle = done({ state: false, reason_code: reason });
    const stopped = this.outputs.onOutputs().filter((name) => this.outputs.off(name, settle));
    return {
      pumps: stopped.filter((n) => n === 'pump_main'),
      relays: stopped.filter((n) => n !== 'pump_main'),
    };
  }

  actuators(): Record<string, boolean> {
    return { ...this.outputs.state };
  }

  details(): Record<string, unknown> {
    return {
      levels: this.levels.states(),
      estop: this.estop.pressed,
      stage: this.stage?.stage ?? null,
    };
  }

  snapshot(): IrrSnapshot {
    const l = this.levels.states();
    return {
      clean_level_max: l.level_clean_max,
      clean_level_min: l.level_clean_min,
      solution_level_max: l.level_solution_max,
      solution_level_min: l.level_solution_min,
      ...this.outputs.state,
    };
  }

  legacyState(): Record<string, 0 | 1> {
    const l = this.levels.states();
    return Object.fromEntries(LEVEL_SWITCHES.map((name) => [name, l[name] ? 1 : 0]));
  }

  /** Raw E-stop input (GPIO15 active-low); acts after the debounce. */
  setEstop(pressed: boolean): void {
    this.estop.raw = pressed;
    this.estop.timer?.cancel();
    const apply = () => {
      this.estop.timer = undefined;
      if (this.estop.raw === this.estop.pressed) return;
      this.estop.pressed = this.estop.raw;
      // On release the outputs stay OFF and nothing is restored or announced.
      if (this.estop.pressed) this.emergencyStop();
    };
    const debounceMs = this.settings().estopDebounceMs;
    if (debounceMs === 0) apply();
    else this.estop.timer = this.ctx.clock.setTimeout(apply, debounceMs);
  }

  armStage(stage: Stage, timeoutMs: number, cmdId: string, reply: CommandReply): void {
    this.stage?.timer.cancel();
    const timer = this.ctx.clock.setTimeout(
      () => this.trip({ path: stage, event: `${stage}_timeout` }),
      Math.min(timeoutMs, GUARD_TIMEOUT_MAX_MS),
    );
    this.stage = { stage, cmdId, reply, timer };
  }

  /** The armed stage, removed: an explicit pump OFF ends it (§11.3). */
  takeStage(): ArmedStage | undefined {
    const stage = this.stage;
    stage?.timer.cancel();
    this.stage = undefined;
    return stage;
  }

  private scan(): void {
    const changed = this.levels.scan(this.ctx.world.levels(), this.ctx.clock.monotonic());
    for (const name of changed) this.publishLevel(name, false);
    const trip = this.plumbing.checkGuards({
      actuators: this.outputs.state,
      levels: this.levels.states(),
      solutionFillForMs: this.outputs.solutionFillForMs(),
      settings: this.settings(),
    });
    if (trip) this.trip(trip);
  }

  /** Stop a flow path locally and tell the backend with a storage_state event, never a response. */
  private trip(trip: GuardTrip): void {
    // Every path but the clean fill runs the pump, so it also ends an armed stage.
    const armed = trip.path === 'clean_fill' ? undefined : this.takeStage();
    const settle = done({ state: false, reason_code: trip.event });
    const stopped = this.plumbing.paths[trip.path].filter((name) => this.outputs.off(name, settle));
    this.publishStorageEvent(trip.event, { path: trip.path, stopped }, armed?.cmdId);
  }

  private emergencyStop(): void {
    this.takeStage();
    const settle: ResponseBody = failure('estop_active', 'Emergency stop pressed');
    const stopped = this.outputs.onOutputs().filter((name) => this.outputs.off(name, settle));
    this.publishStorageEvent('emergency_stop_activated', { stopped });
  }

  private onSwitch(name: WaterActuator, on: boolean): void {
    if (name === 'valve_irrigation') {
      this.irrigationTimer?.cancel();
      this.irrigationTimer = on
        ? this.ctx.clock.setTimeout(
            () => this.trip({ path: 'irrigation', event: 'irrigation_timeout' }),
            this.settings().irrigationTimeoutMs,
          )
        : undefined;
    }
    // Whatever stops the pump ends the stage; callers that need the arm take it first.
    if (name === 'pump_main' && !on) this.takeStage();
  }

  private publishLevel(name: (typeof LEVEL_SWITCHES)[number], initial: boolean): void {
    this.ctx.publishEvent(name, {
      event_code: 'level_switch_changed',
      channel: name,
      state: this.levels.states()[name],
      initial,
      snapshot: this.snapshot(),
    });
  }

  private publishStorageEvent(
    code: string,
    details: Record<string, unknown>,
    cmdId?: string,
  ): void {
    this.ctx.publishEvent('storage_state', {
      event_code: code,
      ...(cmdId === undefined ? {} : { cmd_id: cmdId }),
      details,
      snapshot: this.snapshot(),
      state: this.legacyState(),
    });
  }
}
