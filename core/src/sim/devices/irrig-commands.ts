import { WATER_ACTUATORS, type WaterActuator } from '../physics/water-system.js';
import type { CommandHandler, CommandReply, CommandRequest } from '../node/command-processor.js';
import { ack, done, failure, type ResponseBody } from '../node/responses.js';
import type { IrrigDevice, Stage } from './irrig-device.js';
import { DRY_RUN_MAX_MS } from './irrig-guards.js';
import { clipDuration, positiveInt, pumpLimits, relayState } from './pump-limits.js';

const STAGES: readonly Stage[] = ['solution_fill', 'prepare_recirculation'];
/** Firmware still accepts this old name; responses keep the channel the command came on. */
const ALIASES: Readonly<Record<string, WaterActuator>> = { main_pump: 'pump_main' };
const IRRIG_RUN_PUMP_MAX_MS = 3_600_000;
const SAME_STATE_NOTE = 'already_in_requested_state_treated_as_done';

function actuatorOf(channel: string): WaterActuator | undefined {
  return ALIASES[channel] ?? WATER_ACTUATORS.find((name) => name === channel);
}

const unsupported = () =>
  failure('unsupported_channel_cmd', 'Command not supported on this channel', 'INVALID');
const estopActive = () => failure('estop_active', 'Emergency stop is pressed');

interface RelayRequest {
  readonly name: WaterActuator;
  readonly state: boolean;
  readonly durationMs?: number;
  readonly stage?: { readonly stage: Stage; readonly timeoutMs: number };
}

/** `set_relay` params, or undefined when they break the rules of §6. */
function relayRequest(
  name: WaterActuator,
  params: Record<string, unknown>,
): RelayRequest | undefined {
  const state = relayState(params.state);
  const { duration_ms: duration, timeout_ms: timeout, stage } = params;
  const durationMs = positiveInt(duration);
  const timeoutMs = positiveInt(timeout);
  if (state === undefined) return undefined;
  if (duration !== undefined && (durationMs === undefined || !state)) return undefined;
  if (timeout === undefined && stage === undefined) return { name, state, durationMs };
  const validStage = STAGES.find((s) => s === stage);
  if (name !== 'pump_main' || !state || timeoutMs === undefined || !validStage || durationMs) {
    return undefined;
  }
  return { name, state, stage: { stage: validStage, timeoutMs } };
}

/** `set_relay`, `run_pump` and `state` of the two-tank node (§6, §11.3). */
export function irrigCommands(device: IrrigDevice): Record<string, CommandHandler> {
  const commands = new IrrigCommands(device);
  return {
    set_relay: (req, reply) => commands.setRelay(req, reply),
    run_pump: (req, reply) => commands.runPump(req, reply),
    state: (req, reply) => commands.state(req, reply),
  };
}

class IrrigCommands {
  constructor(private readonly device: IrrigDevice) {}

  setRelay(req: CommandRequest, reply: CommandReply): void {
    const name = actuatorOf(req.channel);
    if (!name) {
      return reply.send(
        req.channel === 'storage_state' ? unsupported() : failure('relay_channel_not_found'),
      );
    }
    const request = relayRequest(name, req.params);
    if (!request) return reply.send(failure('invalid_params', 'Invalid set_relay parameters'));
    if (!request.state) return this.switchOff(name, reply);
    if (this.device.estopPressed) return reply.send(estopActive());
    if (request.durationMs !== undefined) return this.timedOn(name, request.durationMs, reply);
    this.latchOn(request, req.cmdId, reply);
  }

  runPump(req: CommandRequest, reply: CommandReply): void {
    if (actuatorOf(req.channel) !== 'pump_main') return reply.send(unsupported());
    const durationMs = positiveInt(req.params.duration_ms);
    if (durationMs === undefined || durationMs > IRRIG_RUN_PUMP_MAX_MS) {
      return reply.send(failure('invalid_params', 'duration_ms must be an integer 1..3600000'));
    }
    if (this.device.estopPressed) return reply.send(estopActive());
    this.timedOn('pump_main', durationMs, reply);
  }

  state(req: CommandRequest, reply: CommandReply): void {
    if (req.channel !== 'storage_state') return reply.send(unsupported());
    reply.send(
      done({
        snapshot: this.device.snapshot(),
        state: this.device.legacyState(),
        sample_ts: this.device.ctx.nodeClock.unixS(),
        age_sec: 0,
        max_age_sec: 30,
        is_fresh: true,
      }),
    );
  }

  private latchOn(request: RelayRequest, cmdId: string, reply: CommandReply): void {
    const { outputs } = this.device;
    const { name, stage } = request;
    const blocked =
      name === 'pump_main' && !outputs.state.pump_main ? this.pumpBlocked() : undefined;
    if (blocked) return reply.send(blocked);
    outputs.keep(name, done({ channel: name, state: true, reason_code: 'superseded_by_command' }));
    const changed = outputs.set(name, true);
    if (stage) this.device.armStage(stage.stage, stage.timeoutMs, cmdId, reply);
    const details: Record<string, unknown> = { state: true };
    if (!changed) details.note = SAME_STATE_NOTE;
    if (stage) Object.assign(details, { stage: stage.stage, timeout_ms: stage.timeoutMs });
    reply.send(done(details));
  }

  /** ACK, then the output runs for the (clipped) duration and the terminal DONE follows. */
  private timedOn(name: WaterActuator, requestedMs: number, reply: CommandReply): void {
    const { outputs } = this.device;
    if (outputs.state[name]) {
      return reply.send(failure('transient_requires_idle_state', `${name} is already on`));
    }
    const { durationMs } = clipDuration(requestedMs, this.limits(name).maxDurationMs);
    const blocked = name === 'pump_main' ? this.pumpBlocked(durationMs) : undefined;
    if (blocked) return reply.send(blocked);
    reply.send(ack({ channel: name, state: true, duration_ms: durationMs }));
    outputs.pulse(name, durationMs, reply);
  }

  private switchOff(name: WaterActuator, reply: CommandReply): void {
    const armed = name === 'pump_main' ? this.device.takeStage() : undefined;
    const settle = done({ channel: name, state: false, reason_code: 'stopped_by_command' });
    const wasOn = this.device.outputs.off(name, settle);
    reply.send(done(wasOn ? { state: false } : { state: false, note: SAME_STATE_NOTE }));
    // The arm command already got its DONE; this extra one tells the backend why the stage ended.
    armed?.reply.send(
      done({ channel: 'pump_main', state: false, reason_code: 'stage_stopped_by_command' }),
    );
  }

  /** Why the pump may not start now: no flow path (unless a short dry run) or its cooldown. */
  private pumpBlocked(durationMs?: number): ResponseBody | undefined {
    const { outputs } = this.device;
    const dryRun = durationMs !== undefined && durationMs <= DRY_RUN_MAX_MS;
    if (!this.device.plumbing.pumpInterlockOk(outputs.state) && !dryRun) {
      return failure(
        'pump_interlock_blocked',
        'Pump needs an open supply and an open outlet valve',
      );
    }
    const cooldownMs = outputs.pumpCooldownMs(this.limits('pump_main').minOffMs);
    return cooldownMs > 0
      ? failure('cooldown_active', `Pump cooldown, ${cooldownMs} ms left`)
      : undefined;
  }

  private limits(name: WaterActuator) {
    return pumpLimits(this.device.ctx.channel(name));
  }
}
