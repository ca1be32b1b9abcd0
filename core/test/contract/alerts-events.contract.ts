import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoggedEvent, NewAlert } from '../../src/storage/alerts-events-types.js';
import type { Storage } from '../../src/storage/storage.js';
import { nodeInput, seedZone, T0 } from './records.js';
import type { StorageUnderTest } from './storage.contract.js';

const alertInput = (overrides: Partial<NewAlert> = {}): NewAlert => ({
  zoneId: null,
  code: 'biz_high_ph',
  source: 'biz',
  severity: 'warning',
  dedupeKey: 'biz_high_ph:z1',
  message: 'pH 7.4 above 6.5',
  details: { value: 7.4 },
  ...overrides,
});

const logged = (id: number, overrides: Partial<LoggedEvent> = {}): LoggedEvent => ({
  id,
  channel: 'hydro.alerts',
  event: 'alert.updated',
  zoneId: null,
  capability: null,
  // Keys deliberately not in alphabetical order: a replay must give them back as sent.
  data: { zeta: 1, alpha: { b: [1, 'two'], a: null } },
  serverTs: T0 + id,
  ...overrides,
});

/** Alerts, the zone timeline and the realtime event log: the same behaviour in every dialect. */
export function describeAlertsEventsContract(
  name: string,
  makeStorage: () => Promise<StorageUnderTest>,
): void {
  describe(`Alerts and events contract: ${name}`, () => {
    let store: StorageUnderTest;
    let s: Storage;
    beforeEach(async () => {
      store = await makeStorage();
      s = store.storage;
    });
    afterEach(() => store.close());

    describe('alerts', () => {
      it('opens one ACTIVE alert per dedupe key; repeats count and merge details', async () => {
        const zone = await seedZone(s);
        const first = await s.alerts.open(alertInput({ zoneId: zone.id }), T0);
        expect(first.created).toBe(true);
        expect(first.alert).toMatchObject({
          zoneId: zone.id,
          status: 'ACTIVE',
          count: 1,
          firstSeenAt: T0,
          lastSeenAt: T0,
          resolvedAt: null,
          resolvedBy: null,
        });
        const again = await s.alerts.open(
          alertInput({ zoneId: zone.id, message: 'pH 7.6', details: { value: 7.6, n: 2 } }),
          T0 + 10,
        );
        expect(again.created).toBe(false);
        expect(again.alert).toMatchObject({
          id: first.alert.id,
          count: 2,
          message: 'pH 7.6',
          details: { value: 7.6, n: 2 },
          firstSeenAt: T0,
          lastSeenAt: T0 + 10,
        });
        const repeated = await s.alerts.repeat(
          'biz_high_ph:z1',
          { message: 'pH 7.7', details: null },
          T0 + 20,
        );
        expect(repeated).toMatchObject({
          id: first.alert.id,
          count: 3,
          details: { value: 7.6, n: 2 },
        });
        expect(await s.alerts.repeat('other', { message: 'x', details: null }, T0)).toBeNull();
        expect(await s.alerts.byId(first.alert.id)).toEqual(repeated);
      });

      it('resolves by id and by key; a resolved key opens a new alert', async () => {
        const a = (await s.alerts.open(alertInput(), T0)).alert;
        const b = (await s.alerts.open(alertInput({ dedupeKey: 'k2', code: 'x' }), T0)).alert;
        const resolved = await s.alerts.resolve([b.id, a.id, 9999], 'ana', T0 + 5);
        expect(resolved.map((r) => [r.id, r.status, r.resolvedBy, r.resolvedAt])).toEqual([
          [a.id, 'RESOLVED', 'ana', T0 + 5],
          [b.id, 'RESOLVED', 'ana', T0 + 5],
        ]);
        expect(await s.alerts.resolve([a.id], 'ana', T0 + 6)).toEqual([]);
        const reopened = await s.alerts.open(alertInput(), T0 + 7);
        expect(reopened.created).toBe(true);
        expect(reopened.alert.id).not.toBe(a.id);
        const auto = await s.alerts.resolveByKey('biz_high_ph:z1', 'auto', T0 + 8);
        expect(auto).toMatchObject({ id: reopened.alert.id, resolvedBy: 'auto' });
        expect(await s.alerts.resolveByKey('biz_high_ph:z1', 'auto', T0 + 9)).toBeNull();
        expect((await s.alerts.byIds([b.id, a.id, 4242])).map((x) => x.id)).toEqual([a.id, b.id]);
      });

      it('lists newest first with filters and a total for pagination', async () => {
        const z1 = await seedZone(s, 'zn-a');
        const z2 = await seedZone(s, 'zn-b');
        for (let i = 0; i < 5; i++) {
          await s.alerts.open(
            alertInput({
              zoneId: i % 2 === 0 ? z1.id : z2.id,
              dedupeKey: `k${i}`,
              severity: i === 4 ? 'critical' : 'warning',
              code: i === 3 ? 'infra_x' : 'biz_high_ph',
              source: i === 3 ? 'infra' : 'biz',
            }),
            T0 + i,
          );
        }
        const page = await s.alerts.list({ limit: 2, offset: 0 });
        expect(page.total).toBe(5);
        expect(page.alerts.map((a) => a.dedupeKey)).toEqual(['k4', 'k3']);
        const second = await s.alerts.list({ limit: 2, offset: 2 });
        expect(second.alerts.map((a) => a.dedupeKey)).toEqual(['k2', 'k1']);
        const z1Alerts = await s.alerts.list({ zoneId: z1.id, limit: 10, offset: 0 });
        expect(z1Alerts.alerts.map((a) => a.dedupeKey)).toEqual(['k4', 'k2', 'k0']);
        expect((await s.alerts.list({ severity: 'critical', limit: 9, offset: 0 })).total).toBe(1);
        expect((await s.alerts.list({ source: 'infra', limit: 9, offset: 0 })).total).toBe(1);
        expect((await s.alerts.list({ code: 'biz_high_ph', limit: 9, offset: 0 })).total).toBe(4);
        const k0 = z1Alerts.alerts.at(-1)!;
        await s.alerts.resolve([k0.id], 'ana', T0 + 9);
        expect((await s.alerts.list({ status: 'ACTIVE', limit: 9, offset: 0 })).total).toBe(4);
        expect((await s.alerts.list({ status: 'RESOLVED', limit: 9, offset: 0 })).total).toBe(1);
      });

      it('answers whether a zone has an active alert of a severity and counts by severity', async () => {
        const zone = await seedZone(s);
        await s.alerts.open(alertInput({ zoneId: zone.id, severity: 'warning' }), T0);
        const err = await s.alerts.open(
          alertInput({ zoneId: zone.id, severity: 'error', dedupeKey: 'e' }),
          T0,
        );
        await s.alerts.open(alertInput({ zoneId: null, severity: 'critical', dedupeKey: 'c' }), T0);
        expect(await s.alerts.hasActive(zone.id, ['error', 'critical'])).toBe(true);
        expect(await s.alerts.hasActive(zone.id, ['critical'])).toBe(false);
        await s.alerts.resolve([err.alert.id], 'ana', T0 + 1);
        expect(await s.alerts.hasActive(zone.id, ['error', 'critical'])).toBe(false);
        expect(await s.alerts.countActiveBySeverity()).toEqual({
          info: 0,
          warning: 1,
          error: 0,
          critical: 1,
        });
      });
    });

    describe('zone timeline', () => {
      it('pages a zone timeline forward from an id and back from the newest', async () => {
        const zone = await seedZone(s);
        const other = await seedZone(s, 'zn-2');
        const node = await s.nodes.create(nodeInput(1, { zoneId: zone.id }));
        const ids: number[] = [];
        for (let i = 0; i < 5; i++) {
          ids.push(
            await s.events.insert({
              nodeId: i === 0 ? node.id : null,
              zoneId: zone.id,
              channel: i === 0 ? 'level' : null,
              type: `TYPE_${i}`,
              payload: { i, nested: { ok: true } },
              ts: T0 + i,
            }),
          );
          await s.events.insert({
            nodeId: null,
            zoneId: other.id,
            channel: null,
            type: 'ELSEWHERE',
            payload: {},
            ts: T0,
          });
        }
        const forward = await s.events.list(zone.id, { afterId: ids[1], limit: 2 });
        expect(forward.map((e) => e.type)).toEqual(['TYPE_2', 'TYPE_3']);
        const newest = await s.events.list(zone.id, { limit: 2 });
        expect(newest.map((e) => e.id)).toEqual([ids[3], ids[4]]);
        const back = await s.events.list(zone.id, { beforeId: ids[3], limit: 10 });
        expect(back.map((e) => e.id)).toEqual(ids.slice(0, 3));
        expect(back[0]).toEqual({
          id: ids[0],
          zoneId: zone.id,
          nodeId: node.id,
          channel: 'level',
          type: 'TYPE_0',
          payload: { i: 0, nested: { ok: true } },
          ts: T0,
        });
        expect(await s.events.latestId(zone.id)).toBe(ids[4]);
        expect(await s.events.latestId(other.id + 100)).toBe(0);
      });
    });

    describe('event log', () => {
      it('returns kept events in id order within bounds, leaving out restricted ones', async () => {
        await s.eventLog.append([
          logged(3),
          logged(5, { channel: 'hydro.devices', capability: 'devices.view_unassigned' }),
          logged(8, { zoneId: 2 }),
        ]);
        await s.eventLog.append([logged(9)]);
        const all = await s.eventLog.after({
          afterId: 0,
          upTo: 100,
          capabilities: ['devices.view_unassigned'],
          limit: 10,
        });
        expect(all.map((e) => e.id)).toEqual([3, 5, 8, 9]);
        expect(all[2]).toEqual(logged(8, { zoneId: 2 }));
        expect(JSON.stringify(all[0]!.data)).toBe(JSON.stringify(logged(3).data));
        const viewer = await s.eventLog.after({ afterId: 3, upTo: 8, capabilities: [], limit: 10 });
        expect(viewer.map((e) => e.id)).toEqual([8]);
        const limited = await s.eventLog.after({
          afterId: 0,
          upTo: 100,
          capabilities: [],
          limit: 2,
        });
        expect(limited.map((e) => e.id)).toEqual([3, 8]);
      });

      it('remembers the reserved id and trims an id prefix by age and count', async () => {
        expect(await s.eventLog.state()).toEqual({ lastId: 0, reservedId: 0, trimmedThrough: 0 });
        await s.eventLog.reserve(20_000);
        await s.eventLog.reserve(30_000);
        await s.eventLog.append([1, 2, 3, 4, 5, 6].map((id) => logged(id)));
        expect(await s.eventLog.state()).toEqual({
          lastId: 6,
          reservedId: 30_000,
          trimmedThrough: 0,
        });
        // Older than T0 + 3 goes (ids 1, 2), and only the newest 10 are kept (no more).
        expect(await s.eventLog.trim(T0 + 3, 10)).toEqual({ deleted: 2, through: 2 });
        // Only the newest 2 are kept: ids 3 and 4 go.
        expect(await s.eventLog.trim(T0, 2)).toEqual({ deleted: 2, through: 4 });
        expect(await s.eventLog.trim(T0, 2)).toEqual({ deleted: 0, through: 4 });
        const left = await s.eventLog.after({ afterId: 0, upTo: 99, capabilities: [], limit: 9 });
        expect(left.map((e) => e.id)).toEqual([5, 6]);
        expect((await s.eventLog.state()).trimmedThrough).toBe(4);
      });
    });
  });
}
