import { isTerminalCommandStatus } from '../contracts/mqtt/enums.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import type {
  SensorCalibrationPoint,
  SensorCalibrationRecord,
  SensorCalibrationStatus,
} from '../storage/calibration-types.js';
import type { CalibrationDeps } from './pump-calibration.js';
import { boundChannel } from './zone-channels.js';

const OPEN: SensorCalibrationStatus[] = [
  'started',
  'point_1_pending',
  'point_1_done',
  'point_2_pending',
];
/** The status a point may be sent from, and the one it moves to while the node works. */
const STAGE_FLOW = {
  1: { from: 'started', pending: 'point_1_pending', done: 'point_1_done' },
  2: { from: 'point_1_done', pending: 'point_2_pending', done: 'completed' },
} as const;

/**
 * Two-point pH/EC probe calibration sessions (reference-backend-ui §2.10): each point is the
 * node's `calibrate` command, and the session moves on when that command is DONE (any other
 * terminal status fails it). Progress is read from the command store whenever a session is read,
 * so nothing has to wait on the node inside a request.
 */
export class SensorCalibrationService {
  constructor(private readonly deps: CalibrationDeps) {}

  async list(zoneId: number): Promise<SensorCalibrationRecord[]> {
    const storage = this.deps.storage();
    if (!(await storage.zones.byId(zoneId))) throw new NotFoundError('zone', zoneId);
    const sessions = await storage.calibrations.listSensor(zoneId);
    return Promise.all(sessions.map((s) => this.refresh(s)));
  }

  async create(
    zoneId: number,
    role: 'ph_sensor' | 'ec_sensor',
    actor: string,
  ): Promise<SensorCalibrationRecord> {
    const target = await boundChannel(this.deps.storage(), zoneId, role, (r) => r === role, true);
    const session = await this.deps.storage().calibrations.insertSensor({
      zoneId,
      nodeId: target.node.id,
      channel: target.channel,
      role,
      sensorType: role === 'ph_sensor' ? 'ph' : 'ec',
      createdBy: actor,
      createdAt: this.deps.clock.now(),
    });
    await this.audit(actor, 'sensor_calibration.start', zoneId, { id: session.id, role });
    return session;
  }

  /** Send one reference point to the node (pH units for pH, TDS ppm for EC). */
  async point(
    zoneId: number,
    id: number,
    stage: 1 | 2,
    referenceValue: number,
    actor: string,
  ): Promise<SensorCalibrationRecord> {
    const session = await this.session(zoneId, id);
    const flow = STAGE_FLOW[stage];
    if (session.status !== flow.from)
      throw new ConflictError(
        'sensor_calibration_invalid_state',
        `Point ${stage} needs the session ${flow.from}; it is ${session.status}`,
      );
    // The node must answer now, whatever it did when the session started.
    await boundChannel(this.deps.storage(), zoneId, session.role, (r) => r === session.role, true);
    const params =
      session.sensorType === 'ph'
        ? { stage, known_ph: referenceValue }
        : { stage, tds_value: referenceValue };
    const { command } = await this.deps.commands().send({
      nodeId: session.nodeId,
      channel: session.channel,
      cmd: 'calibrate',
      params,
      source: `calibration:${actor}`,
    });
    const point: SensorCalibrationPoint = {
      stage,
      referenceValue,
      cmdId: command.cmdId,
      status: 'pending',
      at: this.deps.clock.now(),
    };
    const moved = await this.deps
      .storage()
      .calibrations.updateSensor(
        id,
        [flow.from],
        { status: flow.pending, points: [...session.points, point] },
        this.deps.clock.now(),
      );
    if (!moved)
      throw new ConflictError('sensor_calibration_invalid_state', `Session ${id} moved on`);
    await this.audit(actor, 'sensor_calibration.point', zoneId, {
      id,
      stage,
      reference_value: referenceValue,
      cmd_id: command.cmdId,
    });
    return this.refresh(moved);
  }

  async cancel(zoneId: number, id: number, actor: string): Promise<SensorCalibrationRecord> {
    const session = await this.session(zoneId, id);
    const cancelled = await this.deps
      .storage()
      .calibrations.updateSensor(
        id,
        OPEN,
        { status: 'cancelled', points: session.points },
        this.deps.clock.now(),
      );
    if (!cancelled)
      throw new ConflictError(
        'sensor_calibration_invalid_state',
        `Session ${id} is already ${session.status}`,
      );
    await this.audit(actor, 'sensor_calibration.cancel', zoneId, { id });
    return cancelled;
  }

  private async session(zoneId: number, id: number): Promise<SensorCalibrationRecord> {
    const found = await this.deps.storage().calibrations.sensorById(id);
    if (!found || found.zoneId !== zoneId) throw new NotFoundError('sensor_calibration', id);
    return this.refresh(found);
  }

  /** Move a pending point on when its command has finished. */
  private async refresh(session: SensorCalibrationRecord): Promise<SensorCalibrationRecord> {
    if (session.status !== 'point_1_pending' && session.status !== 'point_2_pending')
      return session;
    const last = session.points.at(-1)!;
    const command = await this.deps.storage().commands.byCmdId(last.cmdId);
    if (!command || !isTerminalCommandStatus(command.status)) return session;
    const ok = command.status === 'DONE';
    const now = this.deps.clock.now();
    const points = [
      ...session.points.slice(0, -1),
      { ...last, status: ok ? ('done' as const) : ('failed' as const) },
    ];
    const next = ok ? STAGE_FLOW[last.stage].done : 'failed';
    const moved = await this.deps.storage().calibrations.updateSensor(
      session.id,
      [session.status],
      {
        status: next,
        points,
        ...(ok ? {} : { error: `${command.status}: ${command.errorMessage ?? command.errorCode}` }),
        ...(next === 'completed' || next === 'failed' ? { completedAt: now } : {}),
      },
      now,
    );
    // Another reader moved it first: theirs is the stored state.
    return moved ?? (await this.deps.storage().calibrations.sensorById(session.id))!;
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
