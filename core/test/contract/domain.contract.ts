import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/domain/errors.js';
import type { Storage } from '../../src/storage/storage.js';
import { phaseTargets } from './domain-records.js';
import { nodeInput, PH_CHANNEL, PUMP_CHANNEL, seedZone, T0 } from './records.js';
import type { StorageUnderTest } from './storage.contract.js';

/** A ConflictError with `code`, as an asymmetric matcher. */
const conflict = (code: string): unknown =>
  expect.objectContaining({ code, constructor: ConflictError });

/**
 * Greenhouses, zones, channel bindings and the catalog, the same on every dialect. Each test gets
 * a fresh, migrated, empty store.
 */
export function describeDomainContract(
  name: string,
  makeStorage: () => Promise<StorageUnderTest>,
): void {
  describe(`Domain contract: ${name}`, () => {
    let store: StorageUnderTest;
    let s: Storage;
    beforeEach(async () => {
      store = await makeStorage();
      s = store.storage;
    });
    afterEach(() => store.close());

    describe('greenhouses', () => {
      it('round-trips every field; updates only what the patch names', async () => {
        const gh = await s.greenhouses.create(
          { uid: 'gh-a', name: 'A', timezone: 'Europe/Berlin', description: 'North' },
          T0,
        );
        expect(gh).toEqual({
          id: gh.id,
          uid: 'gh-a',
          name: 'A',
          timezone: 'Europe/Berlin',
          description: 'North',
          createdAt: T0,
          updatedAt: T0,
        });
        expect(await s.greenhouses.byId(gh.id)).toEqual(gh);
        const updated = await s.greenhouses.update(gh.id, { name: 'B', description: null }, T0 + 5);
        expect(updated).toEqual({ ...gh, name: 'B', description: null, updatedAt: T0 + 5 });
        expect(await s.greenhouses.list()).toEqual([updated]);
        expect(await s.greenhouses.update(gh.id + 99, { name: 'x' }, T0)).toBeNull();
      });

      it('refuses a taken uid and a delete while zones remain', async () => {
        await s.greenhouses.create({ uid: 'gh-a', name: 'A', timezone: 'UTC' }, T0);
        await expect(
          s.greenhouses.create({ uid: 'gh-a', name: 'again', timezone: 'UTC' }, T0),
        ).rejects.toEqual(conflict('uid_taken'));
        const zone = await seedZone(s);
        await expect(s.greenhouses.delete(zone.greenhouseId)).rejects.toEqual(
          conflict('greenhouse_has_zones'),
        );
        await s.zones.delete(zone.id);
        expect(await s.greenhouses.delete(zone.greenhouseId)).toBe(true);
        expect(await s.greenhouses.delete(zone.greenhouseId)).toBe(false);
      });
    });

    describe('zones', () => {
      it('defaults to auto, idle, two tanks and no settings; round-trips settings JSON', async () => {
        const zone = await seedZone(s);
        expect(zone).toMatchObject({
          description: null,
          controlMode: 'auto',
          workflowPhase: 'idle',
          topology: 'two_tank',
          settings: {},
          createdAt: T0,
          updatedAt: T0,
        });
        const settings = {
          irrigation: { enabled: false, interval_sec: 900 },
          tanks: { clean_volume_l: 200, solution_volume_l: 120.5 },
        };
        const updated = await s.zones.update(
          zone.id,
          { controlMode: 'semi', topology: 'single_tank', settings, description: 'Bench 2' },
          T0 + 9,
        );
        expect(updated).toEqual({
          ...zone,
          controlMode: 'semi',
          topology: 'single_tank',
          settings,
          description: 'Bench 2',
          updatedAt: T0 + 9,
        });
        expect(await s.zones.byUid(zone.uid)).toEqual(updated);
      });

      it('lists all zones or one greenhouse’s, and refuses a taken uid', async () => {
        const a = await seedZone(s, 'zn-a');
        const b = await seedZone(s, 'zn-b');
        expect((await s.zones.list()).map((z) => z.id)).toEqual([a.id, b.id]);
        expect(await s.zones.list({ greenhouseId: b.greenhouseId })).toEqual([b]);
        await expect(
          s.zones.create({ greenhouseId: a.greenhouseId, uid: 'zn-b', name: 'dup' }, T0),
        ).rejects.toEqual(conflict('uid_taken'));
      });

      it('refuses to delete a zone a node refers to; deletes its bindings with it', async () => {
        const zone = await seedZone(s);
        const node = await s.nodes.create(nodeInput(1, { zoneId: zone.id }));
        await s.bindings.put(
          { zoneId: zone.id, role: 'ph_sensor', nodeId: node.id, channel: 'ph' },
          T0,
        );
        await expect(s.zones.delete(zone.id)).rejects.toEqual(conflict('zone_in_use'));
        expect(await s.bindings.listForZone(zone.id)).toHaveLength(1);
        const other = await seedZone(s, 'zn-2');
        await s.bindings.put(
          { zoneId: zone.id, role: 'pump_acid', nodeId: node.id, channel: 'pump_1' },
          T0,
        );
        // Moving the node away drops its bindings; then nothing refers to the zone.
        await s.nodes.update(node.id, { zoneId: other.id });
        expect(await s.bindings.listForZone(zone.id)).toEqual([]);
        expect(await s.zones.delete(zone.id)).toBe(true);
        expect(await s.zones.byId(zone.id)).toBeNull();
      });
    });

    describe('channel bindings', () => {
      it('binds, rebinds a role, refuses a channel playing two roles, and unbinds', async () => {
        const zone = await seedZone(s);
        const node = await s.nodes.create(nodeInput(1, { zoneId: zone.id }));
        await s.nodes.replaceChannels(node.id, [PH_CHANNEL, PUMP_CHANNEL]);
        const bound = await s.bindings.put(
          { zoneId: zone.id, role: 'pump_acid', nodeId: node.id, channel: 'pump_1' },
          T0,
        );
        expect(bound).toEqual({
          zoneId: zone.id,
          role: 'pump_acid',
          nodeId: node.id,
          nodeUid: node.uid,
          channel: 'pump_1',
          createdAt: T0,
          updatedAt: T0,
        });
        await expect(
          s.bindings.put(
            { zoneId: zone.id, role: 'pump_base', nodeId: node.id, channel: 'pump_1' },
            T0,
          ),
        ).rejects.toEqual(conflict('binding_channel_in_use'));
        // The same binding again is a no-op; a new channel for the role replaces the old one.
        await s.bindings.put(
          { zoneId: zone.id, role: 'pump_acid', nodeId: node.id, channel: 'pump_1' },
          T0 + 1,
        );
        const moved = await s.bindings.put(
          { zoneId: zone.id, role: 'pump_acid', nodeId: node.id, channel: 'ph' },
          T0 + 2,
        );
        expect(moved).toEqual({ ...bound, channel: 'ph', updatedAt: T0 + 2 });
        await s.bindings.put(
          { zoneId: zone.id, role: 'ph_sensor', nodeId: node.id, channel: 'pump_1' },
          T0,
        );
        expect((await s.bindings.listForZone(zone.id)).map((b) => b.role)).toEqual([
          'ph_sensor',
          'pump_acid',
        ]);
        expect(await s.bindings.delete(zone.id, 'pump_acid')).toBe(true);
        expect(await s.bindings.delete(zone.id, 'pump_acid')).toBe(false);
        expect((await s.bindings.listForZone(zone.id)).map((b) => b.role)).toEqual(['ph_sensor']);
      });
    });

    describe('catalog', () => {
      it('creates, lists, patches and deletes plants', async () => {
        const basil = await s.plants.create(
          { name: 'Basil', species: 'Ocimum basilicum', variety: 'Genovese', description: null },
          T0,
        );
        expect(basil).toEqual({
          id: basil.id,
          name: 'Basil',
          species: 'Ocimum basilicum',
          variety: 'Genovese',
          description: null,
          createdAt: T0,
          updatedAt: T0,
        });
        const patched = await s.plants.update(basil.id, { variety: null }, T0 + 1);
        expect(patched).toEqual({ ...basil, variety: null, updatedAt: T0 + 1 });
        expect(await s.plants.list()).toEqual([patched]);
        expect(await s.plants.delete(basil.id)).toBe(true);
        expect(await s.plants.byId(basil.id)).toBeNull();
      });

      it('refuses to delete a product or plant a recipe refers to', async () => {
        const product = await s.nutrientProducts.create(
          { name: 'Grow A', manufacturer: 'GHE', component: 'npk', description: null },
          T0,
        );
        const plant = await s.plants.create(
          { name: 'Basil', species: null, variety: null, description: null },
          T0,
        );
        const recipe = await s.recipes.create(
          { name: 'R', description: null, plantId: plant.id },
          T0,
        );
        const revision = await s.recipes.createRevision(
          { recipeId: recipe.id, description: null, copyFrom: null },
          T0,
        );
        await s.recipes.addPhase(
          revision.id,
          null,
          phaseTargets({ nutrientNpkProductId: product.id }),
          T0,
        );
        await expect(s.nutrientProducts.delete(product.id)).rejects.toEqual(
          conflict('nutrient_product_in_use'),
        );
        await expect(s.plants.delete(plant.id)).rejects.toEqual(conflict('plant_in_use'));
      });
    });
  });
}
