import { testRuntimeContext } from './runtime-context.js';
import { PUMP_REST_MS } from '../../../../../src/automation/runtime/workflows/tank-config.js';
import { AutomationEngine } from '../../../../../src/automation/runtime/engine.js';
import type { ZoneTopology } from '../../../../../src/contracts/zones.js';
import type { TaskRecord } from '../../../../../src/storage/automation-types.js';
import type { ZoneRecord } from '../../../../../src/storage/domain-types.js';
import { domainFixture, type DomainFixture } from '../../../../helpers/domain-fixture.js';
import { FakeZoneIo } from './fake-zone-io.js';

/**
 * The real engine and workflows over an in-memory store with a fake ZoneIo, for the irrigation
 * stage-table tests: a zone in `ready` with the given topology and settings.
 */
export interface IrrigationRig {
  f: DomainFixture;
  io: FakeZoneIo;
  zone: ZoneRecord;
  engine: AutomationEngine;
  /** Let `ms` pass in 250 ms steps (a plan sends one command per poll), ticking the engine. */
  run(ms?: number): Promise<void>;
  irrigate(payload?: Record<string, unknown>): Promise<TaskRecord>;
  task(): Promise<TaskRecord>;
  phase(): Promise<string>;
  events(): Promise<string[]>;
  alertCodes(): Promise<string[]>;
  /** Every command step sent, in order. */
  steps(): unknown[];
  close(): Promise<void>;
}

/** The zone's hardware: two-tank irrigation actuators, a light, pH probe and acid pump on node 2. */
export function twoTankIo(now: () => number): FakeZoneIo {
  return new FakeZoneIo(now)
    .bind('valve_solution_supply', 'valve_irrigation', 'pump_main', 'light')
    .bindOn(2, 'ph_sensor', 'pump_acid')
    .setLevel('level_solution_min', true);
}

export async function irrigationRig(
  topology: ZoneTopology = 'two_tank',
  settings: Record<string, unknown> = {},
  ioOf: (now: () => number) => FakeZoneIo = twoTankIo,
): Promise<IrrigationRig> {
  const f = await domainFixture();
  const io = ioOf(() => f.clock.now());
  const gh = await f.domain.greenhouses.create(
    { name: 'H', timezone: 'UTC', description: null },
    't',
  );
  const created = await f.domain.zones.create(
    {
      greenhouse_id: gh.id,
      name: 'Z',
      description: null,
      control_mode: 'auto',
      topology,
      settings,
    },
    't',
  );
  await f.storage.zones.update(created.id, { workflowPhase: 'ready' }, f.clock.now());
  const zone = (await f.storage.zones.byId(created.id))!;
  const ctx = testRuntimeContext(f);
  const engine = new AutomationEngine(ctx, () => io);
  await engine.start();
  const run = async (ms = 0) => {
    for (let t = 0; t <= ms; t += 250) {
      if (t > 0) f.clock.advance(250);
      await engine.tick();
      await engine.tick();
    }
  };
  return {
    f,
    io,
    zone,
    engine,
    run,
    /** Starts a run and lets the pump rest (PUMP_REST_MS) pass, so the start plan is under way. */
    async irrigate(payload: Record<string, unknown> = { requested_duration_sec: 10 }) {
      const task = await engine.startTask({
        zoneId: zone.id,
        kind: 'irrigation',
        source: 'operator:t',
        payload,
      });
      await run(PUMP_REST_MS);
      return task;
    },
    task: async () => (await f.storage.tasks.listForZone(zone.id, 1))[0]!,
    phase: async () => (await f.storage.zones.byId(zone.id))!.workflowPhase,
    events: async () => (await f.storage.events.list(zone.id, { limit: 200 })).map((e) => e.type),
    alertCodes: async () =>
      (await f.storage.alerts.list({ zoneId: zone.id, limit: 50, offset: 0 })).alerts.map(
        (a) => a.code,
      ),
    steps: () => io.sent.map((s) => s.step),
    async close() {
      await engine.stop();
      await f.close();
    },
  };
}
