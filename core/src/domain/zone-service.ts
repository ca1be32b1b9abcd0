import type {
  ControlMode,
  CreateZoneRequest,
  EffectiveTargets,
  UpdateZoneRequest,
  ZoneDetail,
  ZoneView,
} from '../contracts/zones.js';
import type { ZoneRecord } from '../storage/domain-types.js';
import { audit, changes, type DomainContext } from './context.js';
import { loadCycleView } from './cycle-views.js';
import { effectiveTargets } from './effective-targets.js';
import { ConflictError, NotFoundError, unknownReference } from './errors.js';
import { createWithUid } from './uids.js';
import { zoneView } from './views.js';

/** Zones: CRUD, the control mode and the effective targets automation reads. */
export class ZoneService {
  constructor(private readonly ctx: DomainContext) {}

  async list(filter: { greenhouseId?: number } = {}): Promise<ZoneView[]> {
    return (await this.ctx.storage.zones.list(filter)).map(zoneView);
  }

  async get(id: number): Promise<ZoneDetail> {
    return this.detail(await this.require(id));
  }

  async create(input: CreateZoneRequest, actor: string): Promise<ZoneDetail> {
    const { storage, clock } = this.ctx;
    if (!(await storage.greenhouses.byId(input.greenhouse_id)))
      throw unknownReference('greenhouse_id', input.greenhouse_id);
    const created = await createWithUid(input.uid, 'zn', input.name, (uid) =>
      storage.zones.create(
        {
          greenhouseId: input.greenhouse_id,
          uid,
          name: input.name,
          description: input.description,
          controlMode: input.control_mode,
          topology: input.topology,
          settings: input.settings,
        },
        clock.now(),
      ),
    );
    await audit(this.ctx, actor, 'zone.create', target(created), { after: zoneView(created) });
    this.published(created);
    return this.detail(created);
  }

  async update(id: number, input: UpdateZoneRequest, actor: string): Promise<ZoneDetail> {
    const before = await this.require(id);
    const patch = {
      name: input.name,
      description: input.description,
      topology: input.topology,
      settings: input.settings,
    };
    return this.change(before, patch, 'zone.update', actor, {});
  }

  /**
   * Only the mode field for now: what a switch does to running automation (fail-safe stop on
   * manual, reconcile on return to auto) belongs to the automation runtime.
   */
  async setControlMode(
    id: number,
    mode: ControlMode,
    reason: string | null,
    actor: string,
  ): Promise<ZoneDetail> {
    const before = await this.require(id);
    return this.change(before, { controlMode: mode }, 'zone.control_mode', actor, { reason });
  }

  /** Refused while nodes are bound (or binding) to it, or a cycle is active in it. */
  async delete(id: number, actor: string): Promise<void> {
    const { storage } = this.ctx;
    const zone = await this.require(id);
    const nodes = (await storage.nodes.list()).filter(
      (n) => n.zoneId === id || n.pendingZoneId === id,
    );
    if (nodes.length > 0)
      throw new ConflictError(
        'zone_has_nodes',
        `Detach its nodes first (${nodes.map((n) => n.uid).join(', ')})`,
      );
    if (await storage.cycles.activeForZone(id))
      throw new ConflictError('zone_has_active_cycle', 'Harvest or abort its grow cycle first');
    await storage.zones.delete(id);
    await audit(this.ctx, actor, 'zone.delete', target(zone), { before: zoneView(zone) });
    this.ctx.publish({
      channel: 'hydro.zones',
      event: 'zone.updated',
      data: { zone_id: id, zone: null },
    });
  }

  async effectiveTargets(id: number): Promise<EffectiveTargets> {
    const { storage, clock } = this.ctx;
    const zone = await this.require(id);
    const greenhouse = await storage.greenhouses.byId(zone.greenhouseId);
    const cycle = await storage.cycles.activeForZone(id);
    // A planned cycle has not started: nothing of its recipe applies yet.
    const running = cycle && cycle.status !== 'PLANNED' ? cycle : null;
    const phase = running
      ? (await storage.cycles.phases(running.id)).find(
          (p) => p.phaseIndex === running.currentPhaseIndex,
        )
      : undefined;
    return effectiveTargets({
      zone,
      timezone: greenhouse?.timezone ?? 'UTC',
      cycle: running && phase ? { id: running.id, phase } : null,
      now: clock.now(),
    });
  }

  private async change(
    before: ZoneRecord,
    patch: Partial<ZoneRecord>,
    action: string,
    actor: string,
    extra: Record<string, unknown>,
  ): Promise<ZoneDetail> {
    const diff = changes(before, patch);
    if (Object.keys(diff).length === 0) return this.detail(before);
    const after = (await this.ctx.storage.zones.update(before.id, patch, this.ctx.clock.now()))!;
    await audit(this.ctx, actor, action, target(after), { ...diff, ...extra });
    this.published(after);
    return this.detail(after);
  }

  private published(zone: ZoneRecord): void {
    this.ctx.publish({
      channel: 'hydro.zones',
      event: 'zone.updated',
      data: { zone_id: zone.id, zone: zoneView(zone) },
    });
  }

  private async require(id: number): Promise<ZoneRecord> {
    const found = await this.ctx.storage.zones.byId(id);
    if (!found) throw new NotFoundError('zone', id);
    return found;
  }

  private async detail(zone: ZoneRecord): Promise<ZoneDetail> {
    const { storage, clock } = this.ctx;
    const nodes = (await storage.nodes.list()).filter((n) => n.zoneId === zone.id);
    const cycle = await storage.cycles.activeForZone(zone.id);
    return {
      ...zoneView(zone),
      nodes: nodes.map((n) => ({
        id: n.id,
        uid: n.uid,
        name: n.name,
        type: n.type,
        status: n.status,
      })),
      active_cycle: cycle && (await loadCycleView(storage, cycle, clock.now())),
    };
  }
}

const target = (z: ZoneRecord) => ({ type: 'zone', id: z.id });
