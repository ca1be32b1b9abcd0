import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SENSOR_STALE_CODE,
  sensorStaleKey,
  STALE_CHECK_MS,
  StaleSensorAlerts,
} from '../../../src/alerts/stale-sensor-alerts.js';
import type { NodeRecord } from '../../../src/storage/types.js';
import {
  addNode,
  alertsOf,
  bind,
  enterPhase,
  pass,
  producersFixture,
  sample,
  type ProducersFixture,
} from './producers-fixture.js';

const MIN = 60_000;

let f: ProducersFixture;
let producer: StaleSensorAlerts;
let irrig: NodeRecord;

beforeEach(async () => {
  f = await producersFixture();
  irrig = await addNode(f, 1, { type: 'irrig' });
  await bind(f, 'level_solution_min', irrig);
});
afterEach(async () => {
  await producer.stop();
  await f.close();
});

const start = async () => {
  producer = new StaleSensorAlerts(f.ctx);
  await producer.start();
};
const wait = (ms: number, each?: () => Promise<void>) =>
  pass(f, producer, ms, STALE_CHECK_MS, each);
const statuses = async () => (await alertsOf(f, SENSOR_STALE_CODE)).map((a) => a.status);

describe('stale sensor alerts', () => {
  it('raises for a level switch silent for 120 s and resolves on its next sample', async () => {
    await sample(f, irrig, 'level_solution_min', 1);
    await start();
    await wait(2 * MIN);
    expect(await alertsOf(f, SENSOR_STALE_CODE)).toEqual([]);
    await wait(STALE_CHECK_MS);
    const [alert] = await alertsOf(f, SENSOR_STALE_CODE);
    expect(alert).toMatchObject({
      zoneId: f.zoneId,
      severity: 'warning',
      source: 'infra',
      count: 1,
      dedupeKey: sensorStaleKey(f.zoneId, 'level_solution_min'),
      details: { role: 'level_solution_min', node_uid: irrig.uid, channel: 'level_solution_min' },
    });
    // Still silent: the same alert, not repeated.
    await wait(10 * MIN);
    expect(await alertsOf(f, SENSOR_STALE_CODE)).toMatchObject([{ count: 1, status: 'ACTIVE' }]);

    await sample(f, irrig, 'level_solution_min', 0);
    await wait(STALE_CHECK_MS);
    expect(await alertsOf(f, SENSOR_STALE_CODE)).toMatchObject([
      { id: alert!.id, status: 'RESOLVED', resolvedBy: 'auto' },
    ]);
  });

  it('keeps quiet while samples flow, while the node is offline, and about the core’s own downtime', async () => {
    // The last sample is an hour old when this run starts: the core was down, not the switch.
    await sample(f, irrig, 'level_solution_min', 1);
    f.clock.advance(60 * MIN);
    await start();
    await wait(MIN);
    await wait(10 * MIN, () => sample(f, irrig, 'level_solution_min', 1));
    expect(await alertsOf(f, SENSOR_STALE_CODE)).toEqual([]);
    await f.storage.nodes.update(irrig.id, { status: 'offline' });
    await wait(30 * MIN);
    expect(await alertsOf(f, SENSOR_STALE_CODE)).toEqual([]);
    // Back online (seen by the next check): it has the rule's time to report again.
    await f.storage.nodes.update(irrig.id, { status: 'online' });
    await wait(2 * MIN + STALE_CHECK_MS);
    expect(await alertsOf(f, SENSOR_STALE_CODE)).toEqual([]);
    await wait(STALE_CHECK_MS);
    expect(await statuses()).toEqual(['ACTIVE']);
  });

  it('judges climate sensors by the 1200 s rule', async () => {
    const climate = await addNode(f, 2, { type: 'climate' });
    await bind(f, 'temperature_sensor', climate, 'temperature');
    await sample(f, climate, 'temperature', 21);
    await sample(f, irrig, 'level_solution_min', 1);
    await start();
    await wait(20 * MIN, () => sample(f, irrig, 'level_solution_min', 1));
    expect(await alertsOf(f, SENSOR_STALE_CODE)).toEqual([]);
    await wait(STALE_CHECK_MS, () => sample(f, irrig, 'level_solution_min', 1));
    expect(await alertsOf(f, SENSOR_STALE_CODE)).toMatchObject([
      { dedupeKey: sensorStaleKey(f.zoneId, 'temperature_sensor') },
    ]);
  });

  it('expects pH/EC probes to report only during a flow', async () => {
    const ph = await addNode(f, 3);
    await bind(f, 'ph_sensor', ph);
    const levels = () => sample(f, irrig, 'level_solution_min', 1);
    await levels();
    await start();
    // Idle for hours with no probe sample: nothing is expected of it.
    await wait(3 * 60 * MIN, levels);
    expect(await alertsOf(f, SENSOR_STALE_CODE)).toEqual([]);
    await enterPhase(f, 'irrigating');
    await wait(2 * MIN, levels);
    expect(await alertsOf(f, SENSOR_STALE_CODE)).toEqual([]);
    await wait(STALE_CHECK_MS, levels);
    expect(await alertsOf(f, SENSOR_STALE_CODE)).toMatchObject([
      { dedupeKey: sensorStaleKey(f.zoneId, 'ph_sensor'), status: 'ACTIVE' },
    ]);
    await wait(STALE_CHECK_MS, async () => {
      await levels();
      await sample(f, ph, 'ph_sensor', 5.8);
    });
    expect(await statuses()).toEqual(['RESOLVED']);
  });

  it('resolves when the binding goes, and takes over alerts an earlier run left', async () => {
    await start();
    await wait(3 * MIN);
    expect(await statuses()).toEqual(['ACTIVE']);
    await producer.stop();
    await start();
    await f.storage.bindings.delete(f.zoneId, 'level_solution_min');
    await wait(STALE_CHECK_MS);
    expect(await statuses()).toEqual(['RESOLVED']);
  });
});
