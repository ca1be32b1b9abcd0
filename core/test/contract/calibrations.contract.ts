import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/storage/storage.js';
import type { StorageUnderTest } from './storage.contract.js';
import { commandInput, nodeInput, T0 } from './records.js';

/** Calibration records and the per-zone command query: the same behaviour in every dialect. */
export function describeCalibrationContract(
  name: string,
  makeStorage: () => Promise<StorageUnderTest>,
): void {
  describe(`Calibration storage contract: ${name}`, () => {
    let store: StorageUnderTest;
    let s: Storage;
    let zoneId: number;
    let nodeId: number;
    beforeEach(async () => {
      store = await makeStorage();
      s = store.storage;
      const gh = await s.greenhouses.create({ uid: 'gh', name: 'GH', timezone: 'UTC' }, T0);
      zoneId = (await s.zones.create({ greenhouseId: gh.id, uid: 'z1', name: 'Z' }, T0)).id;
      nodeId = (await s.nodes.create(nodeInput(1, { zoneId }))).id;
    });
    afterEach(() => store.close());

    const pump = (mlPerSec: number, createdAt: number) => ({
      zoneId,
      nodeId,
      channel: 'pump_acid',
      role: 'pump_acid',
      mlPerSec,
      kMsPerMlL: null,
      component: null,
      source: 'manual' as const,
      createdAt,
      createdBy: 'user:1 ana',
    });

    it('a new pump record becomes the only active one of its channel; history is kept', async () => {
      const first = await s.calibrations.insertPump(pump(1.5, T0));
      expect(first).toMatchObject({ mlPerSec: 1.5, isActive: true, source: 'manual' });
      const second = await s.calibrations.insertPump({
        ...pump(2.25, T0 + 1),
        kMsPerMlL: 12.5,
        component: 'acid',
        source: 'run',
      });
      expect(await s.calibrations.activePump(nodeId, 'pump_acid')).toEqual(second);
      const list = await s.calibrations.listPump(zoneId);
      expect(list.map((r) => [r.id, r.isActive])).toEqual([
        [second.id, true],
        [first.id, false],
      ]);
      expect(list[0]).toMatchObject({ kMsPerMlL: 12.5, component: 'acid', source: 'run' });
      expect(await s.calibrations.activePump(nodeId, 'pump_base')).toBeNull();
    });

    it('refuses ml_per_sec outside 0.01–100 and keeps the active record', async () => {
      const kept = await s.calibrations.insertPump(pump(1, T0));
      await expect(s.calibrations.insertPump(pump(0.001, T0 + 1))).rejects.toThrow();
      await expect(s.calibrations.insertPump(pump(101, T0 + 2))).rejects.toThrow();
      expect(await s.calibrations.activePump(nodeId, 'pump_acid')).toEqual(kept);
    });

    it('sensor sessions move only from the statuses the caller names', async () => {
      const session = await s.calibrations.insertSensor({
        zoneId,
        nodeId,
        channel: 'ph_sensor',
        role: 'ph_sensor',
        sensorType: 'ph',
        createdBy: 'user:1 ana',
        createdAt: T0,
      });
      expect(session).toMatchObject({ status: 'started', points: [], error: null });
      const point = {
        stage: 1 as const,
        referenceValue: 4.01,
        cmdId: 'c1',
        status: 'pending' as const,
        at: T0 + 5,
      };
      const moved = await s.calibrations.updateSensor(
        session.id,
        ['started'],
        { status: 'point_1_pending', points: [point] },
        T0 + 5,
      );
      expect(moved).toMatchObject({
        status: 'point_1_pending',
        points: [point],
        updatedAt: T0 + 5,
      });
      expect(
        await s.calibrations.updateSensor(
          session.id,
          ['started'],
          { status: 'cancelled', points: [] },
          T0 + 6,
        ),
      ).toBeNull();
      const failed = await s.calibrations.updateSensor(
        session.id,
        ['point_1_pending'],
        {
          status: 'failed',
          points: [{ ...point, status: 'failed' }],
          error: 'ERROR: x',
          completedAt: T0 + 7,
        },
        T0 + 7,
      );
      expect(failed).toMatchObject({ status: 'failed', error: 'ERROR: x', completedAt: T0 + 7 });
      expect(await s.calibrations.sensorById(session.id)).toEqual(failed);
      expect(await s.calibrations.listSensor(zoneId)).toEqual([failed]);
      expect(await s.calibrations.sensorById(9999)).toBeNull();
    });

    it('lists a zone’s commands newest first, optionally by status', async () => {
      const other = await s.zones.create(
        { greenhouseId: (await s.greenhouses.list())[0]!.id, uid: 'z2', name: 'Z2' },
        T0,
      );
      await s.commands.insert(commandInput('a', nodeId, { zoneId, status: 'DONE' }));
      await s.commands.insert(commandInput('b', nodeId, { zoneId, status: 'SENT' }));
      await s.commands.insert(commandInput('c', nodeId, { zoneId: other.id }));
      await s.commands.insert(commandInput('d', nodeId, { zoneId, status: 'ACK' }));
      const ids = (rows: { cmdId: string }[]) => rows.map((r) => r.cmdId);
      expect(ids(await s.commands.listForZone(zoneId, 10))).toEqual(['d', 'b', 'a']);
      expect(ids(await s.commands.listForZone(zoneId, 2))).toEqual(['d', 'b']);
      expect(ids(await s.commands.listForZone(zoneId, 10, ['SENT', 'ACK', 'QUEUED']))).toEqual([
        'd',
        'b',
      ]);
      expect(ids(await s.commands.listForZone(zoneId, 10, ['DONE']))).toEqual(['a']);
    });
  });
}
