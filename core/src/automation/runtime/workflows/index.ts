import type { ZoneTopology } from '../../../contracts/zones.js';
import type { TaskKind } from '../../../storage/automation-types.js';
import type { Workflow } from '../workflow.js';

/** Which workflow runs a task kind on a zone topology; null where it does not exist. */
const WORKFLOWS: Record<TaskKind, Partial<Record<ZoneTopology, Workflow>>> = {
  cycle_start: {},
  irrigation: {},
  solution_topup: {},
  solution_change: {},
};

export function workflowFor(kind: TaskKind, topology: ZoneTopology): Workflow | null {
  return WORKFLOWS[kind][topology] ?? null;
}
