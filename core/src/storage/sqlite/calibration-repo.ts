import type { Database } from 'better-sqlite3';
import type {
  CalibrationRepo,
  PumpCalibrationInput,
  PumpCalibrationRecord,
  SensorCalibrationInput,
  SensorCalibrationPatch,
  SensorCalibrationPoint,
  SensorCalibrationRecord,
  SensorCalibrationStatus,
} from '../calibration-types.js';

interface PumpRow {
  id: number;
  zone_id: number;
  node_id: number;
  channel: string;
  role: string;
  ml_per_sec: number;
  k_ms_per_ml_l: number | null;
  component: string | null;
  source: 'manual' | 'run';
  is_active: number;
  created_at: number;
  created_by: string;
}

interface SensorRow {
  id: number;
  zone_id: number;
  node_id: number;
  channel: string;
  role: string;
  sensor_type: 'ph' | 'ec';
  status: SensorCalibrationStatus;
  points: string;
  error: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
}

const pumpRecord = (r: PumpRow): PumpCalibrationRecord => ({
  id: r.id,
  zoneId: r.zone_id,
  nodeId: r.node_id,
  channel: r.channel,
  role: r.role,
  mlPerSec: r.ml_per_sec,
  kMsPerMlL: r.k_ms_per_ml_l,
  component: r.component,
  source: r.source,
  isActive: r.is_active === 1,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

const sensorRecord = (r: SensorRow): SensorCalibrationRecord => ({
  id: r.id,
  zoneId: r.zone_id,
  nodeId: r.node_id,
  channel: r.channel,
  role: r.role,
  sensorType: r.sensor_type,
  status: r.status,
  points: JSON.parse(r.points) as SensorCalibrationPoint[],
  error: r.error,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  completedAt: r.completed_at,
});

export class SqliteCalibrationRepo implements CalibrationRepo {
  constructor(private readonly db: Database) {}

  async insertPump(input: PumpCalibrationInput): Promise<PumpCalibrationRecord> {
    // One transaction: the unique partial index allows a single active row per node channel.
    const insert = this.db.transaction(() => {
      this.db
        .prepare(
          'UPDATE pump_calibrations SET is_active = 0 WHERE node_id = ? AND channel = ? AND is_active = 1',
        )
        .run(input.nodeId, input.channel);
      return this.db
        .prepare(
          `INSERT INTO pump_calibrations (zone_id, node_id, channel, role, ml_per_sec, k_ms_per_ml_l,
             component, source, is_active, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING *`,
        )
        .get(
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
        ) as PumpRow;
    });
    return pumpRecord(insert());
  }

  async listPump(zoneId: number): Promise<PumpCalibrationRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM pump_calibrations WHERE zone_id = ? ORDER BY id DESC')
      .all(zoneId) as PumpRow[];
    return rows.map(pumpRecord);
  }

  async activePump(nodeId: number, channel: string): Promise<PumpCalibrationRecord | null> {
    const row = this.db
      .prepare(
        'SELECT * FROM pump_calibrations WHERE node_id = ? AND channel = ? AND is_active = 1',
      )
      .get(nodeId, channel) as PumpRow | undefined;
    return row ? pumpRecord(row) : null;
  }

  async insertSensor(input: SensorCalibrationInput): Promise<SensorCalibrationRecord> {
    const row = this.db
      .prepare(
        `INSERT INTO sensor_calibrations (zone_id, node_id, channel, role, sensor_type, status,
           points, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'started', '[]', ?, ?, ?) RETURNING *`,
      )
      .get(
        input.zoneId,
        input.nodeId,
        input.channel,
        input.role,
        input.sensorType,
        input.createdBy,
        input.createdAt,
        input.createdAt,
      ) as SensorRow;
    return sensorRecord(row);
  }

  async sensorById(id: number): Promise<SensorCalibrationRecord | null> {
    const row = this.db.prepare('SELECT * FROM sensor_calibrations WHERE id = ?').get(id) as
      SensorRow | undefined;
    return row ? sensorRecord(row) : null;
  }

  async listSensor(zoneId: number): Promise<SensorCalibrationRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM sensor_calibrations WHERE zone_id = ? ORDER BY id DESC')
      .all(zoneId) as SensorRow[];
    return rows.map(sensorRecord);
  }

  async updateSensor(
    id: number,
    from: SensorCalibrationStatus[],
    patch: SensorCalibrationPatch,
    now: number,
  ): Promise<SensorCalibrationRecord | null> {
    const row = this.db
      .prepare(
        `UPDATE sensor_calibrations
         SET status = ?, points = ?, error = COALESCE(?, error),
             completed_at = COALESCE(?, completed_at), updated_at = ?
         WHERE id = ? AND status IN (${from.map(() => '?').join(', ')}) RETURNING *`,
      )
      .get(
        patch.status,
        JSON.stringify(patch.points),
        patch.error ?? null,
        patch.completedAt ?? null,
        now,
        id,
        ...from,
      ) as SensorRow | undefined;
    return row ? sensorRecord(row) : null;
  }
}
