import type {
  CreateGreenhouseRequest,
  GreenhouseDetail,
  GreenhouseView,
  UpdateGreenhouseRequest,
} from '../contracts/greenhouses.js';
import type { GreenhouseRecord } from '../storage/domain-types.js';
import { audit, changes, type DomainContext } from './context.js';
import { NotFoundError } from './errors.js';
import { createWithUid } from './uids.js';
import { greenhouseView, zoneView } from './views.js';

/** Greenhouses: create, read, rename, move to another time zone, delete when empty. */
export class GreenhouseService {
  constructor(private readonly ctx: DomainContext) {}

  async list(): Promise<GreenhouseView[]> {
    return (await this.ctx.storage.greenhouses.list()).map(greenhouseView);
  }

  async get(id: number): Promise<GreenhouseDetail> {
    return this.detail(await this.require(id));
  }

  async create(input: CreateGreenhouseRequest, actor: string): Promise<GreenhouseDetail> {
    const created = await createWithUid(input.uid, 'gh', input.name, (uid) =>
      this.ctx.storage.greenhouses.create(
        { uid, name: input.name, timezone: input.timezone, description: input.description },
        this.ctx.clock.now(),
      ),
    );
    const view = greenhouseView(created);
    await audit(this.ctx, actor, 'greenhouse.create', target(created), { after: view });
    return { ...view, zones: [] };
  }

  async update(
    id: number,
    input: UpdateGreenhouseRequest,
    actor: string,
  ): Promise<GreenhouseDetail> {
    const before = await this.require(id);
    const diff = changes(before, input);
    const after =
      (await this.ctx.storage.greenhouses.update(id, input, this.ctx.clock.now())) ?? before;
    if (Object.keys(diff).length > 0)
      await audit(this.ctx, actor, 'greenhouse.update', target(after), diff);
    return this.detail(after);
  }

  /** Refused (409 greenhouse_has_zones) while it has zones. */
  async delete(id: number, actor: string): Promise<void> {
    const before = await this.require(id);
    await this.ctx.storage.greenhouses.delete(id);
    await audit(this.ctx, actor, 'greenhouse.delete', target(before), {
      before: greenhouseView(before),
    });
  }

  private async require(id: number): Promise<GreenhouseRecord> {
    const found = await this.ctx.storage.greenhouses.byId(id);
    if (!found) throw new NotFoundError('greenhouse', id);
    return found;
  }

  private async detail(greenhouse: GreenhouseRecord): Promise<GreenhouseDetail> {
    const zones = await this.ctx.storage.zones.list({ greenhouseId: greenhouse.id });
    return { ...greenhouseView(greenhouse), zones: zones.map(zoneView) };
  }
}

const target = (g: GreenhouseRecord) => ({ type: 'greenhouse', id: g.id });
