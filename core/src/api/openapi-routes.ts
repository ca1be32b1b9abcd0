import { z } from 'zod';
import {
  AlertListQuerySchema,
  AlertListResponseSchema,
  AlertViewSchema,
  ResolveAlertsRequestSchema,
  ResolveAlertsResultSchema,
} from '../contracts/alerts.js';
import {
  ApiTokenViewSchema,
  CreateApiTokenRequestSchema,
  CreatedApiTokenSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  MeSchema,
  SetupAdminRequestSchema,
  SetupStatusSchema,
} from '../contracts/auth.js';
import {
  CommandViewSchema,
  NodeViewSchema,
  SendCommandRequestSchema,
  UpdateNodeRequestSchema,
} from '../contracts/devices.js';
import {
  EventLogQuerySchema,
  LastValueSchema,
  ZoneEventsPageSchema,
  ZoneEventsQuerySchema,
  ZoneSnapshotSchema,
} from '../contracts/events.js';
import { HealthSchema } from '../contracts/health.js';
import { EventLogPageSchema } from '../contracts/realtime.js';
import { ExportQuerySchema, HistoryQuerySchema } from '../contracts/telemetry.js';
import {
  AuditEntrySchema,
  AuditQuerySchema,
  CreateUserRequestSchema,
  UpdateUserRequestSchema,
  UserViewSchema,
} from '../contracts/users.js';
import { BindingViewSchema, PutBindingRequestSchema } from '../contracts/bindings.js';
import {
  CreateNutrientProductRequestSchema,
  CreatePlantRequestSchema,
  NutrientProductViewSchema,
  PlantViewSchema,
  UpdateNutrientProductRequestSchema,
  UpdatePlantRequestSchema,
} from '../contracts/catalog.js';
import {
  CreateCycleRequestSchema,
  CycleActionRequestSchema,
  CycleDetailSchema,
  CycleListQuerySchema,
  CycleViewSchema,
  HarvestCycleRequestSchema,
  SetPhaseRequestSchema,
  StartCycleRequestSchema,
} from '../contracts/cycles.js';
import {
  CreateGreenhouseRequestSchema,
  GreenhouseDetailSchema,
  GreenhouseViewSchema,
  UpdateGreenhouseRequestSchema,
} from '../contracts/greenhouses.js';
import {
  CreateRecipePhaseRequestSchema,
  CreateRecipeRequestSchema,
  CreateRevisionRequestSchema,
  RecipePhaseViewSchema,
  RecipeViewSchema,
  RevisionDetailSchema,
  UpdateRecipePhaseRequestSchema,
  UpdateRecipeRequestSchema,
  UpdateRevisionRequestSchema,
} from '../contracts/recipes.js';
import {
  ControlModeRequestSchema,
  CreateZoneRequestSchema,
  EffectiveTargetsSchema,
  UpdateZoneRequestSchema,
  ZoneDetailSchema,
  ZoneListQuerySchema,
  ZoneViewSchema,
} from '../contracts/zones.js';
import {
  DeliveryResultSchema,
  NotificationSettingsViewSchema,
  TestNotificationRequestSchema,
  UpdateNotificationSettingsRequestSchema,
} from '../contracts/settings.js';
import {
  CalibratePumpRequestSchema,
  CreateSensorCalibrationRequestSchema,
  PumpCalibrationViewSchema,
  PumpRunStartedSchema,
  PutPumpCalibrationRequestSchema,
  SensorCalibrationPointRequestSchema,
  SensorCalibrationViewSchema,
} from '../contracts/calibration.js';
import {
  ZoneCommandsQuerySchema,
  ZoneHistoryQuerySchema,
  ZoneLastTelemetrySchema,
} from '../contracts/zone-telemetry.js';
import {
  EmergencyStopRequestSchema,
  EmergencyStopResultSchema,
  ManualStepRequestSchema,
  ManualStepResultSchema,
  StartedTaskSchema,
  StartIrrigationRequestSchema,
  StartTaskRequestSchema,
  TaskViewSchema,
  ZoneAutomationStateSchema,
  ZoneTasksQuerySchema,
} from '../contracts/automation.js';
import { ScheduleQuerySchema, ZoneScheduleViewSchema } from '../contracts/schedule.js';
import { ControllerFactsSchema, LogLinesSchema, LogQuerySchema } from '../contracts/controller.js';
import { del, get, patch, post, put, type ApiRoute } from './openapi.js';

const NodeDetailSchema = NodeViewSchema.extend({
  config: z.record(z.string(), z.unknown()).nullable(),
  recent_errors: z.array(z.record(z.string(), z.unknown())),
});
const DeletedSchema = z.object({ id: z.number().int(), deleted: z.literal(true) });
const BackupSchema = z.object({ name: z.string(), size_bytes: z.number(), created_at: z.string() });
const NodeLastValuesSchema = z.array(LastValueSchema.omit({ node_id: true }));

/**
 * Every HTTP route, one line each: method, path, summary, who may call it, and its zod schemas.
 * GET /api/openapi.json is generated from this list, and a test fails when a registered /api route
 * is missing here: add a line with every route you add.
 */
// prettier-ignore
export const API_ROUTES: readonly ApiRoute[] = [
  get('/api/health', 'Component states', 'public', { data: HealthSchema }),
  get('/api/openapi.json', 'This document', 'view'),
  get('/api/ws', 'Realtime WebSocket (events with event_id and server_ts; ?after_id=N or a resume message replays missed events)', 'signed-in', { status: 101 }),
  post('/api/auth/login', 'Sign in; sets the session cookie', 'public', { body: LoginRequestSchema, data: LoginResponseSchema }),
  post('/api/auth/logout', 'Sign out (ends the session)', 'public'),
  get('/api/auth/me', 'Who you are and what you may do', 'signed-in', { data: MeSchema }),
  get('/api/auth/tokens', 'Your personal API tokens', 'signed-in', { data: z.array(ApiTokenViewSchema) }),
  post('/api/auth/tokens', 'Create a personal API token (its secret is shown once)', 'signed-in', { body: CreateApiTokenRequestSchema, data: CreatedApiTokenSchema, status: 201 }),
  del('/api/auth/tokens/{id}', 'Revoke one of your tokens', 'signed-in'),
  get('/api/setup/status', 'Whether the first admin account is still to be created', 'public', { data: SetupStatusSchema }),
  post('/api/setup/admin', 'Create the first admin account', 'public', { body: SetupAdminRequestSchema, data: LoginResponseSchema }),
  get('/api/users', 'User accounts', 'system.admin', { data: z.array(UserViewSchema) }),
  post('/api/users', 'Create a user', 'system.admin', { body: CreateUserRequestSchema, data: UserViewSchema, status: 201 }),
  get('/api/users/{id}', 'One user', 'system.admin', { data: UserViewSchema }),
  patch('/api/users/{id}', 'Change a user', 'system.admin', { body: UpdateUserRequestSchema, data: UserViewSchema }),
  del('/api/users/{id}', 'Delete a user', 'system.admin'),
  get('/api/audit', 'Audit journal', 'system.admin', { query: AuditQuerySchema, data: z.array(AuditEntrySchema) }),
  get('/api/nodes', 'Nodes (?unassigned=true needs devices.view_unassigned)', 'view', { data: z.array(NodeViewSchema) }),
  get('/api/nodes/{id}', 'One node with its stored config and recent errors', 'view', { data: NodeDetailSchema }),
  patch('/api/nodes/{id}', 'Rename (setup.edit) or assign to a zone (devices.configure)', 'setup.edit', { body: UpdateNodeRequestSchema, data: NodeViewSchema }),
  post('/api/nodes/{id}/detach', 'Unbind a node from its zone', 'devices.configure', { data: NodeViewSchema }),
  del('/api/nodes/{id}', 'Decommission a node', 'devices.configure', { data: NodeViewSchema }),
  post('/api/nodes/{id}/commands', 'Send a signed command (202; same cmd_id and payload again is a no-op)', 'commands.send', { body: SendCommandRequestSchema, data: z.object({ command: CommandViewSchema, skipped: z.boolean() }), status: 202 }),
  get('/api/nodes/{id}/commands', 'Command history of a node (?limit, ?before)', 'view', { data: z.array(CommandViewSchema) }),
  get('/api/commands/{cmdId}/status', 'One command and its status', 'view', { data: CommandViewSchema }),
  get('/api/nodes/{id}/telemetry/last', 'Newest value per channel of a node', 'view', { data: NodeLastValuesSchema }),
  get('/api/telemetry/history', 'Bucketed history of up to 20 series', 'view', { query: HistoryQuerySchema }),
  get('/api/telemetry/export.csv', 'Raw samples of one channel as CSV', 'view', { query: ExportQuerySchema, produces: 'text/csv' }),
  get('/api/storage/usage', 'Disk usage per telemetry table', 'view'),
  get('/api/backups', 'Backups of the store', 'system.admin', { data: z.array(BackupSchema) }),
  post('/api/backups', 'Take a backup now', 'system.admin', { data: BackupSchema, status: 201 }),
  get('/api/backups/{name}', 'Download a backup', 'system.admin', { produces: 'application/vnd.sqlite3' }),
  post('/api/backups/{name}/restore', 'Verify a backup, then restart every component onto it (422 for a corrupt or newer file; nothing stops)', 'system.admin', { data: z.object({ name: z.string(), schema_version: z.number().int(), restarting: z.literal(true) }), status: 202 }),
  get('/api/alerts', 'Alerts, newest first, paginated', 'view', { query: AlertListQuerySchema, response: AlertListResponseSchema }),
  get('/api/alerts/{id}', 'One alert', 'view', { data: AlertViewSchema }),
  patch('/api/alerts/{id}/ack', 'Resolve an alert', 'alerts.resolve', { data: AlertViewSchema }),
  post('/api/alerts/resolve-bulk', 'Resolve several alerts', 'alerts.resolve', { body: ResolveAlertsRequestSchema, data: ResolveAlertsResultSchema }),
  get('/api/zones/{id}/events', "A zone's timeline in id order", 'view', { query: ZoneEventsQuerySchema, data: ZoneEventsPageSchema }),
  get('/api/zones/{id}/snapshot', "A zone's current state and the event id it is as new as", 'view', { data: ZoneSnapshotSchema }),
  get('/api/events', 'Realtime state events after after_id, for catch-up', 'view', { query: EventLogQuerySchema, data: EventLogPageSchema }),
  get('/api/greenhouses', 'Greenhouses', 'view', { data: z.array(GreenhouseViewSchema) }),
  post('/api/greenhouses', 'Create a greenhouse (uid from the name when left out)', 'setup.edit', { body: CreateGreenhouseRequestSchema, data: GreenhouseDetailSchema, status: 201 }),
  get('/api/greenhouses/{id}', 'One greenhouse with its zones', 'view', { data: GreenhouseDetailSchema }),
  patch('/api/greenhouses/{id}', 'Rename, change time zone or description', 'setup.edit', { body: UpdateGreenhouseRequestSchema, data: GreenhouseDetailSchema }),
  del('/api/greenhouses/{id}', 'Delete an empty greenhouse (409 while it has zones)', 'setup.edit', { data: DeletedSchema }),
  get('/api/zones', 'Zones (?greenhouse_id)', 'view', { query: ZoneListQuerySchema, data: z.array(ZoneViewSchema) }),
  post('/api/zones', 'Create a zone', 'setup.edit', { body: CreateZoneRequestSchema, data: ZoneDetailSchema, status: 201 }),
  get('/api/zones/{id}', 'One zone with its nodes and active grow cycle', 'view', { data: ZoneDetailSchema }),
  patch('/api/zones/{id}', 'Rename, describe, change topology or settings (settings replaced whole)', 'setup.edit', { body: UpdateZoneRequestSchema, data: ZoneDetailSchema }),
  del('/api/zones/{id}', 'Delete a zone nothing refers to (409 with nodes, an active cycle or history)', 'setup.edit', { data: DeletedSchema }),
  patch('/api/zones/{id}/control-mode', 'Switch auto / semi / manual (an operator only to manual, with a reason)', 'commands.send', { body: ControlModeRequestSchema, data: ZoneDetailSchema }),
  get('/api/zones/{id}/effective-targets', 'Targets now: chemistry from the current phase, zone overrides for the rest', 'view', { data: EffectiveTargetsSchema }),
  get('/api/zones/{id}/schedule', 'Upcoming schedule slots over the horizon, recent runs with outcome and reason, missed counters', 'view', { query: ScheduleQuerySchema, data: ZoneScheduleViewSchema }),
  get('/api/zones/{id}/bindings', "A zone's channel role bindings", 'view', { data: z.array(BindingViewSchema) }),
  put('/api/zones/{id}/bindings/{role}', 'Bind a reported channel of a node in the zone to a role', 'devices.configure', { body: PutBindingRequestSchema, data: BindingViewSchema }),
  del('/api/zones/{id}/bindings/{role}', 'Unbind a role', 'devices.configure'),
  get('/api/zones/{id}/telemetry/last', "Newest value of each bound sensor role (ph, ec, temperature…) with per-channel detail", 'view', { data: ZoneLastTelemetrySchema }),
  get('/api/zones/{id}/telemetry/history', 'Bucketed history of every bound channel of ?metric (?from, ?to, ?points)', 'view', { query: ZoneHistoryQuerySchema }),
  get('/api/zones/{id}/commands', "Commands of the zone's nodes, newest first (?per_page, ?status, ?active_only)", 'view', { query: ZoneCommandsQuerySchema, data: z.array(CommandViewSchema) }),
  post('/api/zones/{id}/start-cycle', 'Prepare the tank (cycle_start task); 409 zone_busy', 'commands.send', { body: StartTaskRequestSchema, data: StartedTaskSchema, status: 201 }),
  post('/api/zones/{id}/start-irrigation', 'Irrigate from a ready tank (force skips the decision gate); 409 zone_busy, start_irrigation_setup_pending', 'commands.send', { body: StartIrrigationRequestSchema, data: StartedTaskSchema, status: 201 }),
  post('/api/zones/{id}/start-solution-topup', 'Top up the solution tank (solution_topup task); 409 zone_busy', 'commands.send', { body: StartTaskRequestSchema, data: StartedTaskSchema, status: 201 }),
  post('/api/zones/{id}/start-solution-change', 'Replace the solution with operator gates (solution_change task); 409 zone_busy', 'commands.send', { body: StartTaskRequestSchema, data: StartedTaskSchema, status: 201 }),
  post('/api/zones/{id}/manual-step', 'An operator step for the running task (stop steps in any mode, the others in semi/manual); 409 manual_step_forbidden_in_auto_mode, no_active_task; 422 manual_step_not_allowed', 'commands.send', { body: ManualStepRequestSchema, data: ManualStepResultSchema }),
  post('/api/zones/{id}/emergency-stop', 'Software E-stop: zone to manual, running task failed, every actuator OFF; nothing resumes by itself', 'commands.send', { body: EmergencyStopRequestSchema, data: EmergencyStopResultSchema }),
  get('/api/zones/{id}/state', 'What the zone runtime is doing: phase, mode, active task and its allowed manual steps, levels, pH/EC, nodes', 'view', { data: ZoneAutomationStateSchema }),
  get('/api/zones/{id}/tasks', "The zone's automation tasks, newest first (?limit)", 'view', { query: ZoneTasksQuerySchema, data: z.array(TaskViewSchema) }),
  get('/api/zones/{id}/pump-calibrations', "The zone's pump calibration records, newest first", 'view', { data: z.array(PumpCalibrationViewSchema) }),
  put('/api/zones/{id}/pump-calibrations/{role}', 'New active calibration of a bound pump role (replaces the active one)', 'calibration.run', { body: PutPumpCalibrationRequestSchema, data: PumpCalibrationViewSchema }),
  post('/api/zones/{id}/calibrate-pump', 'Step 1 {role, duration_sec}: run the pump (202 with run_token); step 2 {run_token, actual_ml}: store ml_per_sec once the run is DONE', 'calibration.run', { body: CalibratePumpRequestSchema, data: z.union([PumpRunStartedSchema, PumpCalibrationViewSchema]), status: 202 }),
  get('/api/zones/{id}/sensor-calibrations', "The zone's pH/EC calibration sessions, newest first", 'view', { data: z.array(SensorCalibrationViewSchema) }),
  post('/api/zones/{id}/sensor-calibrations', 'Start a two-point calibration session of a bound ph_sensor or ec_sensor', 'calibration.run', { body: CreateSensorCalibrationRequestSchema, data: SensorCalibrationViewSchema, status: 201 }),
  post('/api/zones/{id}/sensor-calibrations/{sessionId}/point', "Send a reference point (the node's calibrate command)", 'calibration.run', { body: SensorCalibrationPointRequestSchema, data: SensorCalibrationViewSchema }),
  post('/api/zones/{id}/sensor-calibrations/{sessionId}/cancel', 'Cancel an open session', 'calibration.run', { data: SensorCalibrationViewSchema }),
  get('/api/plants', 'Plant catalog', 'view', { data: z.array(PlantViewSchema) }),
  post('/api/plants', 'Add a plant', 'recipes.edit', { body: CreatePlantRequestSchema, data: PlantViewSchema, status: 201 }),
  get('/api/plants/{id}', 'One plant', 'view', { data: PlantViewSchema }),
  patch('/api/plants/{id}', 'Change a plant', 'recipes.edit', { body: UpdatePlantRequestSchema, data: PlantViewSchema }),
  del('/api/plants/{id}', 'Delete a plant nothing refers to', 'recipes.edit', { data: DeletedSchema }),
  get('/api/nutrient-products', 'Nutrient products', 'view', { data: z.array(NutrientProductViewSchema) }),
  post('/api/nutrient-products', 'Add a nutrient product', 'recipes.edit', { body: CreateNutrientProductRequestSchema, data: NutrientProductViewSchema, status: 201 }),
  get('/api/nutrient-products/{id}', 'One nutrient product', 'view', { data: NutrientProductViewSchema }),
  patch('/api/nutrient-products/{id}', 'Change a nutrient product', 'recipes.edit', { body: UpdateNutrientProductRequestSchema, data: NutrientProductViewSchema }),
  del('/api/nutrient-products/{id}', 'Delete a product no phase uses', 'recipes.edit', { data: DeletedSchema }),
  get('/api/recipes', 'Recipes with their revisions', 'view', { data: z.array(RecipeViewSchema) }),
  post('/api/recipes', 'Create a recipe (with an empty draft revision 1)', 'recipes.edit', { body: CreateRecipeRequestSchema, data: RecipeViewSchema, status: 201 }),
  get('/api/recipes/{id}', 'One recipe with its revisions', 'view', { data: RecipeViewSchema }),
  patch('/api/recipes/{id}', 'Rename or describe a recipe', 'recipes.edit', { body: UpdateRecipeRequestSchema, data: RecipeViewSchema }),
  del('/api/recipes/{id}', 'Delete a recipe no cycle ran from', 'recipes.edit', { data: DeletedSchema }),
  post('/api/recipes/{id}/revisions', 'New draft revision copying the latest (or from_revision_id)', 'recipes.edit', { body: CreateRevisionRequestSchema, data: RevisionDetailSchema, status: 201 }),
  get('/api/recipe-revisions/{id}', 'One revision with its phases', 'view', { data: RevisionDetailSchema }),
  patch('/api/recipe-revisions/{id}', "Change a draft's description", 'recipes.edit', { body: UpdateRevisionRequestSchema, data: RevisionDetailSchema }),
  post('/api/recipe-revisions/{id}/publish', 'Publish a draft (it becomes immutable)', 'recipes.edit', { data: RevisionDetailSchema }),
  post('/api/recipe-revisions/{id}/archive', 'Archive a revision', 'recipes.edit', { data: RevisionDetailSchema }),
  post('/api/recipe-revisions/{id}/phases', 'Add a phase to a draft', 'recipes.edit', { body: CreateRecipePhaseRequestSchema, data: RecipePhaseViewSchema, status: 201 }),
  patch('/api/recipe-revision-phases/{id}', "Change a draft's phase (merged, then validated whole)", 'recipes.edit', { body: UpdateRecipePhaseRequestSchema, data: RecipePhaseViewSchema }),
  del('/api/recipe-revision-phases/{id}', "Delete a draft's phase", 'recipes.edit', { data: DeletedSchema }),
  get('/api/grow-cycles', 'Grow cycles, newest first (?zone_id, ?status)', 'view', { query: CycleListQuerySchema, data: z.array(CycleViewSchema) }),
  get('/api/grow-cycles/{id}', 'One cycle with its phase snapshot and transitions', 'view', { data: CycleDetailSchema }),
  get('/api/zones/{id}/grow-cycle', "The zone's planned, running or paused cycle (or null)", 'view', { data: CycleViewSchema.nullable() }),
  post('/api/zones/{id}/grow-cycles', 'Plan a cycle from a published revision (start_immediately to start it)', 'cycles.manage', { body: CreateCycleRequestSchema, data: CycleDetailSchema, status: 201 }),
  post('/api/grow-cycles/{id}/start', 'Start a planned cycle', 'cycles.manage', { body: StartCycleRequestSchema, data: CycleDetailSchema }),
  post('/api/grow-cycles/{id}/pause', 'Pause (stops auto-advance)', 'cycles.manage', { body: CycleActionRequestSchema, data: CycleDetailSchema }),
  post('/api/grow-cycles/{id}/resume', 'Resume a paused cycle', 'cycles.manage', { body: CycleActionRequestSchema, data: CycleDetailSchema }),
  post('/api/grow-cycles/{id}/advance-phase', 'Move to the next phase', 'cycles.manage', { body: CycleActionRequestSchema, data: CycleDetailSchema }),
  post('/api/grow-cycles/{id}/set-phase', 'Move to a given phase', 'cycles.manage', { body: SetPhaseRequestSchema, data: CycleDetailSchema }),
  post('/api/grow-cycles/{id}/harvest', 'Harvest (with yield)', 'cycles.manage', { body: HarvestCycleRequestSchema, data: CycleDetailSchema }),
  post('/api/grow-cycles/{id}/abort', 'Abort', 'cycles.manage', { body: CycleActionRequestSchema, data: CycleDetailSchema }),
  get('/api/settings/notifications', 'Notification channels (secrets masked as *_set)', 'system.admin', { data: NotificationSettingsViewSchema }),
  put('/api/settings/notifications', 'Save notification channels (secrets left out are kept, null removes them)', 'system.admin', { body: UpdateNotificationSettingsRequestSchema, data: NotificationSettingsViewSchema }),
  post('/api/settings/notifications/test', 'Send a test message through one channel; answers with the delivery result', 'system.admin', { body: TestNotificationRequestSchema, data: DeliveryResultSchema }),
  get('/api/settings/controller', 'How this controller was started: ports, LAN, broker, database (no secrets)', 'system.diagnostics', { data: ControllerFactsSchema }),
  get('/api/system/logs', "Newest lines of the core's log files, newest first (?limit, ?level minimum)", 'logs.view', { query: LogQuerySchema, data: LogLinesSchema }),
  get('/metrics', 'Prometheus metrics', 'view', { produces: 'text/plain' }),
];
