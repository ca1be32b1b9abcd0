import type { EffectiveTargets } from '../../../../../src/contracts/zones.js';
import type { CorrectionOutcome } from '../../../../../src/automation/runtime/correction/correction-types.js';
import { correctionTick } from '../../../../../src/automation/runtime/correction/runner.js';
import type { CorrectionStage } from '../../../../../src/automation/runtime/correction/correction-types.js';
import {
  planOf,
  planProgress,
  startPlan,
} from '../../../../../src/automation/runtime/plan-runner.js';
import type { CommandStep } from '../../../../../src/automation/runtime/plans.js';
import type { AlertIntent, StageContext } from '../../../../../src/automation/runtime/workflow.js';
import type { TaskRecord } from '../../../../../src/storage/automation-types.js';
import type { ZoneRecord } from '../../../../../src/storage/domain-types.js';
import { FakeClock } from '../../../../fakes/fake-clock.js';
import { FakeZoneIo } from './fake-zone-io.js';

export const T0 = Date.UTC(2026, 2, 1, 10);

/** The reference worked example (§4.2): target 1.6, water 0.30, Ca 36 / Mg 17 / NPK 44 / Micro 3. */
export function targets(over: Partial<EffectiveTargets> = {}): EffectiveTargets {
  return {
    zone_id: 1,
    cycle_id: 1,
    phase: { phase_index: 0, name: 'veg', started_at: null },
    period: 'day',
    ph: { target: 5.8, min: 5.6, max: 6.0 },
    ec: { target: 1.6, min: 1.5, max: 1.7 },
    nutrition: {
      ratios_pct: { npk: 44, calcium: 36, magnesium: 17, micro: 3 },
      product_ids: { npk: null, calcium: null, magnesium: null, micro: null },
    },
    irrigation: { enabled: true, mode: null, interval_sec: null, duration_sec: null },
    lighting: { enabled: false, photoperiod_hours: null, start_time: null },
    climate: {
      enabled: false,
      temp_air_day: null,
      temp_air_night: null,
      humidity_day: null,
      humidity_night: null,
      temp_air_target: null,
      humidity_target: null,
    },
    tanks: { clean_volume_l: null, solution_volume_l: null },
    overridden: [],
    computed_at: new Date(T0).toISOString(),
    ...over,
  };
}

const GAIN: Partial<Record<string, { metric: 'ph' | 'ec'; perMl: number }>> = {
  pump_a: { metric: 'ec', perMl: 0.006 },
  pump_b: { metric: 'ec', perMl: 0.006 },
  pump_c: { metric: 'ec', perMl: 0.006 },
  pump_d: { metric: 'ec', perMl: 0.006 },
  pump_base: { metric: 'ph', perMl: 0.015 },
  pump_acid: { metric: 'ph', perMl: -0.015 },
};

/**
 * Drives the correction runner the way the engine does: one tick per step on a fake clock, plans
 * executed through the real plan-runner against the fake ZoneIo, probe samples every 2 s from a
 * tiny tank (`ph`, `ec`) that each dose moves by the catalog gain (`dead` pumps do nothing).
 */
export class CorrectionHarness {
  readonly clock = new FakeClock(T0);
  readonly io = new FakeZoneIo(() => this.clock.now());
  readonly state: Record<string, unknown> = {};
  readonly events: { type: string; payload: Record<string, unknown> }[] = [];
  readonly alerts: AlertIntent[] = [];
  memory: Record<string, unknown> = {};
  targets = targets();
  stage = 'correction_stage';
  deadlineAt: number | null = null;
  ph = 5.8;
  ec = 1.6;
  readonly dead = new Set<string>();
  /** Probes stop publishing (a stale window). */
  quiet = false;
  /** The node limits every dose run to this many ms (reported as `duration_ms`). */
  doseLimitMs: number | null = null;
  /** Commands in the order sent, for assertions. */
  readonly commands: CommandStep[] = [];
  private nextSampleAt = T0;

  constructor() {
    this.io.bind('ph_sensor', 'pump_acid', 'pump_base');
    this.io.bindOn(2, 'ec_sensor', 'pump_a', 'pump_b', 'pump_c', 'pump_d');
    this.io.bindOn(
      3,
      'valve_clean_supply',
      'pump_main',
      'level_solution_min',
      'level_solution_max',
    );
    for (const pump of ['pump_acid', 'pump_base', 'pump_a', 'pump_b', 'pump_c', 'pump_d'] as const)
      this.io.setPumpRate(pump, 1);
    this.io.setLevel('level_solution_min', true).setLevel('level_solution_max', false);
    this.sample();
  }

  types(): string[] {
    return this.events.map((e) => e.type);
  }

  eventsOf(type: string): Record<string, unknown>[] {
    return this.events.filter((e) => e.type === type).map((e) => e.payload);
  }

  doses(): CommandStep[] {
    return this.commands.filter((c) => c.cmd === 'dose');
  }

  /** Move time, taking a probe sample every 2 s. */
  advance(ms: number): void {
    const end = this.clock.now() + ms;
    while (this.nextSampleAt <= end) {
      this.clock.advance(this.nextSampleAt - this.clock.now());
      this.sample();
    }
    this.clock.advance(end - this.clock.now());
  }

  /** One step of the stage: the correction tick; a returned plan runs to DONE at once. */
  async tick(stage: CorrectionStage): Promise<CorrectionOutcome> {
    const outcome = await correctionTick(this.ctx(), stage);
    if (outcome.kind === 'continue' && outcome.result.kind === 'plan') {
      startPlan(this.state, outcome.result);
      await this.executePlan();
    }
    return outcome;
  }

  /** Tick, honouring waits, until the runner says something other than `continue`. */
  async run(stage: CorrectionStage, maxTicks = 400): Promise<CorrectionOutcome> {
    for (let i = 0; i < maxTicks; i++) {
      const outcome = await this.tick(stage);
      if (outcome.kind !== 'continue') return outcome;
      const { result } = outcome;
      this.advance(result.kind === 'wait' ? Math.max(result.delayMs, 1) : 250);
    }
    throw new Error(`no outcome after ${maxTicks} ticks`);
  }

  /** Like `run`, but stops as soon as `done()` holds (after a tick); returns the last outcome. */
  async until(
    stage: CorrectionStage,
    done: () => boolean,
    maxTicks = 400,
  ): Promise<CorrectionOutcome> {
    for (let i = 0; i < maxTicks; i++) {
      const outcome = await this.tick(stage);
      if (done() || outcome.kind !== 'continue') return outcome;
      const { result } = outcome;
      this.advance(result.kind === 'wait' ? Math.max(result.delayMs, 1) : 250);
    }
    throw new Error(`condition not met after ${maxTicks} ticks`);
  }

  ctx(): StageContext {
    const now = this.clock.now();
    const task: TaskRecord = {
      id: 7,
      zoneId: 1,
      kind: 'cycle_start',
      status: 'active',
      stage: this.stage,
      stageStartedAt: T0,
      stageDeadlineAt: this.deadlineAt,
      dueAt: now,
      source: 'system',
      idempotencyKey: null,
      payload: {},
      state: this.state,
      outcome: null,
      version: 1,
      createdAt: T0,
      updatedAt: now,
      finishedAt: null,
    };
    return {
      task,
      state: this.state,
      zone: ZONE,
      mode: 'auto',
      targets: this.targets,
      timezone: 'UTC',
      now,
      io: this.io,
      takeOperatorStep: () => null,
      event: (type, payload = {}) => {
        this.events.push({ type, payload });
        return Promise.resolve();
      },
      alert: (intent) => {
        this.alerts.push(intent);
        return Promise.resolve();
      },
      resolveAlert: () => Promise.resolve(),
      zoneMemory: () => Promise.resolve({ ...this.memory }),
      rememberForZone: (patch) => {
        this.memory = { ...this.memory, ...patch };
        return Promise.resolve();
      },
    };
  }

  private async executePlan(): Promise<void> {
    for (;;) {
      const plan = planOf(this.state)!;
      const progress = await planProgress(this.ctx().task, plan, this.io);
      if (progress.kind === 'done') {
        delete this.state.plan;
        return;
      }
      if (progress.kind !== 'send') throw new Error(`plan ${plan.name}: ${progress.kind}`);
      plan.cmdId = progress.cmdId;
      await this.io.send(progress.step, progress.cmdId);
      this.apply(progress.step, progress.cmdId);
    }
  }

  private apply(step: CommandStep, cmdId: string): void {
    this.commands.push(step);
    const gain = GAIN[step.role];
    if (step.cmd === 'dose' && gain && !this.dead.has(step.role)) {
      let ml = step.params.ml as number;
      if (this.doseLimitMs !== null && ml * 1000 > this.doseLimitMs) {
        ml = this.doseLimitMs / 1000;
        this.io.setStatus(cmdId, 'DONE', { duration_ms: this.doseLimitMs, ml_per_second: 1 });
      }
      if (gain.metric === 'ec') this.ec += ml * gain.perMl;
      else this.ph += ml * gain.perMl;
    }
    // One dilution pulse brings in enough clean water to take EC down a tenth.
    if (step.role === 'valve_clean_supply' && step.params.state === true) this.ec *= 0.9;
  }

  private sample(): void {
    if (this.quiet) {
      this.nextSampleAt += 2_000;
      return;
    }
    this.io.pushSample('ph_sensor', this.ph, this.nextSampleAt);
    this.io.pushSample('ec_sensor', this.ec, this.nextSampleAt);
    this.nextSampleAt += 2_000;
  }
}

const ZONE: ZoneRecord = {
  id: 1,
  greenhouseId: 1,
  uid: 'z1',
  name: 'Z1',
  greenhouseUid: 'gh',
  description: null,
  controlMode: 'auto',
  workflowPhase: 'tank_recirc',
  topology: 'two_tank',
  settings: {},
  createdAt: T0,
  updatedAt: T0,
};
