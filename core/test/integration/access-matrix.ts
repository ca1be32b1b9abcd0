import type { Capability } from '../../src/contracts/capabilities.js';

/**
 * What every HTTP route requires: a capability from core/src/contracts/capabilities.ts, any
 * signed-in caller ('authenticated'), or nobody ('public'). access-matrix.test.ts checks each
 * route against every role and fails when a registered route is missing here, so a new route
 * gets its line in the same change. Keys are `METHOD /path` exactly as registered.
 */
export type Requirement = Capability | 'authenticated' | 'public';

export const ACCESS_MATRIX: Record<string, Requirement> = {
  'GET /api/health': 'public',
  'GET /api/openapi.json': 'view',
  'GET /metrics': 'view',
  'GET /api/ws': 'authenticated',

  // Sign-in and first run
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': 'authenticated',
  'GET /api/auth/tokens': 'authenticated',
  'POST /api/auth/tokens': 'authenticated',
  'DELETE /api/auth/tokens/:id': 'authenticated',
  'GET /api/setup/status': 'public',
  'POST /api/setup/admin': 'public',

  // Users and audit
  'GET /api/users': 'system.admin',
  'POST /api/users': 'system.admin',
  'GET /api/users/:id': 'system.admin',
  'PATCH /api/users/:id': 'system.admin',
  'DELETE /api/users/:id': 'system.admin',
  'GET /api/audit': 'system.admin',

  // Nodes and commands (unassigned nodes additionally need devices.view_unassigned; a PATCH
  // carrying zone_id needs devices.configure: see access-matrix.test.ts)
  'GET /api/nodes': 'view',
  'GET /api/nodes/:id': 'view',
  'PATCH /api/nodes/:id': 'setup.edit',
  'POST /api/nodes/:id/detach': 'devices.configure',
  'DELETE /api/nodes/:id': 'devices.configure',
  'POST /api/nodes/:id/commands': 'commands.send',
  'GET /api/nodes/:id/commands': 'view',
  'GET /api/commands/:cmdId/status': 'view',

  // Telemetry
  'GET /api/telemetry/history': 'view',
  'GET /api/nodes/:id/telemetry/last': 'view',
  'GET /api/telemetry/export.csv': 'view',
  'GET /api/storage/usage': 'view',

  // Zones, alerts and events
  'GET /api/zones/:id/snapshot': 'view',
  'GET /api/zones/:id/events': 'view',
  'GET /api/events': 'view',
  'GET /api/alerts': 'view',
  'GET /api/alerts/:id': 'view',
  'PATCH /api/alerts/:id/ack': 'alerts.resolve',
  'POST /api/alerts/resolve-bulk': 'alerts.resolve',

  // Greenhouses, zones, bindings (the control mode also takes commands.send: operators may stop
  // automation), catalog, recipes and grow cycles
  'GET /api/greenhouses': 'view',
  'POST /api/greenhouses': 'setup.edit',
  'GET /api/greenhouses/:id': 'view',
  'PATCH /api/greenhouses/:id': 'setup.edit',
  'DELETE /api/greenhouses/:id': 'setup.edit',
  'GET /api/zones': 'view',
  'POST /api/zones': 'setup.edit',
  'GET /api/zones/:id': 'view',
  'PATCH /api/zones/:id': 'setup.edit',
  'DELETE /api/zones/:id': 'setup.edit',
  'PATCH /api/zones/:id/control-mode': 'commands.send',
  'GET /api/zones/:id/effective-targets': 'view',
  'GET /api/zones/:id/schedule': 'view',
  'GET /api/zones/:id/bindings': 'view',
  'PUT /api/zones/:id/bindings/:role': 'devices.configure',
  'DELETE /api/zones/:id/bindings/:role': 'devices.configure',
  'GET /api/zones/:id/telemetry/last': 'view',
  'GET /api/zones/:id/telemetry/history': 'view',
  'GET /api/zones/:id/commands': 'view',
  'POST /api/zones/:id/start-cycle': 'commands.send',
  'POST /api/zones/:id/start-irrigation': 'commands.send',
  'POST /api/zones/:id/start-solution-topup': 'commands.send',
  'POST /api/zones/:id/start-solution-change': 'commands.send',
  'POST /api/zones/:id/manual-step': 'commands.send',
  'POST /api/zones/:id/emergency-stop': 'commands.send',
  'GET /api/zones/:id/state': 'view',
  'GET /api/zones/:id/tasks': 'view',
  'GET /api/zones/:id/pump-calibrations': 'view',
  'PUT /api/zones/:id/pump-calibrations/:role': 'calibration.run',
  'POST /api/zones/:id/calibrate-pump': 'calibration.run',
  'GET /api/zones/:id/sensor-calibrations': 'view',
  'POST /api/zones/:id/sensor-calibrations': 'calibration.run',
  'POST /api/zones/:id/sensor-calibrations/:sessionId/point': 'calibration.run',
  'POST /api/zones/:id/sensor-calibrations/:sessionId/cancel': 'calibration.run',
  'GET /api/plants': 'view',
  'POST /api/plants': 'recipes.edit',
  'GET /api/plants/:id': 'view',
  'PATCH /api/plants/:id': 'recipes.edit',
  'DELETE /api/plants/:id': 'recipes.edit',
  'GET /api/nutrient-products': 'view',
  'POST /api/nutrient-products': 'recipes.edit',
  'GET /api/nutrient-products/:id': 'view',
  'PATCH /api/nutrient-products/:id': 'recipes.edit',
  'DELETE /api/nutrient-products/:id': 'recipes.edit',
  'GET /api/recipes': 'view',
  'POST /api/recipes': 'recipes.edit',
  'GET /api/recipes/:id': 'view',
  'PATCH /api/recipes/:id': 'recipes.edit',
  'DELETE /api/recipes/:id': 'recipes.edit',
  'POST /api/recipes/:id/revisions': 'recipes.edit',
  'GET /api/recipe-revisions/:id': 'view',
  'PATCH /api/recipe-revisions/:id': 'recipes.edit',
  'POST /api/recipe-revisions/:id/publish': 'recipes.edit',
  'POST /api/recipe-revisions/:id/archive': 'recipes.edit',
  'POST /api/recipe-revisions/:id/phases': 'recipes.edit',
  'PATCH /api/recipe-revision-phases/:id': 'recipes.edit',
  'DELETE /api/recipe-revision-phases/:id': 'recipes.edit',
  'GET /api/grow-cycles': 'view',
  'GET /api/grow-cycles/:id': 'view',
  'GET /api/zones/:id/grow-cycle': 'view',
  'POST /api/zones/:id/grow-cycles': 'cycles.manage',
  'POST /api/grow-cycles/:id/start': 'cycles.manage',
  'POST /api/grow-cycles/:id/pause': 'cycles.manage',
  'POST /api/grow-cycles/:id/resume': 'cycles.manage',
  'POST /api/grow-cycles/:id/advance-phase': 'cycles.manage',
  'POST /api/grow-cycles/:id/set-phase': 'cycles.manage',
  'POST /api/grow-cycles/:id/harvest': 'cycles.manage',
  'POST /api/grow-cycles/:id/abort': 'cycles.manage',

  // Backups
  'GET /api/backups': 'system.admin',
  'POST /api/backups': 'system.admin',
  'GET /api/backups/:name': 'system.admin',
  'POST /api/backups/:name/restore': 'system.admin',

  // Settings
  'GET /api/settings/notifications': 'system.admin',
  'PUT /api/settings/notifications': 'system.admin',
  'POST /api/settings/notifications/test': 'system.admin',

  // Controller facts and logs
  'GET /api/settings/controller': 'system.diagnostics',
  'GET /api/system/logs': 'logs.view',
};
