import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AlertsService } from '../../../src/alerts/alerts-service.js';
import type { EventSink } from '../../../src/devices/views.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { loadMigrations, migrate } from '../../../src/storage/sqlite/migrations.js';
import { createSqliteStorage } from '../../../src/storage/sqlite/sqlite-storage.js';
import { seedZone } from '../../contract/records.js';
import { FakeClock } from '../../fakes/fake-clock.js';

function setup() {
  const db = new BetterSqlite3(':memory:');
  migrate(db, loadMigrations());
  const storage = createSqliteStorage(db);
  const clock = new FakeClock();
  const events: Parameters<EventSink>[0][] = [];
  const alerts = new AlertsService({
    storage,
    clock,
    logger: silentLogger(),
    publish: (e) => events.push(e),
  });
  const published = () =>
    events.map((e) => {
      const { alert } = e.data as { alert: { id: number; count: number; status: string } };
      return [e.event, alert.id, alert.count, alert.status];
    });
  return { storage, clock, alerts, events, published };
}

const ph = (zoneId: number | null, key = 'biz_high_ph:z') => ({
  zoneId,
  code: 'biz_high_ph',
  severity: 'warning' as const,
  message: 'pH high',
  dedupeKey: key,
});

describe('AlertsService', () => {
  it('folds repeats into the active alert and announces repeats at most once a second', async () => {
    const { alerts, clock, published, storage } = setup();
    const zone = await seedZone(storage);
    const created = (await alerts.raise(ph(zone.id)))!;
    expect(created).toMatchObject({ count: 1, source: 'biz', status: 'ACTIVE' });
    for (let i = 0; i < 4; i++) await alerts.raise({ ...ph(zone.id), details: { i } });
    expect(await storage.alerts.byId(created.id)).toMatchObject({ count: 5, details: { i: 3 } });
    // Created at once; the repeats inside the first second are held back.
    expect(published()).toEqual([['alert.created', created.id, 1, 'ACTIVE']]);
    clock.advance(1000);
    expect(published().at(-1)).toEqual(['alert.updated', created.id, 5, 'ACTIVE']);
    clock.advance(5000);
    expect(published()).toHaveLength(2);
    await alerts.raise(ph(zone.id));
    expect(published().at(-1)).toEqual(['alert.updated', created.id, 6, 'ACTIVE']);
  });

  it('announces a resolution at once and never a stale repeat after it', async () => {
    const { alerts, clock, published } = setup();
    const alert = (await alerts.raise(ph(null)))!;
    await alerts.raise(ph(null));
    const { resolved } = await alerts.resolve([alert.id], 'ana');
    expect(resolved[0]).toMatchObject({ status: 'RESOLVED', resolvedBy: 'ana' });
    clock.advance(2000);
    expect(published()).toEqual([
      ['alert.created', alert.id, 1, 'ACTIVE'],
      ['alert.updated', alert.id, 2, 'RESOLVED'],
    ]);
  });

  it('limits new alerts to 10 per zone per minute, counting what it drops', async () => {
    const { alerts, clock, storage } = setup();
    const a = await seedZone(storage, 'zn-a');
    const b = await seedZone(storage, 'zn-b');
    for (let i = 0; i < 10; i++) expect(await alerts.raise(ph(a.id, `k${i}`))).not.toBeNull();
    expect(await alerts.raise(ph(a.id, 'k10'))).toBeNull();
    expect(alerts.rateLimited).toBe(1);
    // Repeats of active alerts, other zones and the critical whitelist are not limited.
    expect(await alerts.raise(ph(a.id, 'k3'))).toMatchObject({ count: 2 });
    expect(await alerts.raise(ph(b.id, 'k10'))).not.toBeNull();
    const pump = { ...ph(a.id, 'pump'), code: 'infra_pump_failure', severity: 'critical' as const };
    expect(await alerts.raise(pump)).toMatchObject({ source: 'infra' });
    clock.advance(60_001);
    expect(await alerts.raise(ph(a.id, 'k11'))).toMatchObject({ count: 1 });
    const stored = await storage.alerts.list({ zoneId: a.id, limit: 50, offset: 0 });
    expect(stored.total).toBe(12);
  });

  it('resolves by key for producers that see the cause clear', async () => {
    const { alerts } = setup();
    await alerts.raise(ph(null, 'node_offline:nd-1'));
    expect(await alerts.resolveByKey('node_offline:nd-1')).toMatchObject({ resolvedBy: 'auto' });
    expect(await alerts.resolveByKey('node_offline:nd-1')).toBeNull();
  });

  it('fails a resolve naming an unknown id and changes nothing', async () => {
    const { alerts, storage } = setup();
    const alert = (await alerts.raise(ph(null)))!;
    await expect(alerts.resolve([alert.id, 777], 'ana')).rejects.toMatchObject({
      code: 'alert_not_found',
      message: 'No alert 777',
    });
    expect((await storage.alerts.byId(alert.id))!.status).toBe('ACTIVE');
    const again = await alerts.resolve([alert.id, alert.id], 'ana');
    expect(again.resolved.map((r) => r.id)).toEqual([alert.id]);
    expect((await alerts.resolve([alert.id], 'bob')).alreadyResolved).toEqual([alert.id]);
  });

  it('tells whether a zone has an active alert of a severity or worse', async () => {
    const { alerts, storage } = setup();
    const zone = await seedZone(storage);
    expect(await alerts.hasActiveAtLeast(zone.id, 'info')).toBe(false);
    await alerts.raise({ ...ph(zone.id), severity: 'error' });
    expect(await alerts.hasActiveAtLeast(zone.id, 'warning')).toBe(true);
    expect(await alerts.hasActiveAtLeast(zone.id, 'error')).toBe(true);
    expect(await alerts.hasActiveAtLeast(zone.id, 'critical')).toBe(false);
  });
});
