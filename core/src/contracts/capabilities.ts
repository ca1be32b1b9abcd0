import type { Role } from './auth.js';

/**
 * What a caller may do, one table shared by the server (route guards) and the UI (what to hide
 * or disable). Adapted from reference-backend-ui.md §4.7; unlike the reference, admin holds every
 * capability so a one-person farm is never locked out of its own recipes or cycles.
 */
export const CAPABILITIES = {
  /** Zones, telemetry, alerts, events, recipes, nodes bound to zones. */
  view: ['viewer', 'operator', 'agronomist', 'engineer'],
  /** Nodes not yet adopted into a zone. */
  'devices.view_unassigned': ['agronomist', 'engineer'],
  /** Zone and node commands, irrigation, control mode, manual steps, preparation. */
  'commands.send': ['operator', 'agronomist', 'engineer'],
  'alerts.resolve': ['operator', 'agronomist', 'engineer'],
  /** Greenhouse, zone and node records and settings. */
  'setup.edit': ['operator', 'agronomist', 'engineer'],
  /** Adopt, bind, detach and decommission nodes; channel role bindings. */
  'devices.configure': ['engineer'],
  /** Recipes, their revisions and phases; plants and nutrient products. */
  'recipes.edit': ['agronomist'],
  /** Create, start, pause, advance, harvest and abort grow cycles. */
  'cycles.manage': ['agronomist'],
  'schedules.edit': ['agronomist'],
  'calibration.run': ['operator', 'agronomist', 'engineer'],
  /** Scheduler and automation diagnostics and engine settings. */
  'system.diagnostics': ['engineer'],
  'logs.view': ['operator', 'engineer'],
  /** Users, tokens, audit log, broker and LAN settings, backups and restore. */
  'system.admin': [],
} as const satisfies Record<string, readonly Exclude<Role, 'admin'>[]>;

export type Capability = keyof typeof CAPABILITIES;

export function can(role: Role, capability: Capability): boolean {
  if (role === 'admin') return true;
  return (CAPABILITIES[capability] as readonly Role[]).includes(role);
}

/** Every capability a role holds, in table order (sent to the UI with the session). */
export function capabilitiesOf(role: Role): Capability[] {
  return (Object.keys(CAPABILITIES) as Capability[]).filter((c) => can(role, c));
}
