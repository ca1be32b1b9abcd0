/** Calibration records (reference-domain.md §2.3); times are Unix ms, actors audit strings. */

export interface PumpCalibrationRecord {
  id: number;
  zoneId: number;
  nodeId: number;
  channel: string;
  /** The binding role the channel played when it was calibrated (pump_acid, pump_a, …). */
  role: string;
  mlPerSec: number;
  kMsPerMlL: number | null;
  component: string | null;
  source: 'manual' | 'run';
  isActive: boolean;
  createdAt: number;
  createdBy: string;
}

export type PumpCalibrationInput = Omit<PumpCalibrationRecord, 'id' | 'isActive'>;

export type SensorCalibrationStatus =
  | 'started'
  | 'point_1_pending'
  | 'point_1_done'
  | 'point_2_pending'
  | 'completed'
  | 'failed'
  | 'cancelled';

export interface SensorCalibrationPoint {
  stage: 1 | 2;
  referenceValue: number;
  /** The `calibrate` command that carries this point to the node. */
  cmdId: string;
  status: 'pending' | 'done' | 'failed';
  at: number;
}

export interface SensorCalibrationRecord {
  id: number;
  zoneId: number;
  nodeId: number;
  channel: string;
  role: string;
  sensorType: 'ph' | 'ec';
  status: SensorCalibrationStatus;
  points: SensorCalibrationPoint[];
  error: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
}

export type SensorCalibrationInput = Omit<
  SensorCalibrationRecord,
  'id' | 'status' | 'points' | 'error' | 'updatedAt' | 'completedAt'
>;

export type SensorCalibrationPatch = Pick<SensorCalibrationRecord, 'status' | 'points'> &
  Partial<Pick<SensorCalibrationRecord, 'error' | 'completedAt'>>;

export interface CalibrationRepo {
  /** Store a new active record; the previous active one of that node channel is deactivated. */
  insertPump(input: PumpCalibrationInput): Promise<PumpCalibrationRecord>;
  /** The zone's pump records, newest first (active and history). */
  listPump(zoneId: number): Promise<PumpCalibrationRecord[]>;
  activePump(nodeId: number, channel: string): Promise<PumpCalibrationRecord | null>;
  insertSensor(input: SensorCalibrationInput): Promise<SensorCalibrationRecord>;
  sensorById(id: number): Promise<SensorCalibrationRecord | null>;
  /** The zone's sensor sessions, newest first. */
  listSensor(zoneId: number): Promise<SensorCalibrationRecord[]>;
  /**
   * Apply `patch` only while the session is in one of `from` (so a poll and a cancel racing each
   * other cannot both win). Returns the updated session, or null when it had moved on.
   */
  updateSensor(
    id: number,
    from: SensorCalibrationStatus[],
    patch: SensorCalibrationPatch,
    now: number,
  ): Promise<SensorCalibrationRecord | null>;
}
