import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/storage/storage.js';
import {
  commandInput,
  nodeInput,
  PH_CHANNEL,
  PUMP_CHANNEL,
  sample,
  seedZone,
  T0,
} from './records.js';

export interface StorageUnderTest {
  storage: Storage;
  close(): Promise<void>;
}

/**
 * The behaviour every Storage dialect must share (the aedes-persistence abstract.js model): each
 * test gets a fresh, migrated, empty store from `makeStorage`.
 */
export function describeStorageContract(
  name: string,
  makeStorage: () => Promise<StorageUnderTest>,
): void {
  describe(`Storage contract: ${name}`, () => {
    let store: StorageUnderTest;
    let s: Storage;
    beforeEach(async () => {
      store = await makeStorage();
      s = store.storage;
    });
    afterEach(() => store.close());

    describe('greenhouses and zones', () => {
      it('creates a greenhouse and finds it by uid; a duplicate uid is rejected', async () => {
        const gh = await s.greenhouses.create({ uid: 'gh-a', name: 'A', timezone: 'UTC' }, T0);
        expect(Number.isSafeInteger(gh.id)).toBe(true);
        // The domain's extra fields (description, stamps) are covered in domain.contract.ts.
        expect(gh).toMatchObject({ id: gh.id, uid: 'gh-a', name: 'A', timezone: 'UTC' });
        expect(await s.greenhouses.byUid('gh-a')).toEqual(gh);
        expect(await s.greenhouses.byUid('gh-missing')).toBeNull();
        await expect(
          s.greenhouses.create({ uid: 'gh-a', name: 'again', timezone: 'UTC' }, T0),
        ).rejects.toThrow();
      });

      it('creates zones that carry their greenhouse uid, by id, by uid and listed in order', async () => {
        const a = await s.greenhouses.create({ uid: 'gh-a', name: 'A', timezone: 'UTC' }, T0);
        const b = await s.greenhouses.create({ uid: 'gh-b', name: 'B', timezone: 'UTC' }, T0);
        const z1 = await s.zones.create({ greenhouseId: b.id, uid: 'zn-1', name: 'One' }, T0);
        const z2 = await s.zones.create({ greenhouseId: a.id, uid: 'zn-2', name: 'Two' }, T0);
        expect(Number.isSafeInteger(z1.id)).toBe(true);
        expect(z1).toMatchObject({
          id: z1.id,
          greenhouseId: b.id,
          uid: 'zn-1',
          name: 'One',
          greenhouseUid: 'gh-b',
        });
        expect(await s.zones.byId(z2.id)).toEqual({ ...z2, greenhouseUid: 'gh-a' });
        expect(await s.zones.byUid('zn-1')).toEqual(z1);
        expect(await s.zones.byId(z2.id + 1000)).toBeNull();
        expect(await s.zones.byUid('zn-missing')).toBeNull();
        expect(await s.zones.list()).toEqual([z1, z2]);
      });
    });

    describe('nodes', () => {
      it('creates nodes and reads them back whole by id, uid, hardware id and in the list', async () => {
        const zone = await seedZone(s);
        const first = await s.nodes.create(nodeInput(1));
        const second = await s.nodes.create(
          nodeInput(2, { zoneId: zone.id, config: { interval_s: 5, cal: [4, 7] }, rssi: -61 }),
        );
        expect(second.id).not.toBe(first.id);
        expect(await s.nodes.byId(second.id)).toEqual(second);
        expect(await s.nodes.byUid(first.uid)).toEqual(first);
        expect(await s.nodes.byHardwareId(second.hardwareId)).toEqual(second);
        expect(await s.nodes.byHardwareId('esp32-unknown')).toBeNull();
        expect(await s.nodes.list()).toEqual([first, second]);
        await expect(s.nodes.create(nodeInput(1, { uid: 'nd-other' }))).rejects.toThrow();
      });

      it('updates scalar and JSON fields, leaving the others as they were', async () => {
        const zone = await seedZone(s);
        const node = await s.nodes.create(nodeInput(1));
        const updated = await s.nodes.update(node.id, {
          status: 'online',
          lifecycleState: 'ASSIGNED_TO_ZONE',
          zoneId: zone.id,
          lastSeenAt: T0 + 5_000,
          capabilities: ['ph', 'ec', 'temp'],
          config: { interval_s: 10, thresholds: { low: 5.5 } },
        });
        const expected = {
          ...node,
          status: 'online',
          lifecycleState: 'ASSIGNED_TO_ZONE',
          zoneId: zone.id,
          lastSeenAt: T0 + 5_000,
          capabilities: ['ph', 'ec', 'temp'],
          config: { interval_s: 10, thresholds: { low: 5.5 } },
        };
        expect(updated).toEqual(expected);
        expect(await s.nodes.byId(node.id)).toEqual(expected);
        const cleared = await s.nodes.update(node.id, { config: null, zoneId: null, name: 'Tank' });
        expect(cleared).toEqual({ ...expected, config: null, zoneId: null, name: 'Tank' });
        expect(await s.nodes.update(node.id, {})).toEqual(cleared);
        await expect(s.nodes.update(node.id + 1000, { name: 'x' })).rejects.toThrow();
      });

      it('replaces the channel set of one node only, ordered by channel', async () => {
        const a = await s.nodes.create(nodeInput(1));
        const b = await s.nodes.create(nodeInput(2));
        const ph = PH_CHANNEL;
        const pump = PUMP_CHANNEL;
        await s.nodes.replaceChannels(a.id, [pump, ph]);
        await s.nodes.replaceChannels(b.id, [ph]);
        expect(await s.nodes.channels(a.id)).toEqual([ph, pump]);
        await s.nodes.replaceChannels(a.id, [{ ...pump, config: { max_ms: 60_000 } }]);
        expect(await s.nodes.channels(a.id)).toEqual([{ ...pump, config: { max_ms: 60_000 } }]);
        await s.nodes.replaceChannels(a.id, []);
        expect(await s.nodes.channels(a.id)).toEqual([]);
        expect(await s.nodes.channels(b.id)).toEqual([ph]);
      });

      it('keeps errors of an unknown hardware id until a node adopts them', async () => {
        const error = (n: number, hardwareId: string) => ({
          nodeId: null,
          hardwareId,
          level: 'ERROR',
          component: 'sensor',
          errorCode: `E${n}`,
          message: `failure ${n}`,
          details: n === 2 ? { retries: 3, bus: 'i2c' } : null,
          ts: T0 + n,
          receivedAt: T0 + n + 10,
        });
        await s.nodes.addError(error(1, 'esp32-new'));
        await s.nodes.addError(error(2, 'esp32-new'));
        await s.nodes.addError(error(3, 'esp32-other'));
        const node = await s.nodes.create(nodeInput(1, { hardwareId: 'esp32-new' }));
        expect(await s.nodes.errors(node.id, 10)).toEqual([]);
        expect(await s.nodes.adoptErrors('esp32-new', node.id)).toBe(2);
        expect(await s.nodes.adoptErrors('esp32-new', node.id)).toBe(0);
        await s.nodes.addError({ ...error(4, 'esp32-new'), nodeId: node.id });
        const adopted = await s.nodes.errors(node.id, 10);
        expect(adopted.map((e) => e.errorCode)).toEqual(['E4', 'E2', 'E1']);
        expect(adopted[1]).toEqual({ ...error(2, 'esp32-new'), nodeId: node.id });
        expect(await s.nodes.errors(node.id, 2)).toEqual(adopted.slice(0, 2));
      });
    });

    describe('commands', () => {
      it('inserts a command and reads it back by cmd id; a duplicate cmd id is rejected', async () => {
        const node = await s.nodes.create(nodeInput(1));
        const cmd = await s.commands.insert(commandInput('c-1', node.id, { deadlineAt: T0 + 1 }));
        expect(await s.commands.byCmdId('c-1')).toEqual(cmd);
        expect(await s.commands.byCmdId('c-missing')).toBeNull();
        await expect(s.commands.insert(commandInput('c-1', node.id))).rejects.toThrow();
      });

      it('transitions only from an allowed status, so a second terminal answer is a no-op', async () => {
        const cmd = await s.commands.insert(commandInput('c-1', null, { status: 'SENT' }));
        const ack = await s.commands.transition(
          'c-1',
          ['SENT'],
          'ACK',
          { ackAt: T0 + 10 },
          T0 + 10,
        );
        expect(ack).toEqual({ ...cmd, status: 'ACK', ackAt: T0 + 10 });
        expect(
          await s.commands.transition('c-1', ['QUEUED'], 'SENT', { sentAt: T0 + 11 }, T0 + 11),
        ).toBeNull();
        const done = await s.commands.transition(
          'c-1',
          ['SENT', 'ACK'],
          'DONE',
          { terminalAt: T0 + 20, details: { result: 'ok', volume_ml: 12.5 }, attempts: 1 },
          T0 + 20,
        );
        expect(done).toEqual({
          ...ack,
          status: 'DONE',
          terminalAt: T0 + 20,
          details: { result: 'ok', volume_ml: 12.5 },
          attempts: 1,
        });
        const late = await s.commands.transition(
          'c-1',
          ['SENT', 'ACK'],
          'ERROR',
          { errorCode: 'late', terminalAt: T0 + 30 },
          T0 + 30,
        );
        expect(late).toBeNull();
        expect(await s.commands.byCmdId('c-1')).toEqual(done);
        expect(await s.commands.transition('c-missing', ['SENT'], 'DONE', {}, T0)).toBeNull();
      });

      it('lists overdue commands: only SENT or ACK past their deadline, oldest first', async () => {
        const at = (cmdId: string, status: 'QUEUED' | 'SENT' | 'ACK' | 'DONE', deadline: number) =>
          s.commands.insert(commandInput(cmdId, null, { status, deadlineAt: deadline }));
        const sent = await at('sent-due', 'SENT', T0 + 100);
        await at('sent-later', 'SENT', T0 + 101);
        const ack = await at('ack-due', 'ACK', T0 + 50);
        await at('queued-due', 'QUEUED', T0);
        await at('done-due', 'DONE', T0);
        await s.commands.insert(commandInput('no-deadline', null, { status: 'SENT' }));
        expect(await s.commands.overdue(T0 + 100)).toEqual([sent, ack]);
        expect(await s.commands.overdue(T0 + 49)).toEqual([]);
      });

      it('pages a node’s commands newest first with beforeId', async () => {
        const a = await s.nodes.create(nodeInput(1));
        const b = await s.nodes.create(nodeInput(2));
        const mine = [];
        for (let i = 0; i < 5; i++) {
          mine.push(await s.commands.insert(commandInput(`a-${i}`, a.id, { createdAt: T0 + i })));
          await s.commands.insert(commandInput(`b-${i}`, b.id));
        }
        const newest = mine.toReversed();
        const page1 = await s.commands.listForNode(a.id, 2);
        expect(page1).toEqual(newest.slice(0, 2));
        const page2 = await s.commands.listForNode(a.id, 2, page1.at(-1)!.id);
        expect(page2).toEqual(newest.slice(2, 4));
        expect(await s.commands.listForNode(a.id, 10, page2.at(-1)!.id)).toEqual(newest.slice(4));
        expect(await s.commands.listForNode(a.id, 10, mine[0]!.id)).toEqual([]);
      });
    });

    describe('telemetry and events', () => {
      it('ignores duplicate (node, channel, ts) samples, keeps the first and counts the rest', async () => {
        const zone = await seedZone(s);
        const node = await s.nodes.create(nodeInput(1));
        const batch = [
          { ...sample(node.id, 'ph', T0, 6.123456789), zoneId: zone.id },
          sample(node.id, 'ec', T0, 1.4),
          sample(node.id, 'ph', T0 + 1000, 6.2),
          sample(node.id, 'ph', T0 + 1000, 9.9),
        ];
        expect(await s.telemetry.insertSamples(batch)).toBe(3);
        expect(
          await s.telemetry.insertSamples([
            sample(node.id, 'ph', T0, 7),
            { ...sample(node.id, 'ph', T0 + 2000, 6.3), quality: 'uncertain' },
          ]),
        ).toBe(1);
        expect(await s.telemetry.insertSamples([])).toBe(0);
        const latest = await s.telemetry.latest(node.id, 10);
        expect(latest.map((x) => [x.channel, x.ts, x.value])).toEqual([
          ['ph', T0 + 2000, 6.3],
          ['ph', T0 + 1000, 6.2],
          expect.anything(),
          expect.anything(),
        ]);
        expect(latest.slice(2).sort((x, y) => x.channel.localeCompare(y.channel))).toEqual([
          sample(node.id, 'ec', T0, 1.4),
          { ...sample(node.id, 'ph', T0, 6.123456789), zoneId: zone.id },
        ]);
        expect(latest[0]!.quality).toBe('uncertain');
      });

      it('returns the latest samples of one node only, newest first, up to the limit', async () => {
        const a = await s.nodes.create(nodeInput(1));
        const b = await s.nodes.create(nodeInput(2));
        await s.telemetry.insertSamples([
          sample(a.id, 'ph', T0 + 3, 3),
          sample(a.id, 'ph', T0 + 1, 1),
          sample(b.id, 'ph', T0 + 9, 9),
          sample(a.id, 'temp', T0 + 2, 2),
        ]);
        expect(await s.telemetry.latest(a.id, 2)).toEqual([
          sample(a.id, 'ph', T0 + 3, 3),
          sample(a.id, 'temp', T0 + 2, 2),
        ]);
        expect(await s.telemetry.latest(b.id + 1000, 5)).toEqual([]);
      });

      it('inserts events with increasing ids', async () => {
        const zone = await seedZone(s);
        const node = await s.nodes.create(nodeInput(1));
        const first = await s.events.insert({
          nodeId: node.id,
          zoneId: zone.id,
          channel: 'level',
          type: 'level_switch',
          payload: { state: 'low', raw: [0, 1] },
          ts: T0,
        });
        const second = await s.events.insert({
          nodeId: null,
          zoneId: null,
          channel: null,
          type: 'system',
          payload: {},
          ts: T0 + 1,
        });
        expect(first).toBeGreaterThan(0);
        expect(second).toBeGreaterThan(first);
      });
    });
  });
}
