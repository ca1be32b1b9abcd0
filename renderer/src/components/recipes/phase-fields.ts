import { NUTRIENT_COMPONENTS } from '@contracts/catalog.js';
import { ratioField, type PhaseField } from './phase-form';

/** How the phase editor lays out its fields: groups of labelled inputs. */
export interface FieldSpec {
  field: PhaseField;
  kind: 'number' | 'time' | 'irrigationMode';
  /** Shown value = stored value / scale (the interval is stored in seconds, typed in minutes). */
  scale?: number;
  step?: number;
  precision?: number;
  /** Takes a whole row (a select whose options need the width). */
  wide?: boolean;
}

export interface FieldGroup {
  key: 'chemistry' | 'nutrients' | 'light' | 'irrigation' | 'climate' | 'duration';
  /** Inputs per row: min, target and max side by side. */
  columns: 2 | 3;
  fields: FieldSpec[];
}

const num = (field: PhaseField, step = 1, precision = 0): FieldSpec => ({
  field,
  kind: 'number',
  step,
  precision,
});

export const PHASE_GROUPS: readonly FieldGroup[] = [
  {
    key: 'chemistry',
    columns: 3,
    fields: [
      num('ph_min', 0.1, 2),
      num('ph_target', 0.1, 2),
      num('ph_max', 0.1, 2),
      num('ec_min', 0.1, 2),
      num('ec_target', 0.1, 2),
      num('ec_max', 0.1, 2),
    ],
  },
  {
    key: 'nutrients',
    columns: 2,
    fields: NUTRIENT_COMPONENTS.map((c) => num(ratioField(c), 1, 1)),
  },
  {
    key: 'duration',
    columns: 2,
    fields: [num('duration_days', 1, 2), num('duration_hours', 1, 2)],
  },
  {
    key: 'light',
    columns: 2,
    fields: [
      num('lighting_photoperiod_hours', 0.5, 1),
      { field: 'lighting_start_time', kind: 'time' },
    ],
  },
  {
    key: 'irrigation',
    columns: 2,
    fields: [
      { field: 'irrigation_mode', kind: 'irrigationMode', wide: true },
      { field: 'irrigation_interval_sec', kind: 'number', scale: 60, step: 5, precision: 1 },
      num('irrigation_duration_sec', 10),
    ],
  },
  {
    key: 'climate',
    columns: 2,
    fields: [
      num('temp_air_day', 0.5, 1),
      num('temp_air_night', 0.5, 1),
      num('humidity_day', 1, 0),
      num('humidity_night', 1, 0),
    ],
  },
];
