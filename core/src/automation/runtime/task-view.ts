import type { TaskView } from '../../contracts/automation.js';
import type { TaskRecord } from '../../storage/automation-types.js';
import { planOf } from './plan-runner.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function taskView(task: TaskRecord): TaskView {
  const plan = planOf(task.state);
  const held = task.state.held;
  return {
    id: task.id,
    zone_id: task.zoneId,
    kind: task.kind,
    status: task.status,
    stage: task.stage,
    stage_started_at: iso(task.stageStartedAt),
    stage_deadline_at: task.stageDeadlineAt === null ? null : iso(task.stageDeadlineAt),
    source: task.source,
    outcome: task.outcome,
    plan: plan ? { name: plan.name, index: plan.index, steps: plan.steps.length } : null,
    held_stage: typeof held === 'string' ? held : null,
    created_at: iso(task.createdAt),
    updated_at: iso(task.updatedAt),
    finished_at: task.finishedAt === null ? null : iso(task.finishedAt),
  };
}
