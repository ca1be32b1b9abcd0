import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '../../../src/contracts/realtime.js';
import { EventLog } from '../../../src/events/event-log.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { loadMigrations, migrate } from '../../../src/storage/sqlite/migrations.js';
import { createSqliteStorage } from '../../../src/storage/sqlite/sqlite-storage.js';
import { FakeClock } from '../../fakes/fake-clock.js';

function setup(retention = { maxAgeMs: 60_000, maxRows: 1000 }) {
  const db = new BetterSqlite3(':memory:');
  migrate(db, loadMigrations());
  const storage = createSqliteStorage(db);
  const clock = new FakeClock();
  const log = new EventLog({
    repo: () => storage.eventLog,
    clock,
    logger: silentLogger(),
    retention,
  });
  const append = (zoneId: number | null = 1) => {
    const event = {
      channel: 'hydro.devices',
      event: 'device.updated',
      data: { device: { id: 1, zone_id: zoneId } },
      event_id: log.nextId(),
      server_ts: clock.now(),
    } as unknown as RealtimeEvent;
    log.append(event);
    return event;
  };
  return { storage, clock, log, append };
}

describe('EventLog', () => {
  it('keeps events with their zone and the capability they need, in batches', async () => {
    const { log, append, clock, storage } = setup();
    await log.start();
    append(3);
    append(null);
    clock.advance(100);
    await log.flush();
    const rows = await storage.eventLog.after({
      afterId: 0,
      upTo: log.lastId(),
      capabilities: ['devices.view_unassigned'],
      limit: 10,
    });
    expect(rows.map((r) => [r.zoneId, r.capability])).toEqual([
      [3, null],
      [null, 'devices.view_unassigned'],
    ]);
    expect(log.status().metrics).toMatchObject({ written: 2, pending: 0, lost: 0 });
  });

  it('reserves ids ahead in the store before it reaches the reservation', async () => {
    const { log, storage } = setup();
    await log.start();
    const start = log.lastId();
    expect((await storage.eventLog.state()).reservedId).toBe(start + 10_000);
    for (let i = 0; i < 5_001; i++) log.nextId();
    await log.stop();
    expect((await storage.eventLog.state()).reservedId).toBe(start + 5_001 + 10_000);
  });

  it('pages a replay and refuses an id it never issued', async () => {
    const { log, append } = setup();
    await log.start();
    const sent = [append(), append(), append()];
    const first = await log.replay(0, log.lastId(), [], 2);
    expect(first).toEqual({ events: sent.slice(0, 2), hasMore: true });
    const rest = await log.replay(sent[1]!.event_id, log.lastId(), [], 2);
    expect(rest).toEqual({ events: [sent[2]], hasMore: false });
    expect(await log.replay(log.lastId() + 5, log.lastId(), [], 2)).toEqual({
      resync: `event ${log.lastId() + 5} was never issued here`,
    });
  });

  it('trims by age on its timer and then asks older readers to resync', async () => {
    const { log, append, clock } = setup({ maxAgeMs: 10 * 60_000, maxRows: 1000 });
    await log.start();
    const old = append();
    clock.advance(11 * 60_000);
    const fresh = append();
    await log.flush();
    // The trim timer runs every 5 minutes: at 15 min the first event is older than 10.
    clock.advance(4 * 60_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await log.replay(0, log.lastId(), [], 10)).toEqual({
      resync: `events up to ${old.event_id} are no longer kept`,
    });
    expect(await log.replay(old.event_id, log.lastId(), [], 10)).toEqual({
      events: [fresh],
      hasMore: false,
    });
  });

  it('does not keep events while stopped, and says so', () => {
    const { log, append } = setup();
    append();
    expect(log.status()).toMatchObject({ state: 'stopped', metrics: { lost: 1 } });
  });
});
