import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BindingViewSchema } from '../../src/contracts/bindings.js';
import { nodeInput, PH_CHANNEL, PUMP_CHANNEL } from '../contract/records.js';
import { apiClient } from '../helpers/api-client.js';
import { startCore, type Harness } from '../helpers/core-harness.js';

let h: Harness;
let api: ReturnType<typeof apiClient>;
let greenhouseId: number;

beforeAll(async () => {
  h = await startCore();
  api = apiClient(h);
  greenhouseId = api.data(
    await api.call('POST', '/api/greenhouses', { name: 'Main House' }),
    201,
  ).id;
});
afterAll(() => h.stop());

describe('channel bindings API', () => {
  let zoneId: number;
  let nodeId: number;
  beforeAll(async () => {
    zoneId = api.data(
      await api.call('POST', '/api/zones', { greenhouse_id: greenhouseId, name: 'Dosing Zone' }),
      201,
    ).id;
    const node = await h.core.storage.nodes.create(nodeInput(902, { zoneId }));
    await h.core.storage.nodes.replaceChannels(node.id, [
      { ...PH_CHANNEL, type: 'SENSOR' },
      { ...PUMP_CHANNEL, type: 'ACTUATOR' },
    ]);
    nodeId = node.id;
  });

  it('binds reported channels of nodes in the zone; lists and unbinds them', async () => {
    const put = await api.call('PUT', `/api/zones/${zoneId}/bindings/pump_acid`, {
      node_id: nodeId,
      channel: 'pump_1',
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(BindingViewSchema.parse(put.body.data)).toMatchObject({
      zone_id: zoneId,
      role: 'pump_acid',
      kind: 'actuator',
      node_id: nodeId,
      channel: 'pump_1',
    });
    await api.call('PUT', `/api/zones/${zoneId}/bindings/ph_sensor`, {
      node_id: nodeId,
      channel: 'ph',
    });
    const list = await api.call('GET', `/api/zones/${zoneId}/bindings`);
    expect((list.body.data as { role: string }[]).map((b) => b.role)).toEqual([
      'ph_sensor',
      'pump_acid',
    ]);
    expect((await api.call('DELETE', `/api/zones/${zoneId}/bindings/ph_sensor`)).body.data).toEqual(
      {
        zone_id: zoneId,
        role: 'ph_sensor',
        deleted: true,
      },
    );
    api.expectError(
      await api.call('DELETE', `/api/zones/${zoneId}/bindings/ph_sensor`),
      404,
      'binding_not_found',
    );
  });

  it('answers 422 for a foreign node, an unreported channel, a wrong kind or an unknown role', async () => {
    const other = await h.core.storage.nodes.create(nodeInput(903));
    const path = `/api/zones/${zoneId}/bindings/pump_base`;
    api.expectError(
      await api.call('PUT', path, { node_id: other.id, channel: 'pump_1' }),
      422,
      'binding_node_not_in_zone',
    );
    api.expectError(
      await api.call('PUT', path, { node_id: nodeId, channel: 'pump_9' }),
      422,
      'binding_channel_not_reported',
    );
    api.expectError(
      await api.call('PUT', path, { node_id: nodeId, channel: 'ph' }),
      422,
      'binding_channel_kind_mismatch',
    );
    api.expectError(
      await api.call('PUT', path, { node_id: 999_999, channel: 'ph' }),
      422,
      'unknown_reference',
    );
    const role = api.expectError(
      await api.call('PUT', `/api/zones/${zoneId}/bindings/pump_nutrient_a`, {
        node_id: nodeId,
        channel: 'pump_1',
      }),
      422,
      'validation_failed',
    );
    expect(role.errors).toHaveProperty('role');
    api.expectError(await api.call('PUT', path, { node_id: nodeId }), 422, 'validation_failed');
    api.expectError(await api.call('GET', '/api/zones/999999/bindings'), 404, 'zone_not_found');
  });

  it('refuses a channel that already plays another role (409)', async () => {
    await api.call('PUT', `/api/zones/${zoneId}/bindings/pump_acid`, {
      node_id: nodeId,
      channel: 'pump_1',
    });
    api.expectError(
      await api.call('PUT', `/api/zones/${zoneId}/bindings/pump_base`, {
        node_id: nodeId,
        channel: 'pump_1',
      }),
      409,
      'binding_channel_in_use',
    );
  });
});

describe('catalog API', () => {
  it('creates, reads, patches and deletes plants and nutrient products', async () => {
    const plant = await api.call('POST', '/api/plants', {
      name: 'Basil',
      species: 'Ocimum basilicum',
    });
    expect(plant.status).toBe(201);
    const id = (plant.body.data as { id: number }).id;
    expect((await api.call('GET', `/api/plants/${id}`)).body.data).toMatchObject({
      name: 'Basil',
      species: 'Ocimum basilicum',
      variety: null,
    });
    expect(
      (await api.call('PATCH', `/api/plants/${id}`, { variety: 'Genovese' })).body.data,
    ).toMatchObject({
      variety: 'Genovese',
    });
    expect((await api.call('GET', '/api/plants')).body.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ id })]),
    );
    expect((await api.call('DELETE', `/api/plants/${id}`)).status).toBe(200);
    api.expectError(await api.call('GET', `/api/plants/${id}`), 404, 'plant_not_found');

    const product = await api.call('POST', '/api/nutrient-products', {
      name: 'Flora Micro',
      manufacturer: 'GHE',
      component: 'micro',
    });
    expect(product.status).toBe(201);
    const productId = (product.body.data as { id: number }).id;
    expect((await api.call('GET', `/api/nutrient-products/${productId}`)).body.data).toMatchObject({
      component: 'micro',
      manufacturer: 'GHE',
    });
    api.expectError(
      await api.call('PATCH', `/api/nutrient-products/${productId}`, { component: 'potassium' }),
      422,
      'validation_failed',
    );
    api.expectError(
      await api.call('DELETE', '/api/nutrient-products/999999'),
      404,
      'nutrient_product_not_found',
    );
  });

  it('answers 422 for a nameless plant and 403 to a role without recipes.edit', async () => {
    const bad = api.expectError(
      await api.call('POST', '/api/plants', { name: ' ' }),
      422,
      'validation_failed',
    );
    expect(bad.errors).toHaveProperty('name');
    const engineer = await api.tokenFor('engineer');
    api.expectError(
      await api.call('POST', '/api/plants', { name: 'Mint' }, engineer),
      403,
      'forbidden',
    );
  });
});
