import { z } from 'zod';
import { IdSchema, IsoTimeSchema } from './domain-fields.js';

/**
 * Channel role bindings: which node channel plays which role for a zone (reference-domain §1.1,
 * §1.2, reference-backend-ui §2.5). Role names are the reference's canonical channel names, so a
 * node running the reference firmware binds each role to the channel of the same name. The
 * reference's binding list calls the drain valve `drain`; its command plans and the IRR channel
 * map call it `valve_drain`, which is the one name used here.
 */
export const BINDING_ROLES = {
  // pH / EC node: sensors and dosing pumps (pump_a NPK, pump_b calcium, pump_c magnesium, pump_d micro).
  ph_sensor: 'sensor',
  ec_sensor: 'sensor',
  solution_temp_sensor: 'sensor',
  pump_acid: 'actuator',
  pump_base: 'actuator',
  pump_a: 'actuator',
  pump_b: 'actuator',
  pump_c: 'actuator',
  pump_d: 'actuator',
  // Storage-irrigation node: tank level switches, valves and the main pump.
  level_clean_min: 'sensor',
  level_clean_max: 'sensor',
  level_solution_min: 'sensor',
  level_solution_max: 'sensor',
  pump_main: 'actuator',
  valve_clean_fill: 'actuator',
  valve_clean_supply: 'actuator',
  valve_solution_fill: 'actuator',
  valve_solution_supply: 'actuator',
  valve_irrigation: 'actuator',
  valve_drain: 'actuator',
  // Substrate: the soil-moisture decision of smart irrigation.
  soil_moisture_sensor: 'sensor',
  // Zone climate and light.
  temperature_sensor: 'sensor',
  humidity_sensor: 'sensor',
  co2_sensor: 'sensor',
  light_sensor: 'sensor',
  light: 'actuator',
  heater: 'actuator',
  fan: 'actuator',
  humidifier: 'actuator',
  vent: 'actuator',
  co2_actuator: 'actuator',
} as const satisfies Record<string, 'sensor' | 'actuator'>;

export type BindingRole = keyof typeof BINDING_ROLES;
export const BindingRoleSchema = z.enum(
  Object.keys(BINDING_ROLES) as [BindingRole, ...BindingRole[]],
);

/** PUT /api/zones/{id}/bindings/{role} */
export const PutBindingRequestSchema = z.strictObject({
  node_id: IdSchema,
  channel: z.string().min(1).max(64),
});
export type PutBindingRequest = z.infer<typeof PutBindingRequestSchema>;

export const BindingViewSchema = z.object({
  zone_id: z.number().int(),
  role: BindingRoleSchema,
  kind: z.enum(['sensor', 'actuator']),
  node_id: z.number().int(),
  node_uid: z.string(),
  channel: z.string(),
  created_at: IsoTimeSchema,
  updated_at: IsoTimeSchema,
});
export type BindingView = z.infer<typeof BindingViewSchema>;
