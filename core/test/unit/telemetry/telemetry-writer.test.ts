import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/runtime/logger.js';
import { loadMigrations, migrate } from '../../../src/storage/sqlite/migrations.js';
import { createSqliteStorage } from '../../../src/storage/sqlite/sqlite-storage.js';
import type { SampleInput } from '../../../src/storage/types.js';
import {
  TelemetryWriter,
  type TelemetryWriterOptions,
} from '../../../src/telemetry/telemetry-writer.js';
import { FakeClock } from '../../fakes/fake-clock.js';

const T0 = Date.UTC(2026, 10, 1);

/** A real migrated store with one node in one zone, and a writer in front of it. */
async function writerOnStore(options: Partial<TelemetryWriterOptions> = {}) {
  const db = new BetterSqlite3(':memory:');
  migrate(db, loadMigrations());
  const storage = createSqliteStorage(db);
  const gh = await storage.greenhouses.create({ uid: 'gh-1', name: 'G', timezone: 'UTC' }, T0);
  const zone = await storage.zones.create({ greenhouseId: gh.id, uid: 'zn-1', name: 'Z' }, T0);
  db.prepare(
    `INSERT INTO nodes (id, uid, hardware_id, type, lifecycle_state, zone_id, node_secret, mqtt_password, first_seen_at, updated_at)
     VALUES (1, 'nd-ph-1', 'esp32-000000000001', 'ph', 'ASSIGNED_TO_ZONE', ?, 's', 'p', 0, 0)`,
  ).run(zone.id);
  const clock = new FakeClock(T0);
  const written: SampleInput[][] = [];
  const writer = new TelemetryWriter({
    write: (batch) => storage.telemetry.insertSamples(batch),
    clock,
    logger: silentLogger(),
    onWritten: (batch) => written.push(batch),
    ...options,
  });
  const stored = () =>
    (db.prepare('SELECT COUNT(*) AS n FROM telemetry_samples').get() as { n: number }).n;
  return { db, writer, clock, written, stored, zoneId: zone.id };
}

function sample(zoneId: number, i: number): SampleInput {
  return {
    nodeId: 1,
    zoneId,
    channel: 'ph_sensor',
    metricType: 'PH',
    ts: T0 + i * 1000,
    value: 6 + (i % 10) / 10,
    quality: 'good',
  };
}

describe('TelemetryWriter', () => {
  it('waits for the flush window, then writes everything queued in one batch', async () => {
    const { writer, clock, written, stored, zoneId } = await writerOnStore();
    writer.start();
    for (let i = 0; i < 25; i++) writer.push(sample(zoneId, i));
    expect(stored()).toBe(0);
    clock.advance(499);
    expect(stored()).toBe(0);
    clock.advance(1);
    await writer.flush();
    expect(stored()).toBe(25);
    expect(written.map((b) => b.length)).toEqual([25]);
    expect(writer.stats()).toMatchObject({ pending: 0, written: 25, flushes: 1, overflow: 0 });
    await writer.stop();
  });

  it('writes a full batch at once, without waiting for the window', async () => {
    const { writer, written, stored, zoneId } = await writerOnStore({ maxBatch: 10 });
    for (let i = 0; i < 23; i++) writer.push(sample(zoneId, i));
    await writer.flush();
    expect(stored()).toBe(23);
    expect(written.map((b) => b.length)).toEqual([10, 10, 3]);
  });

  it('drops and counts samples beyond the bounded queue, and reports each drop', async () => {
    const overflows: number[] = [];
    const { writer, stored, zoneId } = await writerOnStore({
      maxBatch: 10,
      maxPending: 20,
      onOverflow: (total) => overflows.push(total),
    });
    // The first full batch is taken by the writer; the queue then fills while it awaits.
    const accepted = Array.from({ length: 100 }, (_, i) => writer.push(sample(zoneId, i)));
    await writer.flush();
    const kept = accepted.filter(Boolean).length;
    expect(kept).toBe(30);
    expect(stored()).toBe(30);
    expect(writer.stats().overflow).toBe(70);
    expect(overflows).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
  });

  it('counts a failed batch, keeps the writer alive and writes the next batch', async () => {
    const { db, writer, stored, zoneId } = await writerOnStore();
    db.exec('ALTER TABLE telemetry_samples RENAME TO telemetry_samples_away');
    writer.push(sample(zoneId, 1));
    await writer.flush();
    expect(writer.stats()).toMatchObject({ failedBatches: 1, written: 0, pending: 0 });
    db.exec('ALTER TABLE telemetry_samples_away RENAME TO telemetry_samples');
    writer.push(sample(zoneId, 2));
    await writer.flush();
    expect(stored()).toBe(1);
    expect(writer.stats()).toMatchObject({ failedBatches: 1, written: 1 });
  });

  it('writes what is still queued when stopped, and no longer flushes on the window', async () => {
    const { writer, clock, stored, zoneId } = await writerOnStore();
    writer.start();
    writer.push(sample(zoneId, 1));
    await writer.stop();
    expect(stored()).toBe(1);
    writer.push(sample(zoneId, 2));
    clock.advance(5_000);
    expect(stored()).toBe(1);
  });
});
