import type { ZoneTopology } from '../../../contracts/zones.js';
import type { TaskKind } from '../../../storage/automation-types.js';
import type { Workflow } from '../workflow.js';
import { IRRIGATION_WORKFLOWS } from './irrigation.js';
import { singleTankPrepare } from './single-tank-prepare.js';
import { solutionChange } from './solution-change.js';
import { solutionTopup } from './solution-topup.js';
import { twoTankPrepare } from './two-tank-prepare.js';

/** Which workflow runs a task kind on a zone topology; null where it does not exist. */
const WORKFLOWS: Record<TaskKind, Partial<Record<ZoneTopology, Workflow>>> = {
  cycle_start: { two_tank: twoTankPrepare, single_tank: singleTankPrepare },
  irrigation: IRRIGATION_WORKFLOWS,
  solution_topup: { two_tank: solutionTopup },
  solution_change: { two_tank: solutionChange },
};

export function workflowFor(kind: TaskKind, topology: ZoneTopology): Workflow | null {
  return WORKFLOWS[kind][topology] ?? null;
}
