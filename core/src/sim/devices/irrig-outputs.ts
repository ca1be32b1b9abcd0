import type { Clock, TimerHandle } from '../../runtime/clock.js';
import {
  WATER_ACTUATORS,
  allClosed,
  type WaterActuator,
  type WaterActuators,
} from '../physics/water-system.js';
import type { SimWorld } from '../physics/world.js';
import type { CommandReply } from '../node/command-processor.js';
import { done, type ResponseBody } from '../node/responses.js';
import { isActive } from './irrig-guards.js';

interface Timed {
  readonly timer: TimerHandle;
  readonly reply: CommandReply;
}

/**
 * The six outputs of the two-tank node and their timed runs. Every change goes to the shared
 * physical model at once; `onSwitch` lets the device arm or disarm its guards.
 */
export class IrrigOutputs {
  readonly state: WaterActuators = allClosed();
  private readonly timed = new Map<WaterActuator, Timed>();
  private pumpOffAt: number | undefined;
  private solutionFillAt: number | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly world: SimWorld,
    private readonly onSwitch: (name: WaterActuator, on: boolean) => void,
  ) {}

  /** Returns false when the output already was in that state. */
  set(name: WaterActuator, on: boolean): boolean {
    if (this.state[name] === on) return false;
    this.state[name] = on;
    this.world.setWaterActuator(name, on);
    const now = this.clock.monotonic();
    if (name === 'pump_main' && !on) this.pumpOffAt = now;
    const filling = isActive('solution_fill', this.state);
    if (!filling) this.solutionFillAt = undefined;
    else this.solutionFillAt ??= now;
    this.onSwitch(name, on);
    return true;
  }

  /** ON for `durationMs`, then OFF and the terminal DONE of the command that asked for it. */
  pulse(name: WaterActuator, durationMs: number, reply: CommandReply): void {
    const timer = this.clock.setTimeout(() => {
      this.timed.delete(name);
      this.set(name, false);
      reply.send(done({ channel: name, state: false, duration_ms: durationMs }));
    }, durationMs);
    this.timed.set(name, { timer, reply });
    this.set(name, true);
  }

  /**
   * Switch off; a timed run on the output is settled with `settle` (it never gets a second
   * terminal status later). Returns whether the output was on.
   */
  off(name: WaterActuator, settle: ResponseBody): boolean {
    const run = this.timed.get(name);
    if (run) {
      this.timed.delete(name);
      run.timer.cancel();
      run.reply.send(settle);
    }
    return this.set(name, false);
  }

  /** End a timed run early but leave the output on: a latched ON took it over. */
  keep(name: WaterActuator, settle: ResponseBody): void {
    const run = this.timed.get(name);
    if (!run) return;
    this.timed.delete(name);
    run.timer.cancel();
    run.reply.send(settle);
  }

  onOutputs(): WaterActuator[] {
    return WATER_ACTUATORS.filter((name) => this.state[name]);
  }

  pumpCooldownMs(minOffMs: number): number {
    if (this.pumpOffAt === undefined) return 0;
    return Math.max(0, this.pumpOffAt + minOffMs - this.clock.monotonic());
  }

  solutionFillForMs(): number | undefined {
    return this.solutionFillAt === undefined
      ? undefined
      : this.clock.monotonic() - this.solutionFillAt;
  }

  /** Power loss: everything off, timed runs forgotten without an answer. */
  powerOff(): void {
    for (const run of this.timed.values()) run.timer.cancel();
    this.timed.clear();
    for (const name of WATER_ACTUATORS) this.set(name, false);
    this.pumpOffAt = undefined;
  }
}
