import type { BindingRole } from '../../contracts/bindings.js';
import type { ZoneAutomationState } from '../../contracts/automation.js';
import type { TaskRecord } from '../../storage/automation-types.js';
import type { ZoneRecord } from '../../storage/domain-types.js';
import type { Storage } from '../../storage/storage.js';
import { DOSING_ROLES, FAIL_SAFE_ROLES } from './plans.js';
import { MANUAL_HOLD } from './task-stepper.js';
import { taskView } from './task-view.js';
import type { Workflow } from './workflow.js';
import type { LevelRole, ZoneIo } from './zone-io.js';

/** What the zone runtime is doing in one zone, for GET /api/zones/{id}/state. */

const LEVELS: readonly LevelRole[] = [
  'level_clean_min',
  'level_clean_max',
  'level_solution_min',
  'level_solution_max',
];
const PROBES: readonly BindingRole[] = ['ph_sensor', 'ec_sensor'];

export interface ZoneStateDeps {
  storage: Storage;
  io: ZoneIo;
  workflow(kind: TaskRecord['kind'], topology: ZoneRecord['topology']): Workflow | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Stop steps are the only ones accepted in auto (the engine's rule, reference-domain §8.1). */
export const isStopStep = (step: string) =>
  step.endsWith('_stop') || step === 'solution_change_abort';

/** The operator steps the task's stage (or the stage it holds) accepts in the zone's mode. */
export function allowedManualSteps(
  zone: ZoneRecord,
  task: TaskRecord | null,
  workflow: Workflow | null,
): string[] {
  if (!task || !workflow) return [];
  const stage = task.stage === MANUAL_HOLD ? String(task.state.held) : task.stage;
  const steps = [...(workflow.manualSteps[stage] ?? [])];
  return zone.controlMode === 'auto' ? steps.filter(isStopStep) : steps;
}

/** Reference-domain §5.1: max ⇒ 100 %, min only ⇒ 50 %, neither ⇒ 0 %; unknown when stale. */
function tankPercent(min: boolean | null | undefined, max: boolean | null | undefined) {
  if (min === undefined && max === undefined) return null;
  if (max === true) return 100;
  if (min === true) return max === null ? null : 50;
  if (min === null || max === null) return null;
  return 0;
}

export async function zoneState(
  deps: ZoneStateDeps,
  zone: ZoneRecord,
): Promise<ZoneAutomationState> {
  const { storage, io } = deps;
  const recent = await storage.tasks.listForZone(zone.id, 20);
  const active = recent.find((t) => t.status === 'active') ?? null;
  const terminal = recent.find((t) => t.status !== 'active') ?? null;
  const workflow = active ? deps.workflow(active.kind, zone.topology) : null;
  const switches: Record<string, boolean | null> = {};
  for (const role of LEVELS)
    if (await io.has(role)) switches[role] = (await io.level(role)).triggered;
  const required = [...FAIL_SAFE_ROLES[zone.topology], ...LEVELS, ...PROBES, ...DOSING_ROLES];
  const nodes = await io.availability(required);
  const memory = await storage.zoneRuntime.get(zone.id);
  const pending = active?.state.operatorStep;
  return {
    zone_id: zone.id,
    workflow_phase: zone.workflowPhase,
    control_mode: zone.controlMode,
    active_task: active ? taskView(active) : null,
    current_stage: active?.stage ?? null,
    pending_manual_step: typeof pending === 'string' ? pending : null,
    allowed_manual_steps: allowedManualSteps(zone, active, workflow),
    current_levels: {
      clean_tank_level_percent: tankPercent(switches.level_clean_min, switches.level_clean_max),
      nutrient_tank_level_percent: tankPercent(
        switches.level_solution_min,
        switches.level_solution_max,
      ),
      switches,
      ph: (await io.last('ph_sensor'))?.value ?? null,
      ec: (await io.last('ec_sensor'))?.value ?? null,
    },
    nodes: nodes.map((n) => ({
      role: n.role,
      node_id: n.nodeId,
      online: n.online,
      last_seen_at: iso(n.lastSeenAt),
    })),
    offline_required: nodes.filter((n) => !n.online).map((n) => n.role),
    estop_at: typeof memory.estop_at === 'number' ? iso(memory.estop_at) : null,
    reconcile_pending: memory.reconcile_pending === true,
    last_terminal_task: terminal ? taskView(terminal) : null,
  };
}
