import type { BindingRole } from '../contracts/bindings.js';
import { CreateRecipePhaseRequestSchema } from '../contracts/recipes.js';
import type { Domain } from '../domain/domain.js';
import type { Clock } from '../runtime/clock.js';
import type { ZoneRecord } from '../storage/domain-types.js';
import type { Storage } from '../storage/storage.js';

const ACTOR = 'system:demo';

/**
 * The channel each role is played by on the simulated nodes (the reference firmware's channel
 * names, reference-domain §1.2). A role is bound once the node carrying the channel has joined
 * the zone and reported it.
 */
export const DEMO_ROLE_CHANNELS: Readonly<Partial<Record<BindingRole, readonly string[]>>> = {
  ph_sensor: ['ph_sensor'],
  ec_sensor: ['ec_sensor'],
  solution_temp_sensor: ['solution_temp_c'],
  pump_acid: ['pump_acid'],
  pump_base: ['pump_base'],
  pump_a: ['pump_a'],
  pump_b: ['pump_b'],
  pump_c: ['pump_c'],
  pump_d: ['pump_d'],
  level_clean_min: ['level_clean_min'],
  level_clean_max: ['level_clean_max'],
  level_solution_min: ['level_solution_min'],
  level_solution_max: ['level_solution_max'],
  pump_main: ['pump_main'],
  valve_clean_fill: ['valve_clean_fill'],
  valve_clean_supply: ['valve_clean_supply'],
  valve_solution_fill: ['valve_solution_fill'],
  valve_solution_supply: ['valve_solution_supply'],
  valve_irrigation: ['valve_irrigation'],
  temperature_sensor: ['temperature'],
  humidity_sensor: ['humidity'],
  co2_sensor: ['co2'],
  light_sensor: ['light'],
};

const DOSING_ROLES: ReadonlySet<string> = new Set([
  'pump_acid',
  'pump_base',
  'pump_a',
  'pump_b',
  'pump_c',
  'pump_d',
]);

/**
 * Bind every demo role whose channel a node of the zone has reported and that is not bound yet;
 * a dosing pump also gets a calibration record of the rate its node reports (what a grower
 * would measure with the calibration wizard on a new pump). Returns how many roles are bound.
 */
export async function bindDemoRoles(
  storage: Storage,
  domain: Domain,
  zone: ZoneRecord,
  clock: Clock,
): Promise<number> {
  const bound = new Set((await storage.bindings.listForZone(zone.id)).map((b) => b.role));
  const nodes = (await storage.nodes.list()).filter((n) => n.zoneId === zone.id);
  for (const node of nodes) {
    for (const channel of await storage.nodes.channels(node.id)) {
      const role = roleOf(channel.channel);
      if (!role || bound.has(role)) continue;
      await domain.bindings.put(
        zone.id,
        role,
        { node_id: node.id, channel: channel.channel },
        ACTOR,
      );
      bound.add(role);
      const mlPerSec = channel.config.ml_per_second;
      if (DOSING_ROLES.has(role) && typeof mlPerSec === 'number') {
        await storage.calibrations.insertPump({
          zoneId: zone.id,
          nodeId: node.id,
          channel: channel.channel,
          role,
          mlPerSec,
          kMsPerMlL: null,
          component: null,
          source: 'manual',
          createdAt: clock.now(),
          createdBy: ACTOR,
        });
      }
    }
  }
  return bound.size;
}

function roleOf(channel: string): BindingRole | null {
  for (const [role, channels] of Object.entries(DEMO_ROLE_CHANNELS))
    if (channels.includes(channel)) return role as BindingRole;
  return null;
}

/** One phase of a demo recipe: its length and the targets that change between phases. */
export interface DemoPhase {
  name: string;
  days: number;
  ph: number;
  ec: number;
  light: number;
}

/** Lettuce: a week of seedlings, three weeks of growth. */
export const DEMO_PHASES: readonly DemoPhase[] = [
  { name: 'Seedling', days: 7, ph: 5.8, ec: 1.2, light: 16 },
  { name: 'Vegetative', days: 21, ph: 6.0, ec: 1.6, light: 16 },
];

/**
 * A published lettuce recipe (the demo's phases unless given others) and a running grow cycle
 * on the zone, so the demo has targets to hold — once: a zone that has had any cycle keeps what
 * its grower did with it.
 */
export async function ensureDemoCycle(
  domain: Domain,
  zone: ZoneRecord,
  phases: readonly DemoPhase[] = DEMO_PHASES,
): Promise<void> {
  if ((await domain.cycles.list({ zoneId: zone.id })).length > 0) return;
  const recipe = await domain.recipes.create(
    { name: 'Demo lettuce', description: 'Created by hydro serve --demo', plant_id: null },
    ACTOR,
  );
  const revisionId = recipe.revisions[0]!.id;
  for (const phase of phases) await domain.recipes.addPhase(revisionId, recipePhase(phase), ACTOR);
  await domain.recipes.publish(revisionId, ACTOR);
  await domain.cycles.create(
    zone.id,
    {
      recipe_revision_id: revisionId,
      batch_label: 'Demo',
      notes: null,
      start_immediately: true,
    },
    ACTOR,
  );
}

function recipePhase(t: DemoPhase) {
  return CreateRecipePhaseRequestSchema.parse({
    name: t.name,
    duration_days: t.days,
    ph_target: t.ph,
    ph_min: round(t.ph - 0.3),
    ph_max: round(t.ph + 0.3),
    ec_target: t.ec,
    ec_min: round(t.ec * 0.85),
    ec_max: round(t.ec * 1.15),
    nutrient_npk_ratio_pct: 44,
    nutrient_calcium_ratio_pct: 36,
    nutrient_magnesium_ratio_pct: 17,
    nutrient_micro_ratio_pct: 3,
    lighting_photoperiod_hours: t.light,
    lighting_start_time: '06:00',
    irrigation_interval_sec: 3600,
    irrigation_duration_sec: 60,
    temp_air_day: 23,
    temp_air_night: 19,
    humidity_day: 65,
    humidity_night: 70,
  });
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
