import type { AlertSeverity } from '../../contracts/alerts.js';
import type { ControlMode, EffectiveTargets } from '../../contracts/zones.js';
import type { TaskKind, TaskRecord } from '../../storage/automation-types.js';
import type { ZoneRecord } from '../../storage/domain-types.js';
import type { CommandStep } from './plans.js';
import type { ZoneIo } from './zone-io.js';

/**
 * The contract between the engine and a workflow (reference-domain §13): a workflow is a table
 * of stage handlers; the engine steps one stage at a time, persists the task after every step
 * and is the only one that publishes commands, changes the stage, or fails a task.
 */

/** The zone's `workflow_phase` (reference-domain §2.1). */
export type WorkflowPhase = 'idle' | 'tank_filling' | 'tank_recirc' | 'ready' | 'irrigating';

export type StepResult =
  /** Step the same stage again after `delayMs`. */
  | { kind: 'wait'; delayMs: number }
  /**
   * Enter `stage` (a new stage: its start time is now, its deadline `deadlineMs` from now, or
   * none). Stepped after `delayMs` (default 0).
   */
  | { kind: 'goto'; stage: string; deadlineMs?: number | null; delayMs?: number }
  /**
   * Run `steps` strictly one after another, each to DONE, then enter `then`. Any other terminal
   * status fails the task with `failCode` (default `command_failed`) after the fail-safe.
   * While the plan runs the task stays in its current stage and keeps its deadline. A plan whose
   * `then` is the current stage continues it (start and deadline kept, `thenDeadlineMs` ignored).
   */
  | {
      kind: 'plan';
      name: string;
      steps: readonly CommandStep[];
      then: string;
      thenDeadlineMs?: number | null;
      failCode?: string;
    }
  /** The task is done; `phase` is written to the zone when given. */
  | { kind: 'complete'; outcome: string; phase?: WorkflowPhase }
  /**
   * The task failed: the engine publishes the fail-safe OFF batch first (flow workflows), sets
   * the zone `idle`, raises `biz_ae3_task_failed` plus `alert` when given, then marks it failed.
   */
  | { kind: 'fail'; code: string; alert?: AlertIntent };

export interface AlertIntent {
  code: string;
  severity?: AlertSeverity;
  message: string;
  details?: Record<string, unknown>;
}

/** What a stage handler sees. `state` is the task's memory: mutate it, the engine saves it. */
export interface StageContext {
  readonly task: TaskRecord;
  readonly state: Record<string, unknown>;
  readonly zone: ZoneRecord;
  /** The mode the zone is in now. */
  readonly mode: ControlMode;
  /** Effective targets now (chemistry null without a running cycle). */
  readonly targets: EffectiveTargets;
  readonly timezone: string;
  readonly now: number;
  readonly io: ZoneIo;
  /** The operator step waiting for this task (manual/semi), consumed by reading it. */
  takeOperatorStep(): string | null;
  /** Append to the zone timeline (reference-domain §9.1), with `task_id` and `stage` added. */
  event(type: string, payload?: Record<string, unknown>): Promise<void>;
  alert(intent: AlertIntent): Promise<void>;
  resolveAlert(code: string, scope?: string): Promise<void>;
  /** Per-zone memory that outlives the task (baseline, learned gains, blocks). */
  zoneMemory(): Promise<Record<string, unknown>>;
  rememberForZone(patch: Record<string, unknown>): Promise<void>;
}

export type StageHandler = (ctx: StageContext) => Promise<StepResult>;

export interface Workflow {
  readonly kind: TaskKind;
  readonly firstStage: string;
  /** Deadline of the first stage, ms; null: none. */
  readonly firstDeadlineMs: number | null;
  readonly stages: Readonly<Record<string, StageHandler>>;
  /** The zone phase while a stage runs (null: leave it). */
  phaseOf(stage: string): WorkflowPhase | null;
  /**
   * Moves water: a failure publishes the fail-safe OFF batch and the zone goes `idle`; a switch
   * to manual stops the flow and parks the task.
   */
  readonly flowPath: boolean;
  /**
   * Flow stages parked by manual (and semi) mode, reference-domain §8.1: the engine runs `stop`,
   * holds the task in `manual_hold` and, back in auto (or on an allowed operator step), enters
   * `resume`, which re-opens the flow.
   */
  readonly holds: Readonly<Record<string, { stop: readonly CommandStep[]; resume: string }>>;
  /** Operator steps each stage accepts in semi and manual mode (reference-domain §8.1). */
  readonly manualSteps: Readonly<Record<string, readonly string[]>>;
}
