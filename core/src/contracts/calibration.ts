import { z } from 'zod';
import { BindingRoleSchema } from './bindings.js';
import { IsoTimeSchema } from './domain-fields.js';

/**
 * Pump and sensor calibration (reference-backend-ui §2.10, reference-domain §2.3). Channels are
 * addressed by their binding role in the zone, not by a channel id.
 */

/** The schema's CHECK: ml_per_sec outside 0.01–100 is refused (reference-domain §11 item 11). */
export const MlPerSecSchema = z.number().min(0.01).max(100);

/** PUT /api/zones/{id}/pump-calibrations/{role} */
export const PutPumpCalibrationRequestSchema = z.strictObject({
  ml_per_sec: MlPerSecSchema,
  k_ms_per_ml_l: z.number().positive().nullable().optional(),
  component: z.string().trim().min(1).max(64).nullable().optional(),
});
export type PutPumpCalibrationRequest = z.infer<typeof PutPumpCalibrationRequestSchema>;

export const PumpCalibrationViewSchema = z.object({
  id: z.number().int(),
  zone_id: z.number().int(),
  node_id: z.number().int(),
  channel: z.string(),
  role: z.string(),
  ml_per_sec: z.number(),
  k_ms_per_ml_l: z.number().nullable(),
  component: z.string().nullable(),
  source: z.enum(['manual', 'run']),
  is_active: z.boolean(),
  created_at: IsoTimeSchema,
  created_by: z.string(),
});
export type PumpCalibrationView = z.infer<typeof PumpCalibrationViewSchema>;

/**
 * POST /api/zones/{id}/calibrate-pump, two steps: start a timed run of the pump, then report the
 * volume it delivered (accepted once the run command is DONE).
 */
export const CalibratePumpRequestSchema = z.union([
  z.strictObject({ role: BindingRoleSchema, duration_sec: z.int().min(1).max(60) }),
  z.strictObject({ run_token: z.string().min(1).max(100), actual_ml: z.number().positive() }),
]);
export type CalibratePumpRequest = z.infer<typeof CalibratePumpRequestSchema>;

export const PumpRunStartedSchema = z.object({
  run_token: z.string(),
  cmd_id: z.string(),
  status: z.literal('awaiting_actual_ml'),
});

export const SENSOR_CALIBRATION_STATUSES = [
  'started',
  'point_1_pending',
  'point_1_done',
  'point_2_pending',
  'completed',
  'failed',
  'cancelled',
] as const;

/** POST /api/zones/{id}/sensor-calibrations */
export const CreateSensorCalibrationRequestSchema = z.strictObject({
  role: z.enum(['ph_sensor', 'ec_sensor']),
});

/** POST /api/zones/{id}/sensor-calibrations/{id}/point: pH in pH units, EC as TDS ppm. */
export const SensorCalibrationPointRequestSchema = z.strictObject({
  stage: z.union([z.literal(1), z.literal(2)]),
  reference_value: z.number().min(0).max(10_000),
});

export const SensorCalibrationViewSchema = z.object({
  id: z.number().int(),
  zone_id: z.number().int(),
  node_id: z.number().int(),
  channel: z.string(),
  role: z.string(),
  sensor_type: z.enum(['ph', 'ec']),
  status: z.enum(SENSOR_CALIBRATION_STATUSES),
  points: z.array(
    z.object({
      stage: z.union([z.literal(1), z.literal(2)]),
      reference_value: z.number(),
      cmd_id: z.string(),
      status: z.enum(['pending', 'done', 'failed']),
      at: IsoTimeSchema,
    }),
  ),
  error: z.string().nullable(),
  created_by: z.string(),
  created_at: IsoTimeSchema,
  updated_at: IsoTimeSchema,
  completed_at: IsoTimeSchema.nullable(),
});
export type SensorCalibrationView = z.infer<typeof SensorCalibrationViewSchema>;
