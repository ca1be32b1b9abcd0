import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BAND_CHECK_MS, BandAlerts, bandAlertKey } from '../../../src/alerts/band-alerts.js';
import { PROBE_SETTLE_MS, type SolutionTempBandOf } from '../../../src/alerts/band-sources.js';
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
let producer: BandAlerts;
let ph: NodeRecord;

beforeEach(async () => {
  f = await producersFixture();
  ph = await addNode(f, 1);
  await bind(f, 'ph_sensor', ph);
});
afterEach(async () => {
  await producer.stop();
  await f.close();
});

const startCycle = async () => {
  const cycle = await f.domain.cycles.create(
    f.zoneId,
    { recipe_revision_id: f.revisionId, batch_label: null, notes: null, start_immediately: true },
    'tester',
  );
  return cycle.id;
};
const start = async (solutionTempBand?: SolutionTempBandOf) => {
  producer = new BandAlerts(
    { ...f.ctx, targets: (zoneId) => f.domain.zones.effectiveTargets(zoneId) },
    solutionTempBand ? { solutionTempBand } : {},
  );
  await producer.start();
};
/** `value` on `channel` every check for `ms`. */
const feed = (ms: number, value: number, node = ph, channel = 'ph_sensor', quality?: 'uncertain') =>
  pass(f, producer, ms, BAND_CHECK_MS, () => sample(f, node, channel, value, quality));
const summary = async (code: string) => (await alertsOf(f, code)).map((a) => [a.status, a.count]);

/** A running cycle (pH band 5.5–6.1), the zone irrigating and past the probes' settling. */
async function irrigating(): Promise<void> {
  await startCycle();
  await start();
  await enterPhase(f, 'irrigating');
  // Samples while the probes settle are not judged, however far out.
  await feed(PROBE_SETTLE_MS, 9);
}

describe('band alerts: pH and EC', () => {
  it('raises after 10 min out of the phase band, not for shorter excursions, and resolves back inside', async () => {
    await irrigating();
    await feed(5 * MIN, 6.5);
    await feed(MIN, 5.8);
    expect(await alertsOf(f, 'biz_high_ph')).toEqual([]);

    await feed(10 * MIN, 6.5);
    expect(await alertsOf(f, 'biz_high_ph')).toEqual([]);
    await feed(BAND_CHECK_MS, 6.5);
    const [alert] = await alertsOf(f, 'biz_high_ph');
    expect(alert).toMatchObject({
      zoneId: f.zoneId,
      severity: 'warning',
      status: 'ACTIVE',
      dedupeKey: bandAlertKey('biz_high_ph', f.zoneId),
      details: { metric: 'ph', side: 'high', value: 6.5, band_min: 5.5, band_max: 6.1 },
    });
    expect(alert!.message).toBe('pH 6.5 has been above the band 5.5–6.1 for 10 min');

    // Inside the band but not by the clear margin: still active, and not raised again.
    await feed(5 * MIN, 6.08);
    expect(await summary('biz_high_ph')).toEqual([['ACTIVE', 1]]);
    await feed(BAND_CHECK_MS, 5.9);
    expect(await summary('biz_high_ph')).toEqual([['RESOLVED', 1]]);
  });

  it('judges nothing without a running cycle or outside irrigation', async () => {
    await start();
    await enterPhase(f, 'irrigating');
    await feed(20 * MIN, 7.5);
    await startCycle();
    await enterPhase(f, 'tank_recirc');
    await feed(20 * MIN, 7.5);
    await enterPhase(f, 'ready');
    await feed(20 * MIN, 7.5);
    expect(await alertsOf(f, 'biz_high_ph')).toEqual([]);
    // Irrigating with a cycle: the excursion counts from the first judged sample.
    await enterPhase(f, 'irrigating');
    await feed(PROBE_SETTLE_MS + 10 * MIN, 7.5);
    expect(await alertsOf(f, 'biz_high_ph')).toEqual([]);
    await feed(BAND_CHECK_MS, 7.5);
    expect(await summary('biz_high_ph')).toEqual([['ACTIVE', 1]]);
  });

  it('counts an excursion seen in two irrigations in a row as persisting', async () => {
    const ec = await addNode(f, 2, { type: 'ec' });
    await bind(f, 'ec_sensor', ec);
    await irrigating();
    await feed(3 * MIN, 0.8, ec, 'ec_sensor');
    await enterPhase(f, 'ready');
    await feed(30 * MIN, 0.8, ec, 'ec_sensor');
    expect(await alertsOf(f, 'biz_low_ec')).toEqual([]);
    await enterPhase(f, 'irrigating');
    await feed(PROBE_SETTLE_MS + BAND_CHECK_MS, 0.8, ec, 'ec_sensor');
    expect(await alertsOf(f, 'biz_low_ec')).toMatchObject([
      { status: 'ACTIVE', details: { metric: 'ec', side: 'low', band_min: 1, band_max: 1.4 } },
    ]);
  });

  it('takes over its alert after a restart (one alert), and resolves when the sensor is unbound', async () => {
    await irrigating();
    await feed(11 * MIN, 5);
    expect(await summary('biz_low_ph')).toEqual([['ACTIVE', 1]]);
    await producer.stop();
    await start();
    await feed(20 * MIN, 5);
    expect(await summary('biz_low_ph')).toEqual([['ACTIVE', 1]]);
    await f.storage.bindings.delete(f.zoneId, 'ph_sensor');
    await feed(BAND_CHECK_MS, 5);
    expect(await summary('biz_low_ph')).toEqual([['RESOLVED', 1]]);
  });

  it('resolves when the cycle ends: there is no band left to judge against', async () => {
    const cycleId = await (async () => {
      const id = await startCycle();
      await start();
      await enterPhase(f, 'irrigating');
      await feed(PROBE_SETTLE_MS + 11 * MIN, 6.5);
      return id;
    })();
    expect(await summary('biz_high_ph')).toEqual([['ACTIVE', 1]]);
    await f.domain.cycles.act(cycleId, { type: 'abort' }, 'tester', null);
    await feed(BAND_CHECK_MS, 6.5);
    expect(await summary('biz_high_ph')).toEqual([['RESOLVED', 1]]);
  });
});

describe('band alerts: climate and solution temperature', () => {
  it('judges air temperature against the day/night target ± 2 °C, giving the climate time after a switch', async () => {
    const climate = await addNode(f, 2, { type: 'climate' });
    await bind(f, 'temperature_sensor', climate, 'temperature');
    const settings = {
      climate: { temp_air_day: 22, temp_air_night: 16 },
      lighting: { start_time: '06:00', photoperiod_hours: 16 },
    };
    await f.storage.zones.update(f.zoneId, { settings }, f.clock.now());
    f.clock.advance(5 * 60 * MIN + 40 * MIN);
    await start();
    const air = (ms: number, value: number) => feed(ms, value, climate, 'temperature');
    await air(20 * MIN, 16.5);
    // 06:00: the day band is 20–24; 17 °C is low, but the heater gets half an hour to catch up.
    await air(39 * MIN, 17);
    expect(await alertsOf(f, 'biz_low_temp')).toEqual([]);
    await air(2 * MIN, 17);
    expect(await alertsOf(f, 'biz_low_temp')).toMatchObject([
      { status: 'ACTIVE', details: { metric: 'air_temp', band_min: 20, band_max: 24 } },
    ]);
    await air(MIN, 20.4);
    expect(await summary('biz_low_temp')).toEqual([['ACTIVE', 1]]);
    await air(BAND_CHECK_MS, 21);
    expect(await summary('biz_low_temp')).toEqual([['RESOLVED', 1]]);
  });

  it('raises solution temperature after 10 continuous minutes out; the first in-range sample resolves', async () => {
    await start(() => ({ min: 18, max: 24 }));
    await bind(f, 'solution_temp_sensor', ph, 'solution_temp_c');
    const temp = (ms: number, value: number, quality?: 'uncertain') =>
      feed(ms, value, ph, 'solution_temp_c', quality);
    // Unstable or simulated readings never raise.
    await temp(15 * MIN, 30, 'uncertain');
    // A gap of 15 min breaks the excursion: it starts over after it.
    await temp(5 * MIN, 26);
    f.clock.advance(15 * MIN);
    await temp(9 * MIN, 26);
    expect(await alertsOf(f, 'biz_solution_temp_high')).toEqual([]);
    await temp(MIN + BAND_CHECK_MS, 26);
    expect(await alertsOf(f, 'biz_solution_temp_high')).toMatchObject([
      { status: 'ACTIVE', details: { metric: 'solution_temp', value: 26 } },
    ]);
    await temp(BAND_CHECK_MS, 24);
    expect(await summary('biz_solution_temp_high')).toEqual([['RESOLVED', 1]]);
  });

  it('has no solution-temperature band unless one is given', async () => {
    await start();
    await bind(f, 'solution_temp_sensor', ph, 'solution_temp_c');
    await feed(30 * MIN, 40, ph, 'solution_temp_c');
    expect(await alertsOf(f, 'biz_solution_temp_high')).toEqual([]);
  });
});
