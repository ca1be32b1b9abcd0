import type { PumpCalibrationView, SensorCalibrationView } from '../contracts/calibration.js';
import type {
  PumpCalibrationRecord,
  SensorCalibrationRecord,
} from '../storage/calibration-types.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function pumpCalibrationView(r: PumpCalibrationRecord): PumpCalibrationView {
  return {
    id: r.id,
    zone_id: r.zoneId,
    node_id: r.nodeId,
    channel: r.channel,
    role: r.role,
    ml_per_sec: r.mlPerSec,
    k_ms_per_ml_l: r.kMsPerMlL,
    component: r.component,
    source: r.source,
    is_active: r.isActive,
    created_at: iso(r.createdAt),
    created_by: r.createdBy,
  };
}

export function sensorCalibrationView(r: SensorCalibrationRecord): SensorCalibrationView {
  return {
    id: r.id,
    zone_id: r.zoneId,
    node_id: r.nodeId,
    channel: r.channel,
    role: r.role,
    sensor_type: r.sensorType,
    status: r.status,
    points: r.points.map((p) => ({
      stage: p.stage,
      reference_value: p.referenceValue,
      cmd_id: p.cmdId,
      status: p.status,
      at: iso(p.at),
    })),
    error: r.error,
    created_by: r.createdBy,
    created_at: iso(r.createdAt),
    updated_at: iso(r.updatedAt),
    completed_at: r.completedAt === null ? null : iso(r.completedAt),
  };
}
