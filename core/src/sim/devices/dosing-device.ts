import type { Reagent } from '../physics/solution-chemistry.js';
import type { CommandHandler, CommandReply, CommandRequest } from '../node/command-processor.js';
import { ack, done, failure } from '../node/responses.js';
import { calibrationCommands } from './calibration-commands.js';
import type { DeviceContext, FailsafeReason, NodeDevice, StopReport } from './device.js';
import { PumpDriver, type PumpOutcome } from './pump-driver.js';
import {
  clipDuration,
  doseDuration,
  isPumpChannel,
  positiveInt,
  pumpLimits,
  type DosePlan,
} from './pump-limits.js';

/** What each dosing pump of the ph and ec boards holds (§5.2: pump_a NPK … pump_d micro). */
const REAGENTS: Readonly<Record<string, Reagent>> = {
  pump_acid: 'acid',
  pump_base: 'base',
  pump_a: 'npk',
  pump_b: 'calcium',
  pump_c: 'magnesium',
  pump_d: 'micro',
};

/** ph/ec `run_pump` accepts 1..60000 ms; longer is rejected, not clipped (§11.1). */
const RUN_PUMP_MAX_MS = 60_000;
/** The ph firmware forces this INA209 window; ec takes `limits` from the config. */
const DEFAULT_CURRENT_WINDOW: readonly [number, number] = [50, 500];
const PUMP_CURRENT_MA = 210;
const IDLE_CURRENT_MA = 2;
const PROBE_CHANNELS = new Set(['ph_sensor', 'ec_sensor', 'ec_tds_ppm']);

/** The ph and ec nodes: probes in the flow path, peristaltic pumps into the solution tank. */
export class DosingDevice implements NodeDevice {
  readonly commands: Readonly<Record<string, CommandHandler>>;
  private sensorModeActive = false;
  private readonly pumps: PumpDriver;
  private running: string | null = null;
  private dosedMl: Record<string, number> = {};

  constructor(private readonly ctx: DeviceContext) {
    this.pumps = new PumpDriver({
      clock: ctx.clock,
      minOffMs: (channel) => pumpLimits(ctx.channel(channel)).minOffMs,
      currentWindow: () => this.currentWindow(),
      readCurrent: () => this.readCurrent(),
      onRunning: (channel) => (this.running = channel),
    });
    this.commands = {
      run_pump: (req, reply) => this.runPump(req, reply),
      dose: (req, reply) => this.dose(req, reply),
      activate_sensor_mode: (req, reply) => this.sensorMode(req, reply, true),
      deactivate_sensor_mode: (req, reply) => this.sensorMode(req, reply, false),
      ...calibrationCommands(ctx, ctx.nodeType === 'ph' ? 'ph' : 'ec'),
    };
  }

  sense(channel: string): number | undefined {
    const solution = () => this.ctx.world.solution();
    switch (channel) {
      case 'ph_sensor':
        return this.ctx.nodeType === 'ph' ? solution().ph : undefined;
      case 'ec_sensor':
        return this.ctx.nodeType === 'ec' ? solution().ec : undefined;
      case 'ec_tds_ppm':
        // The firmware's 500 scale: 1 mS/cm ≈ 500 ppm.
        return this.ctx.nodeType === 'ec' ? solution().ec * 500 : undefined;
      case 'solution_temp_c':
        return solution().tempC;
      case 'pump_bus_current':
        return this.running ? PUMP_CURRENT_MA : IDLE_CURRENT_MA;
      default:
        return undefined;
    }
  }

  telemetryFlags(channel: string): Record<string, boolean> {
    if (!PROBE_CHANNELS.has(channel)) return {};
    return { flow_active: this.sensorModeActive, corrections_allowed: this.sensorModeActive };
  }

  onSessionSynced(): void {}

  stopAll(reason: FailsafeReason): StopReport {
    return { pumps: this.pumps.stopAll('pump_error', `Pump stopped by ${reason}`), relays: [] };
  }

  powerOn(): void {}

  powerOff(): void {
    this.pumps.reset('pump_error', 'Node restarted');
    this.sensorModeActive = false;
  }

  actuators(): Record<string, boolean> {
    const pumps = this.ctx.config().channels.filter((ch) => isPumpChannel(ch));
    return Object.fromEntries(pumps.map((ch) => [ch.name, this.running === ch.name]));
  }

  details(): Record<string, unknown> {
    return {
      sensor_mode_active: this.sensorModeActive,
      pump_queue: this.pumps.queued(),
      dosed_ml: { ...this.dosedMl },
    };
  }

  private runPump(req: CommandRequest, reply: CommandReply): void {
    if (!isPumpChannel(this.ctx.channel(req.channel))) return reply.send(failure('pump_not_found'));
    const requested = positiveInt(req.params.duration_ms);
    if (requested === undefined || requested > RUN_PUMP_MAX_MS) {
      return reply.send(failure('invalid_params', 'duration_ms must be an integer 1..60000'));
    }
    const plan = clipDuration(requested, pumpLimits(this.ctx.channel(req.channel)).maxDurationMs);
    this.enqueue(req, reply, plan, {});
  }

  private dose(req: CommandRequest, reply: CommandReply): void {
    const channel = this.ctx.channel(req.channel);
    if (!isPumpChannel(channel)) return reply.send(failure('pump_not_found'));
    const ml = req.params.ml;
    if (typeof ml !== 'number' || !Number.isFinite(ml) || ml <= 0) {
      return reply.send(failure('invalid_params', 'ml must be a number > 0'));
    }
    if (!this.sensorModeActive) {
      return reply.send(failure('node_not_activated', 'Sensor mode is not active'));
    }
    const mlPerSecond = channel?.ml_per_second ?? 0;
    if (!(mlPerSecond > 0)) {
      return reply.send(failure('pump_not_calibrated', 'ml_per_second is not set'));
    }
    const plan = doseDuration(ml, mlPerSecond, pumpLimits(channel).maxDurationMs);
    this.enqueue(req, reply, plan, { ml, ml_per_second: mlPerSecond });
  }

  private enqueue(
    req: CommandRequest,
    reply: CommandReply,
    plan: DosePlan,
    extra: Record<string, number>,
  ): void {
    const submitted = this.pumps.submit({
      channel: req.channel,
      durationMs: plan.durationMs,
      finish: (outcome) => this.finish(req.channel, plan, outcome, reply),
    });
    if (!submitted.accepted) return reply.send(failure('pump_queue_full', 'Pump queue is full'));
    const details: Record<string, unknown> = {
      channel: req.channel,
      duration_ms: plan.durationMs,
      queued: submitted.queued,
      ...extra,
    };
    if (plan.limited) details.duration_limited = true;
    if (submitted.cooldownMs > 0) details.cooldown_ms = submitted.cooldownMs;
    reply.send(ack(details));
  }

  private finish(channel: string, plan: DosePlan, outcome: PumpOutcome, reply: CommandReply): void {
    const mlPerSecond = this.ctx.channel(channel)?.ml_per_second ?? 0;
    const ml = (mlPerSecond * outcome.ranMs) / 1000;
    const reagent = REAGENTS[channel];
    if (ml > 0 && reagent && !this.ctx.faults().emptyReagents.includes(channel)) {
      this.ctx.world.dose(reagent, ml);
      this.dosedMl[channel] = (this.dosedMl[channel] ?? 0) + ml;
    }
    if (!outcome.ok) return reply.send(failure(outcome.code, outcome.message));
    reply.send(
      done({
        channel,
        duration_ms: plan.durationMs,
        current_ma: outcome.currentMa,
        current_valid: true,
      }),
    );
  }

  private sensorMode(req: CommandRequest, reply: CommandReply, active: boolean): void {
    if (req.channel !== 'system') {
      return reply.send(
        failure('invalid_channel', 'Sensor mode commands go to the system channel'),
      );
    }
    const details: Record<string, unknown> = { sensor_mode_active: active };
    if (this.sensorModeActive === active) {
      details.note = active
        ? 'sensor_mode_already_active_treated_as_done'
        : 'sensor_mode_already_inactive_treated_as_done';
    }
    this.sensorModeActive = active;
    reply.send(done(details));
  }

  private currentWindow(): readonly [number, number] {
    if (this.ctx.nodeType === 'ph') return DEFAULT_CURRENT_WINDOW;
    const limits = this.ctx.config().limits ?? {};
    const min =
      typeof limits.currentMin === 'number' ? limits.currentMin : DEFAULT_CURRENT_WINDOW[0];
    const max =
      typeof limits.currentMax === 'number' ? limits.currentMax : DEFAULT_CURRENT_WINDOW[1];
    return [min, max];
  }

  private readCurrent(): number | null {
    const forced = this.ctx.faults().pumpCurrentMa;
    if (forced !== undefined) return forced;
    return Math.round((PUMP_CURRENT_MA + this.ctx.rng.gaussian(8)) * 10) / 10;
  }
}
