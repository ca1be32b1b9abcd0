import type { TimerHandle } from '../../runtime/clock.js';
import type { Component, ComponentStatus } from '../../runtime/component.js';
import { HydroError } from '../../runtime/errors.js';
import type { TaskKind, TaskRecord } from '../../storage/automation-types.js';
import type { ZoneRecord } from '../../storage/domain-types.js';
import { LightingDispatch } from '../lighting/lighting-dispatch.js';
import type { StartTask } from '../runtime/engine.js';
import type { RuntimeContext } from '../runtime/runtime-context.js';
import { keepPrepared } from './keep-prepared.js';
import { scheduleItems, type ScheduleItem } from './schedule-items.js';
import { runItem, type Execution, type ItemRun, type RunCounters } from './schedule-runner.js';
import type { Slot } from './slots.js';

/** Reference §7.2 ticks every 10–60 s; 30 s puts a time slot within half a minute of its time. */
export const SCHEDULER_TICK_MS = 30_000;
/** The first pass after start-up waits this long (see start()). */
export const STARTUP_GRACE_MS = 15_000;
/** §7.2: at most 20 catch-up replays per tick across all zones. */
export const MAX_REPLAYS_PER_TICK = 20;
/** Schedule runs are kept this long (the schedule view shows at most a week back). */
export const RUN_RETENTION_MS = 30 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

/** What the dispatcher needs of the zone runtime. */
export interface TaskStarter {
  startTask(input: StartTask): Promise<TaskRecord>;
  /** The ready-state guard: true when it found the tank dry and set the zone idle. */
  guardReady(zone: ZoneRecord): Promise<boolean>;
}

export type SchedulerContext = Pick<
  RuntimeContext,
  'storage' | 'clock' | 'logger' | 'commands' | 'zoneEvents' | 'targets'
>;

/**
 * The scheduler (reference-domain §7): every tick, for every zone and schedule, the slots due
 * since the schedule's cursor are dispatched (irrigation and top-up as zone tasks through the
 * engine, lighting straight to the light), skipped or recorded missed, each under its slot's
 * idempotency key, and the cursor moves on. Ticks never overlap; a slow one drops the next.
 */
export class ScheduleDispatcher implements Component {
  readonly name = 'scheduler';
  private timer: TimerHandle | null = null;
  private firstPass: TimerHandle | null = null;
  private running: Promise<void> | null = null;
  private reassert = true;
  private lastError: string | null = null;
  private lastTickAt: number | null = null;
  private lastPruneAt = 0;
  private ticks = 0;
  private readonly noted = new Map<string, string>();
  private readonly counters: RunCounters = {
    dispatched: 0,
    deduplicated: 0,
    skipped: 0,
    missedWindows: 0,
    busy: 0,
    failed: 0,
  };
  private readonly lighting: LightingDispatch;

  constructor(
    private readonly ctx: SchedulerContext,
    private readonly engine: TaskStarter,
    private readonly tickMs = SCHEDULER_TICK_MS,
  ) {
    this.lighting = new LightingDispatch(ctx);
  }

  start(): Promise<void> {
    this.reassert = true;
    this.timer = this.ctx.clock.setInterval(() => void this.tick(), this.tickMs);
    // The first pass comes once the nodes have had time to reconnect and report after a
    // start-up (a task started on readings from before the downtime would fail on them).
    this.firstPass = this.ctx.clock.setTimeout(() => void this.tick(), STARTUP_GRACE_MS);
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.firstPass?.cancel();
    this.timer?.cancel();
    this.timer = null;
    await this.running;
  }

  status(): ComponentStatus {
    const c = this.counters;
    const metrics = {
      ticks: this.ticks,
      dispatched: c.dispatched,
      deduplicated: c.deduplicated,
      skipped: c.skipped,
      missed_windows_total: c.missedWindows,
      busy: c.busy,
      failed: c.failed,
      last_tick_at: this.lastTickAt === null ? '' : new Date(this.lastTickAt).toISOString(),
    };
    if (this.lastError !== null)
      return { state: 'degraded', detail: `last tick failed: ${this.lastError}`, metrics };
    return { state: this.timer ? 'healthy' : 'stopped', detail: null, metrics };
  }

  /** One pass over every zone; a call while a pass runs waits for that one instead. */
  tick(): Promise<void> {
    this.running ??= this.pass()
      .catch((err: unknown) => {
        // Never an unhandled rejection from a timer: the next tick tries again.
        this.lastError = err instanceof Error ? err.message : String(err);
        this.ctx.logger.error({ err }, 'scheduler pass failed');
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<void> {
    const now = this.ctx.clock.now();
    const budget = { replays: MAX_REPLAYS_PER_TICK };
    const timezones = new Map<number, string>();
    let error: string | null = null;
    for (const zone of await this.ctx.storage.zones.list()) {
      try {
        await this.runZone(zone, now, budget, timezones);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
        this.ctx.logger.error({ err, zone: zone.id }, 'scheduler pass failed for a zone');
      }
    }
    this.reassert = false;
    this.lastError = error;
    this.lastTickAt = now;
    this.ticks += 1;
    if (now - this.lastPruneAt >= PRUNE_EVERY_MS) {
      this.lastPruneAt = now;
      await this.ctx.storage.schedule.prune(now - RUN_RETENTION_MS);
    }
  }

  private async runZone(
    zone: ZoneRecord,
    now: number,
    budget: { replays: number },
    timezones: Map<number, string>,
  ): Promise<void> {
    const reset = await this.engine.guardReady(zone);
    await keepPrepared(this.ctx, this.engine, reset ? { ...zone, workflowPhase: 'idle' } : zone);
    const targets = await this.ctx.targets(zone.id);
    const items = scheduleItems(zone.settings, targets);
    if (items.length === 0) return;
    let timezone = timezones.get(zone.greenhouseId);
    if (timezone === undefined) {
      timezone = (await this.ctx.storage.greenhouses.byId(zone.greenhouseId))?.timezone ?? 'UTC';
      timezones.set(zone.greenhouseId, timezone);
    }
    const run: ItemRun = {
      storage: this.ctx.storage,
      zone,
      timezone,
      now,
      reassert: this.reassert,
      budget,
      counters: this.counters,
      noted: this.noted,
      execute: (item, slot, key) => this.execute(zone, item, slot, key),
    };
    for (const item of items) await runItem(run, item);
  }

  private async execute(
    zone: ZoneRecord,
    item: ScheduleItem,
    slot: Slot,
    key: string,
  ): Promise<Execution> {
    try {
      if (item.task === 'lighting') {
        const sent = await this.lighting.apply(
          zone.id,
          slot.state ?? 'off',
          key,
          zone.settings.lighting?.brightness_pct ?? null,
        );
        const { cmdId, cmd, params, repeated } = sent;
        return {
          outcome: 'dispatched',
          taskId: null,
          details: { cmd_id: cmdId, cmd, params, repeated },
        };
      }
      const task = await this.engine.startTask({
        zoneId: zone.id,
        kind: item.task satisfies TaskKind,
        payload: item.payload,
        source: 'scheduler',
        idempotencyKey: key,
      });
      return { outcome: 'dispatched', taskId: task.id, details: null };
    } catch (error) {
      if (error instanceof HydroError && error.code === 'zone_busy') return { outcome: 'busy' };
      const reason = error instanceof HydroError ? error.code : 'dispatch_error';
      const message = error instanceof Error ? error.message : String(error);
      this.ctx.logger.warn({ err: error, zone: zone.id, key }, 'scheduled slot not dispatched');
      return { outcome: 'failed', reason, details: { message } };
    }
  }
}
