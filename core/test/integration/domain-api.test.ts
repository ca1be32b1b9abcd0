import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GreenhouseDetailSchema } from '../../src/contracts/greenhouses.js';
import { ZoneDetailSchema, type ZoneDetail } from '../../src/contracts/zones.js';
import { nodeInput } from '../contract/records.js';
import { apiClient } from '../helpers/api-client.js';
import { startCore, type Harness } from '../helpers/core-harness.js';

let h: Harness;
let api: ReturnType<typeof apiClient>;
let greenhouseId: number;

async function newZone(name: string, extra: Record<string, unknown> = {}): Promise<ZoneDetail> {
  const created = await api.call('POST', '/api/zones', {
    greenhouse_id: greenhouseId,
    name,
    ...extra,
  });
  return ZoneDetailSchema.parse(api.data(created, 201));
}

beforeAll(async () => {
  h = await startCore();
  api = apiClient(h);
  greenhouseId = api.data(
    await api.call('POST', '/api/greenhouses', { name: 'Main House' }),
    201,
  ).id;
});
afterAll(() => h.stop());

describe('greenhouses API', () => {
  it('creates with a uid from the name (suffixed on collision) and a canonical time zone', async () => {
    const first = await api.call('POST', '/api/greenhouses', {
      name: 'North House',
      timezone: 'europe/berlin',
      description: 'Glass',
    });
    expect(first.status).toBe(201);
    expect(GreenhouseDetailSchema.parse(first.body.data)).toMatchObject({
      uid: 'gh-north-house',
      timezone: 'Europe/Berlin',
      description: 'Glass',
      zones: [],
    });
    const second = await api.call('POST', '/api/greenhouses', { name: 'North  House!' });
    expect(second.body.data).toMatchObject({ uid: 'gh-north-house-2', timezone: 'UTC' });
    api.expectError(
      await api.call('POST', '/api/greenhouses', { uid: 'gh-north-house', name: 'Again' }),
      409,
      'uid_taken',
    );
    const list = await api.call('GET', '/api/greenhouses');
    expect((list.body.data as { uid: string }[]).map((g) => g.uid)).toEqual(
      expect.arrayContaining(['gh-north-house', 'gh-north-house-2']),
    );
  });

  it('answers 422 with field errors for a bad time zone, uid or unknown field', async () => {
    const bad = api.expectError(
      await api.call('POST', '/api/greenhouses', {
        name: '',
        timezone: 'Mars/Olympus',
        uid: 'gh-temp',
        colour: 'green',
      }),
      422,
      'validation_failed',
    );
    expect(Object.keys(bad.errors ?? {}).sort()).toEqual(['(body)', 'name', 'timezone', 'uid']);
    expect(bad.errors?.timezone?.[0]).toMatch(/IANA/);
  });

  it('updates, shows its zones, refuses to delete while zones remain, then deletes', async () => {
    const gh = (await api.call('POST', '/api/greenhouses', { name: 'Temporary' })).body.data as {
      id: number;
    };
    const patched = await api.call('PATCH', `/api/greenhouses/${gh.id}`, {
      name: 'Tunnel',
      timezone: 'Asia/Tokyo',
    });
    expect(patched.body.data).toMatchObject({ name: 'Tunnel', timezone: 'Asia/Tokyo' });
    const zone = await api.call('POST', '/api/zones', { greenhouse_id: gh.id, name: 'Row 1' });
    const detail = GreenhouseDetailSchema.parse(
      (await api.call('GET', `/api/greenhouses/${gh.id}`)).body.data,
    );
    expect(detail.zones.map((z) => z.name)).toEqual(['Row 1']);
    api.expectError(
      await api.call('DELETE', `/api/greenhouses/${gh.id}`),
      409,
      'greenhouse_has_zones',
    );
    const zoneId = (zone.body.data as { id: number }).id;
    expect((await api.call('DELETE', `/api/zones/${zoneId}`)).status).toBe(200);
    expect((await api.call('DELETE', `/api/greenhouses/${gh.id}`)).body.data).toEqual({
      id: gh.id,
      deleted: true,
    });
    api.expectError(
      await api.call('GET', `/api/greenhouses/${gh.id}`),
      404,
      'greenhouse_not_found',
    );
    api.expectError(
      await api.call('PATCH', `/api/greenhouses/${gh.id}`, { name: 'x' }),
      404,
      'greenhouse_not_found',
    );
    const audit = await h.core.storage.audit.list({
      limit: 20,
      targetType: 'greenhouse',
      targetId: gh.id,
    });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['greenhouse.create', 'api-token'],
      ['greenhouse.update', 'api-token'],
      ['greenhouse.delete', 'api-token'],
    ]);
    expect(audit[1]!.diff).toEqual({
      name: ['Temporary', 'Tunnel'],
      timezone: ['UTC', 'Asia/Tokyo'],
    });
  });
});

describe('zones API', () => {
  it('creates with defaults and validated settings; lists per greenhouse; patches', async () => {
    const zone = await newZone('Bench A', {
      settings: { irrigation: { interval_sec: 900 }, tanks: { solution_volume_l: 120 } },
    });
    expect(zone).toMatchObject({
      uid: 'zn-bench-a',
      greenhouse_id: greenhouseId,
      control_mode: 'auto',
      workflow_phase: 'idle',
      topology: 'two_tank',
      settings: { irrigation: { interval_sec: 900 }, tanks: { solution_volume_l: 120 } },
      nodes: [],
      active_cycle: null,
    });
    const listed = await api.call('GET', `/api/zones?greenhouse_id=${greenhouseId}`);
    expect((listed.body.data as { id: number }[]).map((z) => z.id)).toContain(zone.id);
    const patched = await api.call('PATCH', `/api/zones/${zone.id}`, {
      name: 'Bench A1',
      topology: 'single_tank',
      settings: { lighting: { enabled: false } },
    });
    expect(patched.body.data).toMatchObject({
      uid: 'zn-bench-a',
      name: 'Bench A1',
      topology: 'single_tank',
      settings: { lighting: { enabled: false } },
    });
    expect((await api.call('GET', `/api/zones/${zone.id}`)).body.data).toMatchObject({
      name: 'Bench A1',
    });
  });

  it('answers 422 for bad settings and an unknown greenhouse, 404 for a missing zone', async () => {
    const bad = api.expectError(
      await api.call('POST', '/api/zones', {
        greenhouse_id: greenhouseId,
        name: 'Z',
        control_mode: 'turbo',
        settings: { irrigation: { interval_sec: 5 }, pumps: {} },
      }),
      422,
      'validation_failed',
    );
    expect(Object.keys(bad.errors ?? {}).sort()).toEqual([
      'control_mode',
      'settings',
      'settings.irrigation.interval_sec',
    ]);
    api.expectError(
      await api.call('POST', '/api/zones', { greenhouse_id: 999_999, name: 'Z' }),
      422,
      'unknown_reference',
    );
    api.expectError(await api.call('GET', '/api/zones/999999'), 404, 'zone_not_found');
    api.expectError(
      await api.call('PATCH', '/api/zones/999999', { name: 'x' }),
      404,
      'zone_not_found',
    );
    api.expectError(await api.call('DELETE', '/api/zones/999999'), 404, 'zone_not_found');
    api.expectError(
      await api.call('GET', '/api/zones?greenhouse_id=abc'),
      422,
      'validation_failed',
    );
  });

  it('switches the control mode, records who and why, and tells realtime clients', async () => {
    const zone = await newZone('Mode Zone');
    const manual = await api.call('PATCH', `/api/zones/${zone.id}/control-mode`, {
      control_mode: 'manual',
      reason: 'pump service',
    });
    expect(manual.body.data).toMatchObject({ id: zone.id, control_mode: 'manual' });
    const audit = await h.core.storage.audit.list({
      limit: 10,
      targetType: 'zone',
      targetId: zone.id,
    });
    expect(audit.at(-1)).toMatchObject({
      action: 'zone.control_mode',
      diff: { controlMode: ['auto', 'manual'], reason: 'pump service' },
    });
    api.expectError(
      await api.call('PATCH', `/api/zones/${zone.id}/control-mode`, { control_mode: 'later' }),
      422,
      'validation_failed',
    );
    await vi.waitFor(async () => {
      const events = await api.loggedEvents<{
        zone: { id: number; control_mode: string } | null;
      }>();
      const updates = events.filter(
        (e) => e.event === 'zone.updated' && e.data.zone?.id === zone.id,
      );
      expect(updates.map((e) => e.data.zone!.control_mode)).toContain('manual');
    });
  });

  it('lets an operator only stop automation (manual, with a reason); a viewer changes nothing', async () => {
    const zone = await newZone('Roles Zone');
    const operator = await api.tokenFor('operator');
    const path = `/api/zones/${zone.id}/control-mode`;
    api.expectError(
      await api.call('PATCH', path, { control_mode: 'semi' }, operator),
      403,
      'forbidden',
    );
    const noReason = api.expectError(
      await api.call('PATCH', path, { control_mode: 'manual' }, operator),
      422,
      'validation_failed',
    );
    expect(noReason.errors).toHaveProperty('reason');
    expect(
      (await api.call('PATCH', path, { control_mode: 'manual', reason: 'leak' }, operator)).status,
    ).toBe(200);
    expect((await api.call('PATCH', path, { control_mode: 'auto' })).status).toBe(200);
    const viewer = await api.tokenFor('viewer');
    api.expectError(
      await api.call('PATCH', `/api/zones/${zone.id}`, { name: 'x' }, viewer),
      403,
      'forbidden',
    );
    expect((await api.call('GET', `/api/zones/${zone.id}`, undefined, viewer)).status).toBe(200);
  });

  it('refuses to delete a zone with bound nodes (409)', async () => {
    const zone = await newZone('Busy Zone');
    const node = await h.core.storage.nodes.create(nodeInput(901, { zoneId: zone.id }));
    const refused = api.expectError(
      await api.call('DELETE', `/api/zones/${zone.id}`),
      409,
      'zone_has_nodes',
    );
    expect(refused.message).toContain(node.uid);
    const detail = ZoneDetailSchema.parse(
      (await api.call('GET', `/api/zones/${zone.id}`)).body.data,
    );
    expect(detail.nodes.map((n) => n.uid)).toEqual([node.uid]);
  });
});
