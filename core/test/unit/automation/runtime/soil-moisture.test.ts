import { describe, expect, it } from 'vitest';
import { readSoil } from '../../../../src/automation/runtime/workflows/soil-moisture.js';
import { FakeZoneIo } from './support/fake-zone-io.js';

const NOW = 10_000_000;
const SETTINGS = { irrigation: { soil_moisture_min_pct: 40, soil_moisture_max_pct: 60 } };

function io(values: number[], newestAgeMs = 0): FakeZoneIo {
  const fake = new FakeZoneIo(() => NOW - newestAgeMs).bind('soil_moisture_sensor');
  fake.addSamples('soil_moisture_sensor', values);
  return fake;
}

describe('reading the soil for smart_soil_v1', () => {
  it('averages the good samples of the last 30 minutes against the zone band', async () => {
    expect(await readSoil(io([30, 34, 38]), SETTINGS, NOW)).toEqual({
      target: { min: 40, max: 60 },
      mean: 34,
      samples: 3,
    });
  });

  it('has no mean with fewer than three samples or a newest one over ten minutes old', async () => {
    expect((await readSoil(io([30, 34]), SETTINGS, NOW)).mean).toBeNull();
    expect((await readSoil(io([30, 34, 38], 600_001), SETTINGS, NOW)).mean).toBeNull();
    expect((await readSoil(new FakeZoneIo(() => NOW), SETTINGS, NOW)).mean).toBeNull();
  });

  it('has no target unless both bounds are set', async () => {
    const half = { irrigation: { soil_moisture_min_pct: 40 } };
    expect((await readSoil(io([30, 34, 38]), half, NOW)).target).toBeNull();
  });
});
