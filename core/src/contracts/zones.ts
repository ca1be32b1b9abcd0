import { z } from 'zod';
import { CycleViewSchema } from './cycles.js';
import {
  DescriptionSchema,
  IdSchema,
  IsoTimeSchema,
  NameSchema,
  TimeOfDaySchema,
  UidSchema,
} from './domain-fields.js';
import { CatchUpPolicySchema, ZoneSchedulesSchema } from './schedule.js';

/** Zones (reference-domain §2.1, §8.1; reference-backend-ui §2.3). */

export const CONTROL_MODES = ['auto', 'semi', 'manual'] as const;
export const ControlModeSchema = z.enum(CONTROL_MODES);
export type ControlMode = z.infer<typeof ControlModeSchema>;

export const ZONE_TOPOLOGIES = ['two_tank', 'single_tank'] as const;
export const ZoneTopologySchema = z.enum(ZONE_TOPOLOGIES);
export type ZoneTopology = z.infer<typeof ZoneTopologySchema>;

const Pct = z.number().min(0).max(100);
const AirTemp = z.number().min(-20).max(60);

/**
 * Zone overrides of the recipe phase for irrigation, lighting and climate (merge step 4 of
 * reference-domain §3.4), plus the tank volumes. Chemistry (pH, EC) has no zone override: it
 * comes only from the phase. `enabled: false` tells automation to skip that subsystem.
 */
export const ZoneSettingsSchema = z.strictObject({
  irrigation: z
    .strictObject({
      enabled: z.boolean().optional(),
      mode: z.enum(['SUBSTRATE', 'RECIRC']).optional(),
      interval_sec: z.int().min(60).max(86_400).optional(),
      duration_sec: z.int().min(1).max(3_600).optional(),
      /** `task` runs every scheduled irrigation; `smart_soil_v1` decides by soil moisture. */
      strategy: z.enum(['task', 'smart_soil_v1']).optional(),
      /** The substrate's moisture band for `smart_soil_v1`, % (min below max). */
      soil_moisture_min_pct: Pct.optional(),
      soil_moisture_max_pct: Pct.optional(),
    })
    .refine(
      (i) =>
        i.soil_moisture_min_pct === undefined ||
        i.soil_moisture_max_pct === undefined ||
        i.soil_moisture_min_pct < i.soil_moisture_max_pct,
      { message: 'soil_moisture_min_pct must be below soil_moisture_max_pct' },
    )
    .optional(),
  lighting: z
    .strictObject({
      enabled: z.boolean().optional(),
      photoperiod_hours: z.number().min(0).max(24).optional(),
      start_time: TimeOfDaySchema.optional(),
      /** A dimmable light's duty while on, % (100 unless set; a relay light is just on). */
      brightness_pct: Pct.optional(),
    })
    .optional(),
  climate: z
    .strictObject({
      enabled: z.boolean().optional(),
      temp_air_day: AirTemp.optional(),
      temp_air_night: AirTemp.optional(),
      humidity_day: Pct.optional(),
      humidity_night: Pct.optional(),
    })
    .optional(),
  tanks: z
    .strictObject({
      clean_volume_l: z.number().positive().max(100_000).optional(),
      solution_volume_l: z.number().positive().max(100_000).optional(),
    })
    .optional(),
  /** The zone's own schedule items (reference-domain §7.1 manual schedules). */
  schedules: ZoneSchedulesSchema.optional(),
  /** Catch-up after downtime for time schedules without their own (default replay_limited). */
  catch_up: CatchUpPolicySchema.optional(),
});
export type ZoneSettings = z.infer<typeof ZoneSettingsSchema>;

export const CreateZoneRequestSchema = z.strictObject({
  greenhouse_id: IdSchema,
  /** Generated from the name when left out. */
  uid: UidSchema.optional(),
  name: NameSchema,
  description: DescriptionSchema.default(null),
  control_mode: ControlModeSchema.default('auto'),
  topology: ZoneTopologySchema.default('two_tank'),
  settings: ZoneSettingsSchema.default({}),
});
export type CreateZoneRequest = z.infer<typeof CreateZoneRequestSchema>;

/** PATCH /api/zones/{id}; `settings` replaces the stored document whole. */
export const UpdateZoneRequestSchema = z.strictObject({
  name: NameSchema.optional(),
  description: DescriptionSchema.optional(),
  topology: ZoneTopologySchema.optional(),
  settings: ZoneSettingsSchema.optional(),
});
export type UpdateZoneRequest = z.infer<typeof UpdateZoneRequestSchema>;

/** PATCH /api/zones/{id}/control-mode. An operator may only switch to manual, with a reason. */
export const ControlModeRequestSchema = z.strictObject({
  control_mode: ControlModeSchema,
  reason: z.string().trim().min(3).max(500).optional(),
});

/** GET /api/zones */
export const ZoneListQuerySchema = z.object({
  greenhouse_id: z.coerce.number().pipe(IdSchema).optional(),
});

export const ZoneViewSchema = z.object({
  id: z.number().int(),
  uid: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  greenhouse_id: z.number().int(),
  greenhouse_uid: z.string(),
  control_mode: ControlModeSchema,
  /** Written by automation (idle until it runs the zone). */
  workflow_phase: z.string(),
  topology: ZoneTopologySchema,
  settings: ZoneSettingsSchema,
  created_at: IsoTimeSchema,
  updated_at: IsoTimeSchema,
});
export type ZoneView = z.infer<typeof ZoneViewSchema>;

export const ZoneDetailSchema = ZoneViewSchema.extend({
  nodes: z.array(
    z.object({
      id: z.number().int(),
      uid: z.string(),
      name: z.string().nullable(),
      type: z.string(),
      status: z.enum(['online', 'offline']),
    }),
  ),
  active_cycle: CycleViewSchema.nullable(),
});
export type ZoneDetail = z.infer<typeof ZoneDetailSchema>;

const Band = z.object({ target: z.number(), min: z.number(), max: z.number() });

/**
 * GET /api/zones/{id}/effective-targets: what automation should hold now. Chemistry comes only
 * from the running cycle's current phase (null without one: correction fails closed);
 * irrigation, lighting and climate are the phase's values with the zone's overrides on top.
 */
export const EffectiveTargetsSchema = z.object({
  zone_id: z.number().int(),
  cycle_id: z.number().int().nullable(),
  phase: z
    .object({
      phase_index: z.number().int(),
      name: z.string(),
      started_at: IsoTimeSchema.nullable(),
    })
    .nullable(),
  /** Day or night by the greenhouse's local time (day/night window, else the light window). */
  period: z.enum(['day', 'night']),
  ph: Band.nullable(),
  ec: Band.nullable(),
  nutrition: z
    .object({
      ratios_pct: z.object({
        npk: z.number().nullable(),
        calcium: z.number().nullable(),
        magnesium: z.number().nullable(),
        micro: z.number().nullable(),
      }),
      product_ids: z.object({
        npk: z.number().int().nullable(),
        calcium: z.number().int().nullable(),
        magnesium: z.number().int().nullable(),
        micro: z.number().int().nullable(),
      }),
    })
    .nullable(),
  irrigation: z.object({
    enabled: z.boolean(),
    mode: z.enum(['SUBSTRATE', 'RECIRC']).nullable(),
    interval_sec: z.number().int().nullable(),
    duration_sec: z.number().int().nullable(),
  }),
  lighting: z.object({
    enabled: z.boolean(),
    photoperiod_hours: z.number().nullable(),
    start_time: z.string().nullable(),
  }),
  climate: z.object({
    enabled: z.boolean(),
    temp_air_day: z.number().nullable(),
    temp_air_night: z.number().nullable(),
    humidity_day: z.number().nullable(),
    humidity_night: z.number().nullable(),
    /** The day or night value for the current period. */
    temp_air_target: z.number().nullable(),
    humidity_target: z.number().nullable(),
  }),
  tanks: z.object({
    clean_volume_l: z.number().nullable(),
    solution_volume_l: z.number().nullable(),
  }),
  /** Settings paths the zone overrode, e.g. `irrigation.interval_sec`. */
  overridden: z.array(z.string()),
  computed_at: IsoTimeSchema,
});
export type EffectiveTargets = z.infer<typeof EffectiveTargetsSchema>;
