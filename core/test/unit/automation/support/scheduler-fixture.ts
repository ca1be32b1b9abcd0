import type { StartTask } from '../../../../src/automation/runtime/engine.js';
import { ScheduleDispatcher } from '../../../../src/automation/scheduler/dispatcher.js';
import type { ZoneSettings } from '../../../../src/contracts/zones.js';
import type { SendCommand, SendResult } from '../../../../src/devices/command-gateway.js';
import { ZoneEvents } from '../../../../src/events/zone-events.js';
import { silentLogger } from '../../../../src/runtime/logger.js';
import type { ScheduleRunRecord, TaskRecord } from '../../../../src/storage/automation-types.js';
import type { CommandRecord } from '../../../../src/storage/types.js';
import { domainFixture, type DomainFixture } from '../../../helpers/domain-fixture.js';

/**
 * The scheduler over a real in-memory store and domain (effective targets, greenhouse time zone)
 * on a fake clock. The engine is a stand-in with the real task repository behind it, so
 * idempotency keys and `zone_busy` behave as in the runtime; the gateway records what it is sent
 * and, like the real one, skips a cmd_id it has already delivered.
 */
export interface SchedulerFixture extends DomainFixture {
  zoneId: number;
  dispatcher: ScheduleDispatcher;
  /** Every startTask call, in order. */
  starts: StartTask[];
  /** Every command the gateway published (repeats excluded). */
  sent: SendCommand[];
  /** Set the wall clock (UTC ms) and run one dispatcher tick. */
  tickAt(at: number): Promise<void>;
  /** Move the clock without a tick (downtime). */
  setTime(at: number): void;
  /** Finish the zone's active task, freeing the zone. */
  finishActive(): Promise<void>;
  activeTask(): Promise<TaskRecord | null>;
  runs(): Promise<ScheduleRunRecord[]>;
  setZone(patch: {
    settings?: ZoneSettings;
    controlMode?: 'auto' | 'semi' | 'manual';
    workflowPhase?: string;
  }): Promise<void>;
  /** A new dispatcher on the same store (a core restart). */
  restart(): ScheduleDispatcher;
}

export async function schedulerFixture(
  timezone: string,
  settings: ZoneSettings,
  start: number,
): Promise<SchedulerFixture> {
  const f = await domainFixture();
  const { storage, clock, domain } = f;
  clock.advance(start - clock.now());
  const gh = await domain.greenhouses.create({ name: 'House', timezone, description: null }, 't');
  const zone = await domain.zones.create(
    {
      greenhouse_id: gh.id,
      name: 'Bench',
      description: null,
      control_mode: 'auto',
      topology: 'two_tank',
      settings,
    },
    't',
  );
  await storage.zones.update(zone.id, { workflowPhase: 'ready' }, clock.now());
  const starts: StartTask[] = [];
  const sent: SendCommand[] = [];
  const delivered = new Set<string>();
  const engine = {
    async startTask(input: StartTask): Promise<TaskRecord> {
      starts.push(input);
      const { task } = await storage.tasks.create(
        {
          zoneId: input.zoneId,
          kind: input.kind,
          stage: 'run',
          stageDeadlineAt: null,
          dueAt: clock.now(),
          source: input.source,
          idempotencyKey: input.idempotencyKey ?? null,
          payload: input.payload ?? {},
        },
        clock.now(),
      );
      return task;
    },
    guardReady: () => Promise.resolve(false),
  };
  const commands = {
    send(request: SendCommand): Promise<SendResult> {
      const repeated = delivered.has(request.cmdId!);
      if (!repeated) sent.push(request);
      delivered.add(request.cmdId!);
      const command = { cmdId: request.cmdId, status: 'SENT' } as CommandRecord;
      return Promise.resolve({ command, skipped: repeated });
    },
  };
  const ctx = {
    storage,
    clock,
    logger: silentLogger(),
    commands,
    zoneEvents: new ZoneEvents({ storage, clock, publish: () => undefined }),
    targets: (id: number) => domain.zones.effectiveTargets(id),
  };
  const fixture: SchedulerFixture = {
    ...f,
    zoneId: zone.id,
    dispatcher: new ScheduleDispatcher(ctx, engine),
    starts,
    sent,
    async tickAt(at) {
      fixture.setTime(at);
      await fixture.dispatcher.tick();
    },
    setTime(at) {
      if (at < clock.now()) throw new Error('time runs forward only');
      clock.advance(at - clock.now());
    },
    async finishActive() {
      const task = await storage.tasks.activeForZone(zone.id);
      if (task)
        await storage.tasks.update(
          task.id,
          task.version,
          { status: 'completed', outcome: 'done', finishedAt: clock.now() },
          clock.now(),
        );
    },
    activeTask: () => storage.tasks.activeForZone(zone.id),
    async runs() {
      const all = await storage.schedule.runs(zone.id, { fromMs: 0, toMs: 2 ** 52, limit: 10_000 });
      return all.reverse();
    },
    async setZone(patch) {
      await storage.zones.update(zone.id, patch, clock.now());
    },
    restart() {
      fixture.dispatcher = new ScheduleDispatcher(ctx, engine);
      return fixture.dispatcher;
    },
  };
  return fixture;
}

/** UTC ms of an ISO instant, for readable test times. */
export const at = (iso: string): number => Date.parse(iso);

/** A run as `outcome reason @ISO` (reason omitted when null), for compact assertions. */
export function describeRun(run: ScheduleRunRecord): string {
  const when = new Date(run.slotAt).toISOString().slice(0, 16);
  return [run.outcome, run.reason, `@${when}`].filter((p) => p !== null).join(' ');
}
