import { z } from 'zod';
import {
  PumpCalibrationViewSchema,
  PumpRunStartedSchema,
  SensorCalibrationViewSchema,
  type PumpCalibrationView,
  type SensorCalibrationView,
} from '@contracts/calibration.js';
import type { BindingRole } from '@contracts/bindings.js';
import { getData, sendData } from './http.js';

/** Pump and pH/EC probe calibration of a zone's bound channels (reference-backend-ui §2.10). */

export type SensorRole = 'ph_sensor' | 'ec_sensor';

export function fetchPumpCalibrations(zoneId: number): Promise<PumpCalibrationView[]> {
  return getData(`/api/zones/${zoneId}/pump-calibrations`, z.array(PumpCalibrationViewSchema));
}

export function fetchSensorCalibrations(zoneId: number): Promise<SensorCalibrationView[]> {
  return getData(`/api/zones/${zoneId}/sensor-calibrations`, z.array(SensorCalibrationViewSchema));
}

/** Step 1 of a pump calibration: the pump runs for `durationSec`; measure what it delivers. */
export function startPumpRun(zoneId: number, role: BindingRole, durationSec: number) {
  return sendData(
    'POST',
    `/api/zones/${zoneId}/calibrate-pump`,
    { role, duration_sec: durationSec },
    PumpRunStartedSchema,
  );
}

/** Step 2: the measured volume; the core stores ml/s once the run command is DONE. */
export function finishPumpRun(
  zoneId: number,
  runToken: string,
  actualMl: number,
): Promise<PumpCalibrationView> {
  return sendData(
    'POST',
    `/api/zones/${zoneId}/calibrate-pump`,
    { run_token: runToken, actual_ml: actualMl },
    PumpCalibrationViewSchema,
  );
}

export function startSensorCalibration(
  zoneId: number,
  role: SensorRole,
): Promise<SensorCalibrationView> {
  return sendData(
    'POST',
    `/api/zones/${zoneId}/sensor-calibrations`,
    { role },
    SensorCalibrationViewSchema,
  );
}

/** One reference point: pH units for a pH probe, TDS ppm for an EC probe. */
export function sendSensorPoint(
  zoneId: number,
  sessionId: number,
  stage: 1 | 2,
  referenceValue: number,
): Promise<SensorCalibrationView> {
  return sendData(
    'POST',
    `/api/zones/${zoneId}/sensor-calibrations/${sessionId}/point`,
    { stage, reference_value: referenceValue },
    SensorCalibrationViewSchema,
  );
}

export function cancelSensorCalibration(
  zoneId: number,
  sessionId: number,
): Promise<SensorCalibrationView> {
  return sendData(
    'POST',
    `/api/zones/${zoneId}/sensor-calibrations/${sessionId}/cancel`,
    undefined,
    SensorCalibrationViewSchema,
  );
}
