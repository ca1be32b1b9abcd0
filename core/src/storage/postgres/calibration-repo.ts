import type pg from 'pg';
import type {
  CalibrationRepo,
  PumpCalibrationInput,
  PumpCalibrationRecord,
  SensorCalibrationInput,
  SensorCalibrationPatch,
  SensorCalibrationRecord,
  SensorCalibrationStatus,
} from '../calibration-types.js';
import { inTransaction } from './pool.js';
import { selectList } from './rows.js';

const PUMP_COLUMNS = selectList<PumpCalibrationRecord>({
  id: true,
  zoneId: true,
  nodeId: true,
  channel: true,
  role: true,
  mlPerSec: true,
  kMsPerMlL: true,
  component: true,
  source: true,
  isActive: true,
  createdAt: true,
  createdBy: true,
});

const SENSOR_COLUMNS = selectList<SensorCalibrationRecord>({
  id: true,
  zoneId: true,
  nodeId: true,
  channel: true,
  role: true,
  sensorType: true,
  status: true,
  points: true,
  error: true,
  createdBy: true,
  createdAt: true,
  updatedAt: true,
  completedAt: true,
});

export class PostgresCalibrationRepo implements CalibrationRepo {
  constructor(private readonly pool: pg.Pool) {}

  async insertPump(input: PumpCalibrationInput): Promise<PumpCalibrationRecord> {
    // One transaction: the unique partial index allows a single active row per node channel.
    return inTransaction(this.pool, async (client) => {
      await client.query(
        'UPDATE pump_calibrations SET is_active = false WHERE node_id = $1 AND channel = $2 AND is_active',
        [input.nodeId, input.channel],
      );
      const result = await client.query<PumpCalibrationRecord>(
        `INSERT INTO pump_calibrations (zone_id, node_id, channel, role, ml_per_sec, k_ms_per_ml_l,
           component, source, is_active, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true, $9, $10) RETURNING ${PUMP_COLUMNS}`,
        [
          input.zoneId,
          input.nodeId,
          input.channel,
          input.role,
          input.mlPerSec,
          input.kMsPerMlL,
          input.component,
          input.source,
          input.createdAt,
          input.createdBy,
        ],
      );
      return result.rows[0]!;
    });
  }

  async listPump(zoneId: number): Promise<PumpCalibrationRecord[]> {
    const result = await this.pool.query<PumpCalibrationRecord>(
      `SELECT ${PUMP_COLUMNS} FROM pump_calibrations WHERE zone_id = $1 ORDER BY id DESC`,
      [zoneId],
    );
    return result.rows;
  }

  async activePump(nodeId: number, channel: string): Promise<PumpCalibrationRecord | null> {
    const result = await this.pool.query<PumpCalibrationRecord>(
      `SELECT ${PUMP_COLUMNS} FROM pump_calibrations
       WHERE node_id = $1 AND channel = $2 AND is_active`,
      [nodeId, channel],
    );
    return result.rows[0] ?? null;
  }

  async insertSensor(input: SensorCalibrationInput): Promise<SensorCalibrationRecord> {
    const result = await this.pool.query<SensorCalibrationRecord>(
      `INSERT INTO sensor_calibrations (zone_id, node_id, channel, role, sensor_type, status,
         points, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'started', '[]', $6, $7, $7) RETURNING ${SENSOR_COLUMNS}`,
      [
        input.zoneId,
        input.nodeId,
        input.channel,
        input.role,
        input.sensorType,
        input.createdBy,
        input.createdAt,
      ],
    );
    return result.rows[0]!;
  }

  async sensorById(id: number): Promise<SensorCalibrationRecord | null> {
    const result = await this.pool.query<SensorCalibrationRecord>(
      `SELECT ${SENSOR_COLUMNS} FROM sensor_calibrations WHERE id = $1`,
      [id],
    );
    return result.rows[0] ?? null;
  }

  async listSensor(zoneId: number): Promise<SensorCalibrationRecord[]> {
    const result = await this.pool.query<SensorCalibrationRecord>(
      `SELECT ${SENSOR_COLUMNS} FROM sensor_calibrations WHERE zone_id = $1 ORDER BY id DESC`,
      [zoneId],
    );
    return result.rows;
  }

  async updateSensor(
    id: number,
    from: SensorCalibrationStatus[],
    patch: SensorCalibrationPatch,
    now: number,
  ): Promise<SensorCalibrationRecord | null> {
    // points goes as JSON text: pg would turn a JS array into a PostgreSQL array.
    const result = await this.pool.query<SensorCalibrationRecord>(
      `UPDATE sensor_calibrations
       SET status = $1, points = $2::jsonb, error = COALESCE($3, error),
           completed_at = COALESCE($4, completed_at), updated_at = $5
       WHERE id = $6 AND status = ANY($7::text[]) RETURNING ${SENSOR_COLUMNS}`,
      [
        patch.status,
        JSON.stringify(patch.points),
        patch.error ?? null,
        patch.completedAt ?? null,
        now,
        id,
        from,
      ],
    );
    return result.rows[0] ?? null;
  }
}
