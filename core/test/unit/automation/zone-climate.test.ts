import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIMATE_MAX_AGE_MS } from '../../../src/automation/climate/hysteresis.js';
import { ZoneClimateController } from '../../../src/automation/climate/zone-climate.js';
import type { ZoneSettings } from '../../../src/contracts/zones.js';
import { ZoneEvents } from '../../../src/events/zone-events.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import { domainFixture, type DomainFixture } from '../../helpers/domain-fixture.js';
import { FakeZoneIo } from './runtime/support/fake-zone-io.js';

const MIN = 60_000;
/** Day 06:00–22:00 UTC (the light window), 22 °C / 60 % by day, 18 °C / 70 % by night. */
const SETTINGS: ZoneSettings = {
  lighting: { start_time: '06:00', photoperiod_hours: 16 },
  climate: { temp_air_day: 22, temp_air_night: 18, humidity_day: 60, humidity_night: 70 },
};

let f: DomainFixture;
let io: FakeZoneIo;
let controller: ZoneClimateController;
let zoneId: number;

async function setup(settings: ZoneSettings = SETTINGS, mode: 'auto' | 'semi' = 'auto') {
  f = await domainFixture();
  f.clock.advance(Date.parse('2026-03-10T10:00:00Z') - f.clock.now());
  const gh = await f.domain.greenhouses.create(
    { name: 'H', timezone: 'UTC', description: null },
    't',
  );
  const zone = await f.domain.zones.create(
    {
      greenhouse_id: gh.id,
      name: 'Z',
      description: null,
      control_mode: mode,
      topology: 'two_tank',
      settings,
    },
    't',
  );
  zoneId = zone.id;
  io = new FakeZoneIo(() => f.clock.now()).bind(
    'heater',
    'fan',
    'humidifier',
    'temperature_sensor',
    'humidity_sensor',
  );
  const ctx = {
    storage: f.storage,
    clock: f.clock,
    logger: silentLogger(),
    zoneEvents: new ZoneEvents({ storage: f.storage, clock: f.clock, publish: () => undefined }),
    targets: (id: number) => f.domain.zones.effectiveTargets(id),
  };
  controller = new ZoneClimateController(ctx, () => io);
}

/** Advance, report a fresh temperature and humidity, and tick once. */
async function step(ms: number, tempC: number | null, rh: number | null = 60): Promise<void> {
  f.clock.advance(ms);
  if (tempC !== null) io.addSamples('temperature_sensor', [tempC]);
  if (rh !== null) io.addSamples('humidity_sensor', [rh]);
  await controller.tick();
}

const commands = () =>
  io.sent.map((s) => `${s.step.role} ${String((s.step.params as { state: boolean }).state)}`);
const climateEvents = async () =>
  (await f.storage.events.list(zoneId, { limit: 100 }))
    .filter((e) => e.type.startsWith('CLIMATE_'))
    .map((e) => e.type);

afterEach(() => f?.close());

describe('zone climate: hysteresis with minimum on/off times (auto)', () => {
  beforeEach(() => setup());

  it('heats below the band, holds the minimum on and off times, and reports each switch once', async () => {
    await step(0, 21.4); // 22 − 0.5 reached: on
    await step(MIN, 22.6); // above the band, but on for 1 min only (min on 2 min)
    expect(commands()).toEqual(['heater true']);
    await step(MIN, 22.6); // 2 min on: off
    await step(MIN, 21.0); // below the band, but off for 1 min only
    expect(commands()).toEqual(['heater true', 'heater false']);
    await step(MIN, 21.0);
    await step(MIN, 21.8); // inside the band: holds
    expect(commands()).toEqual(['heater true', 'heater false', 'heater true']);
    expect(await climateEvents()).toEqual([
      'CLIMATE_HEATER_ON',
      'CLIMATE_HEATER_OFF',
      'CLIMATE_HEATER_ON',
    ]);
    const memory = await f.storage.zoneRuntime.get(zoneId);
    expect(memory.climate).toMatchObject({ heater: { on: true, announced: true, stale: false } });
  });

  it('cools with the fan from 1.5 °C above the setpoint and humidifies below the humidity band', async () => {
    await step(0, 23.4, 56);
    expect(commands()).toEqual(['humidifier true']);
    await step(MIN, 23.5, 60);
    expect(commands()).toEqual(['humidifier true', 'fan true']);
  });

  it('uses the night setpoint outside the light window', async () => {
    await step(12 * 60 * MIN, 19.6, 70); // 22:00 UTC: night, 18 °C: the fan cools, no heat
    expect(commands()).toEqual(['fan true']);
  });

  it('never runs the fan while the heater is on (interlock), even when the heater is held on', async () => {
    await step(0, 21.0);
    await step(MIN, 24.0); // heater within its minimum on time; the fan must wait
    expect(commands()).toEqual(['heater true']);
    await step(MIN, 24.0);
    expect(commands()).toEqual(['heater true', 'heater false', 'fan true']);
  });

  it('a stale reading switches the heater off at once (even inside its minimum on time) and nothing else', async () => {
    await step(0, 21.0);
    f.clock.advance(MIN);
    io.addSamples('humidity_sensor', [60]);
    await controller.tick();
    f.clock.advance(CLIMATE_MAX_AGE_MS);
    await controller.tick();
    await controller.tick();
    expect(commands()).toEqual(['heater true', 'heater false']);
    expect(await climateEvents()).toEqual([
      'CLIMATE_HEATER_ON',
      'CLIMATE_SENSOR_STALE',
      'CLIMATE_HEATER_OFF',
      'CLIMATE_SENSOR_STALE',
    ]);
    await step(MIN, 21.0); // fresh again, min off elapsed? no: off 1 min ago
    await step(2 * MIN, 21.0);
    expect(commands().at(-1)).toBe('heater true');
    expect(await climateEvents()).toContain('CLIMATE_SENSOR_RECOVERED');
  });

  it('switches off what it switched on when the zone disables climate', async () => {
    await step(0, 21.0);
    await f.domain.zones.update(
      zoneId,
      { settings: { ...SETTINGS, climate: { enabled: false } } },
      't',
    );
    await step(3 * MIN, 21.0);
    expect(commands()).toEqual(['heater true', 'heater false']);
  });
});

describe('zone climate: control modes', () => {
  it('semi computes and records the decision once, and sends nothing', async () => {
    await setup(SETTINGS, 'semi');
    await step(0, 21.0);
    await step(MIN, 21.0);
    expect(io.sent).toEqual([]);
    const events = (await f.storage.events.list(zoneId, { limit: 10 })).filter((e) =>
      e.type.startsWith('CLIMATE_'),
    );
    expect(events.map((e) => [e.type, e.payload.applied])).toEqual([['CLIMATE_HEATER_ON', false]]);
  });

  it('manual leaves the zone alone', async () => {
    await setup();
    await f.domain.zones.setControlMode(zoneId, 'manual', 'testing', 't');
    await step(0, 15.0);
    expect(io.sent).toEqual([]);
    expect(await climateEvents()).toEqual([]);
  });
});
