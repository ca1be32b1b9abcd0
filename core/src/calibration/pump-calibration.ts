import { randomUUID } from 'node:crypto';
import type { CommandGateway } from '../devices/command-gateway.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../domain/errors.js';
import type { Clock } from '../runtime/clock.js';
import type { PumpCalibrationRecord } from '../storage/calibration-types.js';
import type { Storage } from '../storage/storage.js';
import { boundChannel, isPumpRole, type BoundChannel } from './zone-channels.js';

export interface CalibrationDeps {
  storage: () => Storage;
  commands: () => CommandGateway;
  clock: Clock;
}

interface PumpRun {
  zoneId: number;
  target: BoundChannel;
  cmdId: string;
  durationSec: number;
}

/** How long a started run waits for its measured volume before the token is forgotten. */
const RUN_TOKEN_TTL_MS = 60 * 60_000;

/**
 * Pump calibration (reference-backend-ui §2.10): a value typed in, or a timed run of the pump
 * whose delivered volume the user measures and reports. Either way a new record replaces the
 * active one of that channel. Run tokens live in memory: a restart between the two steps means
 * running the pump again, which is what a user would have to do after an outage anyway.
 */
export class PumpCalibrationService {
  private readonly runs = new Map<string, PumpRun & { startedAt: number }>();

  constructor(private readonly deps: CalibrationDeps) {}

  async list(zoneId: number): Promise<PumpCalibrationRecord[]> {
    const storage = this.deps.storage();
    if (!(await storage.zones.byId(zoneId))) throw new NotFoundError('zone', zoneId);
    return storage.calibrations.listPump(zoneId);
  }

  async put(
    zoneId: number,
    role: string,
    input: { mlPerSec: number; kMsPerMlL: number | null; component: string | null },
    actor: string,
  ): Promise<PumpCalibrationRecord> {
    const target = await boundChannel(this.deps.storage(), zoneId, role, isPumpRole, false);
    return this.store(zoneId, target, { ...input, source: 'manual' }, actor);
  }

  /** Step 1: run the pump for `durationSec` through the command gateway. */
  async startRun(
    zoneId: number,
    role: string,
    durationSec: number,
    actor: string,
  ): Promise<{ runToken: string; cmdId: string }> {
    const target = await boundChannel(this.deps.storage(), zoneId, role, isPumpRole, true);
    const { command } = await this.deps.commands().send({
      nodeId: target.node.id,
      channel: target.channel,
      // The timed run every pump channel accepts: ACK, then DONE when the pump stops (§6).
      cmd: 'run_pump',
      params: { duration_ms: durationSec * 1000 },
      source: `calibration:${actor}`,
    });
    const now = this.deps.clock.now();
    this.forgetExpired(now);
    const runToken = randomUUID();
    this.runs.set(runToken, { zoneId, target, cmdId: command.cmdId, durationSec, startedAt: now });
    await this.audit(actor, 'pump_calibration.run', zoneId, {
      role,
      cmd_id: command.cmdId,
      duration_sec: durationSec,
    });
    return { runToken, cmdId: command.cmdId };
  }

  /** Step 2: the measured volume; accepted only once the run command is DONE. */
  async finishRun(
    zoneId: number,
    runToken: string,
    actualMl: number,
    actor: string,
  ): Promise<PumpCalibrationRecord> {
    const run = this.runs.get(runToken);
    if (!run || run.zoneId !== zoneId) throw new NotFoundError('pump_calibration_run', runToken);
    const command = await this.deps.storage().commands.byCmdId(run.cmdId);
    if (command?.status !== 'DONE')
      throw new ConflictError(
        'calibration_run_not_done',
        `The run command ${run.cmdId} is ${command?.status ?? 'missing'}, not DONE`,
      );
    const mlPerSec = actualMl / run.durationSec;
    if (mlPerSec < 0.01 || mlPerSec > 100)
      throw new UnprocessableError(
        'calibration_out_of_range',
        `${actualMl} ml in ${run.durationSec} s is ${mlPerSec} ml/s, outside 0.01–100`,
      );
    this.runs.delete(runToken);
    return this.store(
      zoneId,
      run.target,
      { mlPerSec, kMsPerMlL: null, component: null, source: 'run' },
      actor,
    );
  }

  private async store(
    zoneId: number,
    target: BoundChannel,
    input: Pick<PumpCalibrationRecord, 'mlPerSec' | 'kMsPerMlL' | 'component' | 'source'>,
    actor: string,
  ): Promise<PumpCalibrationRecord> {
    const record = await this.deps.storage().calibrations.insertPump({
      zoneId,
      nodeId: target.node.id,
      channel: target.channel,
      role: target.role,
      ...input,
      createdAt: this.deps.clock.now(),
      createdBy: actor,
    });
    await this.audit(actor, 'pump_calibration.create', zoneId, {
      role: target.role,
      node_id: target.node.id,
      channel: target.channel,
      ml_per_sec: record.mlPerSec,
      source: record.source,
    });
    return record;
  }

  private forgetExpired(now: number): void {
    for (const [token, run] of this.runs)
      if (now - run.startedAt > RUN_TOKEN_TTL_MS) this.runs.delete(token);
  }

  private audit(actor: string, action: string, zoneId: number, diff: Record<string, unknown>) {
    return this.deps.storage().audit.insert({
      actor,
      action,
      targetType: 'zone',
      targetId: zoneId,
      diff,
      at: this.deps.clock.now(),
    });
  }
}
