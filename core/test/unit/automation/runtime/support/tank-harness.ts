import { testRuntimeContext } from './runtime-context.js';
import { targets } from './correction-harness.js';
import type { BindingRole } from '../../../../../src/contracts/bindings.js';
import type {
  ControlMode,
  EffectiveTargets,
  ZoneTopology,
} from '../../../../../src/contracts/zones.js';
import { AutomationEngine } from '../../../../../src/automation/runtime/engine.js';
import type { CommandStep } from '../../../../../src/automation/runtime/plans.js';
import type { TaskKind, TaskRecord } from '../../../../../src/storage/automation-types.js';
import type { ZoneRecord } from '../../../../../src/storage/domain-types.js';
import { domainFixture, type DomainFixture } from '../../../../helpers/domain-fixture.js';
import { FakeZoneIo } from './fake-zone-io.js';

/**
 * The real AutomationEngine over an in-memory SQLite store (tasks, zone memory, timeline,
 * alerts) with the zone's hardware played by a FakeZoneIo, on the fixture's fake clock. Tests
 * arrange levels and samples on `io`, then `runFor` moves time from one due step to the next.
 */

const TWO_TANK_ROLES: BindingRole[] = [
  'pump_main',
  'valve_clean_fill',
  'valve_clean_supply',
  'valve_solution_fill',
  'valve_solution_supply',
  'valve_irrigation',
  'valve_drain',
  'level_clean_min',
  'level_clean_max',
  'level_solution_min',
  'level_solution_max',
];
const SINGLE_TANK_ROLES: BindingRole[] = [
  'pump_main',
  'valve_clean_fill',
  'valve_irrigation',
  'level_solution_min',
  'level_solution_max',
];
const PROBE_ROLES: BindingRole[] = ['ph_sensor', 'ec_sensor', 'pump_acid', 'pump_base', 'pump_b'];

/** Phase targets with an explicit ready band: pH 5.8 (5.5–6.1), EC 1.6 (1.4–1.8). */
export function targetsFor(zoneId: number): EffectiveTargets {
  return targets({
    zone_id: zoneId,
    phase: { phase_index: 0, name: 'Veg', started_at: null },
    ph: { target: 5.8, min: 5.5, max: 6.1 },
    ec: { target: 1.6, min: 1.4, max: 1.8 },
    computed_at: new Date(0).toISOString(),
  });
}

export class TankHarness {
  private constructor(
    readonly f: DomainFixture,
    readonly zone: ZoneRecord,
    readonly io: FakeZoneIo,
    readonly engine: AutomationEngine,
  ) {}

  static async create(topology: ZoneTopology, mode: ControlMode = 'auto'): Promise<TankHarness> {
    const f = await domainFixture();
    const gh = await f.domain.greenhouses.create(
      { name: 'House', timezone: 'UTC', description: null },
      'tester',
    );
    const view = await f.domain.zones.create(
      {
        greenhouse_id: gh.id,
        name: 'Bench',
        description: null,
        control_mode: mode,
        topology,
        settings: {},
      },
      'tester',
    );
    const io = new FakeZoneIo(() => f.clock.now());
    io.bind(...(topology === 'two_tank' ? TWO_TANK_ROLES : SINGLE_TANK_ROLES));
    io.bindOn(2, ...PROBE_ROLES);
    const ctx = testRuntimeContext(f, { targets: (zoneId) => Promise.resolve(targetsFor(zoneId)) });
    const zone = (await f.storage.zones.byId(view.id))!;
    // A zone that has prepared a tank before: its water baseline is known (§4.2), so a
    // recirculation of a tank that already holds solution needs no new one.
    await f.storage.zoneRuntime.merge(zone.id, { water_ec: 0.3, water_ph: 7 }, f.clock.now());
    return new TankHarness(f, zone, io, new AutomationEngine(ctx, () => io));
  }

  get clock() {
    return this.f.clock;
  }

  async start(kind: TaskKind = 'cycle_start', payload: Record<string, unknown> = {}) {
    const task = await this.engine.startTask({
      zoneId: this.zone.id,
      kind,
      source: 'test',
      payload,
    });
    await this.settle();
    return task;
  }

  /** Let a tick the engine started by itself finish. */
  async settle(): Promise<void> {
    await this.engine.stop();
  }

  async task(): Promise<TaskRecord> {
    const list = await this.f.storage.tasks.listForZone(this.zone.id, 1);
    return list[0]!;
  }

  /** Step every due task, jumping from one due time to the next, for `ms` of fake time. */
  async runFor(ms: number): Promise<TaskRecord> {
    const end = this.clock.now() + ms;
    for (;;) {
      await this.settle();
      await this.engine.tick();
      const task = await this.task();
      if (task.status !== 'active') return task;
      const next = Math.max(task.dueAt, this.clock.now() + 1);
      if (next > end) {
        this.clock.advance(Math.max(0, end - this.clock.now()));
        return task;
      }
      this.clock.advance(next - this.clock.now());
    }
  }

  /** Run until the task is in `stage` (or ended), at most `maxMs`. */
  async runUntilStage(stage: string, maxMs = 3_600_000): Promise<TaskRecord> {
    const end = this.clock.now() + maxMs;
    for (;;) {
      const task = await this.runFor(500);
      if (task.stage === stage || task.status !== 'active' || this.clock.now() >= end) return task;
    }
  }

  async operatorStep(step: string): Promise<void> {
    await this.engine.operatorStep(this.zone.id, step);
    await this.settle();
  }

  async setMode(to: ControlMode): Promise<void> {
    const from = (await this.f.storage.zones.byId(this.zone.id))!.controlMode;
    await this.f.storage.zones.update(this.zone.id, { controlMode: to }, this.clock.now());
    await this.engine.controlModeChanged(this.zone.id, from, to);
    await this.settle();
  }

  async setPhase(phase: string): Promise<void> {
    await this.f.storage.zones.update(this.zone.id, { workflowPhase: phase }, this.clock.now());
  }

  async phase(): Promise<string> {
    return (await this.f.storage.zones.byId(this.zone.id))!.workflowPhase;
  }

  async events(): Promise<{ type: string; payload: Record<string, unknown> }[]> {
    return this.f.storage.events.list(this.zone.id, { limit: 10_000 });
  }

  async eventTypes(): Promise<string[]> {
    return (await this.events()).map((e) => e.type);
  }

  async alertCodes(): Promise<string[]> {
    const { alerts } = await this.f.storage.alerts.list({
      zoneId: this.zone.id,
      limit: 100,
      offset: 0,
    });
    return alerts.map((a) => a.code);
  }

  /** `role:on|off` of every command sent, in order (set_relay only, plus other cmds by name). */
  sentRelays(): string[] {
    return this.io.sent.map(({ step }) => describe(step));
  }

  async close(): Promise<void> {
    await this.settle();
    await this.f.close();
  }
}

function describe(step: CommandStep): string {
  if (step.cmd !== 'set_relay') return `${step.role}:${step.cmd}`;
  return `${step.role}:${step.params.state === true ? 'on' : 'off'}`;
}
