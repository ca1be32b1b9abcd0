import type { NutrientProductView, PlantView } from '../contracts/catalog.js';
import type { CatalogRepo, NutrientProductRecord, PlantRecord } from '../storage/domain-types.js';
import { audit, changes, type DomainContext } from './context.js';
import { NotFoundError } from './errors.js';
import { nutrientProductView, plantView } from './views.js';

type Stamped = { id: number; createdAt: number; updatedAt: number };
/** What a catalog request carries: the record without its id and stamps. */
export type CatalogFields<R> = Omit<R, 'id' | 'createdAt' | 'updatedAt'>;

/** Create, read, update and delete of one catalog kind, audited (request fields = record fields). */
export class CatalogEntries<R extends Stamped, V> {
  constructor(
    private readonly ctx: DomainContext,
    private readonly spec: {
      kind: string;
      repo: () => CatalogRepo<R>;
      view: (record: R) => V;
    },
  ) {}

  async list(): Promise<V[]> {
    return (await this.spec.repo().list()).map(this.spec.view);
  }

  async get(id: number): Promise<V> {
    return this.spec.view(await this.require(id));
  }

  async create(input: CatalogFields<R>, actor: string): Promise<V> {
    const created = await this.spec.repo().create(input, this.ctx.clock.now());
    const view = this.spec.view(created);
    await audit(this.ctx, actor, `${this.spec.kind}.create`, this.target(created), { after: view });
    return view;
  }

  async update(id: number, patch: Partial<CatalogFields<R>>, actor: string): Promise<V> {
    const before = await this.require(id);
    const diff = changes(before as CatalogFields<R>, patch);
    if (Object.keys(diff).length === 0) return this.spec.view(before);
    const after = (await this.spec.repo().update(id, patch, this.ctx.clock.now()))!;
    await audit(this.ctx, actor, `${this.spec.kind}.update`, this.target(after), diff);
    return this.spec.view(after);
  }

  /** Refused (409 `<kind>_in_use`) while recipes, phases or cycles refer to it. */
  async delete(id: number, actor: string): Promise<void> {
    const before = await this.require(id);
    await this.spec.repo().delete(id);
    await audit(this.ctx, actor, `${this.spec.kind}.delete`, this.target(before), {
      before: this.spec.view(before),
    });
  }

  private async require(id: number): Promise<R> {
    const found = await this.spec.repo().byId(id);
    if (!found) throw new NotFoundError(this.spec.kind, id);
    return found;
  }

  private target(record: R) {
    return { type: this.spec.kind, id: record.id };
  }
}

/** Plants and nutrient products (reference-domain §2.1). */
export function createCatalog(ctx: DomainContext) {
  return {
    plants: new CatalogEntries<PlantRecord, PlantView>(ctx, {
      kind: 'plant',
      repo: () => ctx.storage.plants,
      view: plantView,
    }),
    nutrientProducts: new CatalogEntries<NutrientProductRecord, NutrientProductView>(ctx, {
      kind: 'nutrient_product',
      repo: () => ctx.storage.nutrientProducts,
      view: nutrientProductView,
    }),
  };
}

export type Catalog = ReturnType<typeof createCatalog>;
