import type { AlertSeverity } from '../contracts/alerts.js';
import type {
  CreateCycleRequest,
  CycleDetail,
  CycleStatus,
  CycleView,
} from '../contracts/cycles.js';
import type { TimerHandle } from '../runtime/clock.js';
import type { Component, ComponentStatus } from '../runtime/component.js';
import type { CycleRecord } from '../storage/domain-types.js';
import { audit, type DomainContext } from './context.js';
import { nextPhaseIndex, phaseDueAt, planTransition, type CycleAction } from './cycle-machine.js';
import { loadCycleDetail, loadCycleView } from './cycle-views.js';
import { ConflictError, NotFoundError, UnprocessableError, unknownReference } from './errors.js';

/** Reads whether a zone has an ACTIVE alert of at least this severity (the alerts store). */
export interface ActiveAlertReader {
  hasActiveAtLeast(zoneId: number, severity: AlertSeverity): Promise<boolean>;
}

/**
 * Raises (or repeats, by `dedupeKey`) an alert (the alerts service). Resolves to null when the
 * alert was dropped (rate limit), to anything else when it was raised.
 */
export interface AlertRaiser {
  raise(a: {
    zoneId: number;
    code: string;
    severity: AlertSeverity;
    message: string;
    dedupeKey: string;
    details?: Record<string, unknown>;
  }): Promise<unknown>;
}

/** reference-domain §3.3: the auto-advance job runs every 5 minutes. */
export const AUTO_ADVANCE_INTERVAL_MS = 5 * 60_000;
export const RECIPE_COMPLETED_ALERT = 'biz_recipe_completed_review_required';
const AUTO_ACTOR = 'automation:auto-advance';

/** Where the grow-cycle guards read active alerts and where the end-of-recipe review goes. */
export interface CycleAlerts {
  reader: ActiveAlertReader;
  raiser: AlertRaiser;
}

/**
 * Grow cycles (reference-domain §3.1, §3.3): created PLANNED from a PUBLISHED revision with a
 * copy of its phases, then started, paused, advanced, harvested or aborted; every change is a
 * recorded transition. A timer advances running cycles whose phase time is up, only in zones in
 * `auto` mode and never while the zone has an error or critical alert; after the last phase it
 * raises the end-of-recipe review alert once and keeps the cycle in that phase.
 */
export class GrowCycleService implements Component {
  readonly name = 'cycles';
  private timer: TimerHandle | undefined;
  private ticking: Promise<void> | undefined;
  private lastTick = { at: 0, advanced: 0, failed: 0 };

  constructor(
    private readonly ctx: DomainContext,
    private readonly alerts: CycleAlerts,
  ) {}

  start(): Promise<void> {
    this.timer = this.ctx.clock.setInterval(() => void this.tick(), AUTO_ADVANCE_INTERVAL_MS);
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = undefined;
    await this.ticking;
  }

  status(): ComponentStatus {
    const { at, advanced, failed } = this.lastTick;
    return {
      state: failed > 0 ? 'degraded' : 'healthy',
      detail:
        at === 0
          ? 'auto-advance waiting for its first run'
          : `${advanced} phases advanced last run`,
      metrics: { last_tick_at: at, advanced, failed },
    };
  }

  async list(filter: { zoneId?: number; status?: CycleStatus }): Promise<CycleView[]> {
    const cycles = await this.ctx.storage.cycles.list({
      zoneId: filter.zoneId,
      statuses: filter.status && [filter.status],
    });
    return Promise.all(cycles.map((c) => loadCycleView(this.ctx.storage, c, this.ctx.clock.now())));
  }

  async get(id: number): Promise<CycleDetail> {
    return loadCycleDetail(this.ctx.storage, await this.require(id), this.ctx.clock.now());
  }

  /** The zone's PLANNED, RUNNING or PAUSED cycle, or null. */
  async active(zoneId: number): Promise<CycleView | null> {
    const { storage, clock } = this.ctx;
    if (!(await storage.zones.byId(zoneId))) throw new NotFoundError('zone', zoneId);
    const cycle = await storage.cycles.activeForZone(zoneId);
    return cycle && loadCycleView(storage, cycle, clock.now());
  }

  async create(zoneId: number, input: CreateCycleRequest, actor: string): Promise<CycleDetail> {
    const { storage, clock } = this.ctx;
    const zone = await storage.zones.byId(zoneId);
    if (!zone) throw new NotFoundError('zone', zoneId);
    const revision = await storage.recipes.revisionById(input.recipe_revision_id);
    if (!revision) throw unknownReference('recipe_revision_id', input.recipe_revision_id);
    if (revision.status !== 'PUBLISHED')
      throw new ConflictError(
        'revision_not_published',
        `Revision ${revision.id} is ${revision.status}; only a PUBLISHED revision can be grown`,
      );
    const phases = await storage.recipes.phases(revision.id);
    // The two-tank workflow doses all four nutrient lines by ratio (reference §3.1).
    const withoutRatios = phases.filter((p) => p.nutrientNpkRatioPct === null);
    if (zone.topology === 'two_tank' && withoutRatios.length > 0)
      throw new UnprocessableError(
        'recipe_phase_ratios_missing',
        `A two-tank zone needs nutrient ratios in every phase (missing in ${withoutRatios.map((p) => p.name).join(', ')})`,
      );
    const recipe = await storage.recipes.byId(revision.recipeId);
    const plantId = input.plant_id === undefined ? (recipe?.plantId ?? null) : input.plant_id;
    if (plantId !== null && !(await storage.plants.byId(plantId)))
      throw unknownReference('plant_id', plantId);
    const cycle = await storage.cycles.create(
      {
        zoneId,
        recipeRevisionId: revision.id,
        plantId,
        batchLabel: input.batch_label,
        notes: input.notes,
        plantingAt: input.planting_at === undefined ? null : Date.parse(input.planting_at),
        phases: phases.map((p) => ({ ...p, sourcePhaseId: p.id })),
        actor,
      },
      clock.now(),
    );
    await audit(this.ctx, actor, 'grow_cycle.create', target(cycle), {
      zone_id: zoneId,
      recipe_revision_id: revision.id,
    });
    await this.published(cycle);
    if (input.start_immediately) return this.act(cycle.id, { type: 'start' }, actor, null);
    return this.get(cycle.id);
  }

  /** Applies a state-machine action; 409 when the cycle is not in a status that allows it. */
  async act(
    id: number,
    action: CycleAction,
    actor: string,
    comment: string | null,
  ): Promise<CycleDetail> {
    const { storage, clock } = this.ctx;
    const cycle = await this.require(id);
    const phases = await storage.cycles.phases(id);
    // One instant for the whole transition: started_at and phase_started_at must agree.
    const now = clock.now();
    const change = planTransition(cycle, phases, action, now, { actor, comment });
    const after = await storage.cycles.apply(id, change, now);
    if (!after)
      throw new ConflictError('cycle_invalid_transition', 'The cycle changed meanwhile; reload it');
    await audit(this.ctx, actor, `grow_cycle.${action.type}`, target(after), {
      status: [cycle.status, after.status],
      phase_index: [cycle.currentPhaseIndex, after.currentPhaseIndex],
      ...(comment === null ? {} : { comment }),
    });
    await this.published(after);
    return this.get(id);
  }

  /** One auto-advance pass over the running cycles; overlapping passes are skipped. */
  private tick(): Promise<void> {
    this.ticking ??= this.advanceDue().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async advanceDue(): Promise<void> {
    const running = await this.ctx.storage.cycles.list({ statuses: ['RUNNING'] });
    let advanced = 0;
    let failed = 0;
    for (const cycle of running) {
      try {
        if (await this.advanceIfDue(cycle)) advanced++;
      } catch (error) {
        failed++;
        this.ctx.logger.error({ err: error, cycle: cycle.id }, 'auto-advance failed');
      }
    }
    this.lastTick = { at: this.ctx.clock.now(), advanced, failed };
  }

  private async advanceIfDue(cycle: CycleRecord): Promise<boolean> {
    const { storage, clock } = this.ctx;
    const zone = await storage.zones.byId(cycle.zoneId);
    // semi and manual never auto-advance: the UI shows the phase as ready instead.
    if (zone?.controlMode !== 'auto') return false;
    const phases = await storage.cycles.phases(cycle.id);
    const current = phases.find((p) => p.phaseIndex === cycle.currentPhaseIndex);
    const due = current ? phaseDueAt(cycle, current) : null;
    if (due === null || due > clock.now()) return false;
    // Skipped silently and retried on the next pass (reference §3.3).
    if (await this.alerts.reader.hasActiveAtLeast(zone.id, 'error')) return false;
    if (nextPhaseIndex(phases, cycle.currentPhaseIndex) === undefined) {
      if (cycle.recipeCompletedAt === null) await this.reviewRecipeEnd(cycle, current!.name);
      return false;
    }
    await this.act(cycle.id, { type: 'advance', auto: true }, AUTO_ACTOR, null);
    return true;
  }

  /** The recipe has no phase left: the zone keeps the last one and an agronomist decides. */
  private async reviewRecipeEnd(cycle: CycleRecord, phaseName: string): Promise<void> {
    const raised = await this.alerts.raiser.raise({
      zoneId: cycle.zoneId,
      code: RECIPE_COMPLETED_ALERT,
      severity: 'warning',
      message: `The recipe's last phase (${phaseName}) is over; harvest the cycle or set a phase`,
      dedupeKey: `${RECIPE_COMPLETED_ALERT}:cycle:${cycle.id}`,
      details: { cycle_id: cycle.id, phase_index: cycle.currentPhaseIndex },
    });
    // A dropped alert is raised again on the next pass; a raised one is never repeated.
    if (raised === null) return;
    if (await this.ctx.storage.cycles.markRecipeCompleted(cycle.id, this.ctx.clock.now())) {
      const after = await this.require(cycle.id);
      await this.published(after);
    }
  }

  private async published(cycle: CycleRecord): Promise<void> {
    this.ctx.publish({
      channel: 'hydro.cycles',
      event: 'cycle.updated',
      data: {
        zone_id: cycle.zoneId,
        cycle: await loadCycleView(this.ctx.storage, cycle, this.ctx.clock.now()),
      },
    });
  }

  private async require(id: number): Promise<CycleRecord> {
    const found = await this.ctx.storage.cycles.byId(id);
    if (!found) throw new NotFoundError('grow_cycle', id);
    return found;
  }
}

const target = (c: CycleRecord) => ({ type: 'grow_cycle', id: c.id });
