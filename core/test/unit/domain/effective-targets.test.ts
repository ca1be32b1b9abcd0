import { describe, expect, it } from 'vitest';
import { effectiveTargets, windowPeriod } from '../../../src/domain/effective-targets.js';
import type { CyclePhaseRecord, ZoneRecord } from '../../../src/storage/domain-types.js';
import { phaseTargets } from '../../contract/domain-records.js';

const zone = (settings: ZoneRecord['settings'] = {}): ZoneRecord => ({
  id: 7,
  greenhouseId: 1,
  uid: 'zn-7',
  name: 'Z',
  greenhouseUid: 'gh-1',
  description: null,
  controlMode: 'auto',
  workflowPhase: 'idle',
  topology: 'two_tank',
  settings,
  createdAt: 0,
  updatedAt: 0,
});

const phase = (overrides: Partial<CyclePhaseRecord> = {}): CyclePhaseRecord => ({
  ...phaseTargets({ dayNightEnabled: false, dayNight: null }),
  cycleId: 3,
  phaseIndex: 2,
  sourcePhaseId: 11,
  startedAt: Date.UTC(2026, 0, 1),
  endedAt: null,
  ...overrides,
});

/** 12:00 UTC on a winter day: 13:00 in Berlin, 21:00 in Tokyo. */
const NOON_UTC = Date.UTC(2026, 0, 10, 12, 0);

describe('effective targets', () => {
  it('without a running cycle has no chemistry (fail closed) but keeps the zone settings', () => {
    const t = effectiveTargets({
      zone: zone({ irrigation: { interval_sec: 600 }, tanks: { solution_volume_l: 80 } }),
      timezone: 'UTC',
      cycle: null,
      now: NOON_UTC,
    });
    expect(t).toMatchObject({ cycle_id: null, phase: null, ph: null, ec: null, nutrition: null });
    expect(t.irrigation).toEqual({
      enabled: true,
      mode: null,
      interval_sec: 600,
      duration_sec: null,
    });
    expect(t.tanks).toEqual({ clean_volume_l: null, solution_volume_l: 80 });
    expect(t.overridden).toEqual(['irrigation.interval_sec']);
  });

  it('takes the phase and lets the zone override irrigation, lighting and climate only', () => {
    const t = effectiveTargets({
      zone: zone({
        irrigation: { enabled: false, duration_sec: 90 },
        lighting: { start_time: '05:00' },
        climate: { temp_air_night: 17 },
      }),
      timezone: 'UTC',
      cycle: { id: 3, phase: phase() },
      now: NOON_UTC,
    });
    expect(t.ph).toEqual({ target: 5.8, min: 5.5, max: 6.1 });
    expect(t.ec).toEqual({ target: 1.2, min: 1, max: 1.4 });
    expect(t.nutrition?.ratios_pct).toEqual({ npk: 40, calcium: 30, magnesium: 20, micro: 10 });
    expect(t.irrigation).toEqual({
      enabled: false,
      mode: 'SUBSTRATE',
      interval_sec: 1800,
      duration_sec: 90,
    });
    expect(t.lighting).toEqual({ enabled: true, photoperiod_hours: 16.5, start_time: '05:00' });
    expect(t.climate).toMatchObject({ temp_air_day: 24, temp_air_night: 17, temp_air_target: 24 });
    expect(t.overridden).toEqual([
      'irrigation.enabled',
      'irrigation.duration_sec',
      'lighting.start_time',
      'climate.temp_air_night',
    ]);
  });

  it("picks day or night pH by the greenhouse's local time", () => {
    const dayNight = phase({
      dayNightEnabled: true,
      dayNight: {
        day_start_time: '07:00',
        day_hours: 12,
        ph: { day: 5.8, day_min: 5.6, day_max: 6, night: 6.1, night_min: 5.9, night_max: 6.3 },
      },
    });
    const at = (timezone: string) =>
      effectiveTargets({
        zone: zone(),
        timezone,
        cycle: { id: 3, phase: dayNight },
        now: NOON_UTC,
      });
    expect(at('Europe/Berlin')).toMatchObject({ period: 'day', ph: { target: 5.8, min: 5.6 } });
    expect(at('Asia/Tokyo')).toMatchObject({ period: 'night', ph: { target: 6.1, max: 6.3 } });
    // EC has no day/night band here: the phase's own values hold day and night.
    expect(at('Asia/Tokyo').ec).toEqual({ target: 1.2, min: 1, max: 1.4 });
  });

  it('uses the light window for the climate period when there is no day/night extension', () => {
    const t = effectiveTargets({
      zone: zone({ lighting: { start_time: '14:00', photoperiod_hours: 8 } }),
      timezone: 'UTC',
      cycle: { id: 3, phase: phase() },
      now: NOON_UTC,
    });
    expect(t.period).toBe('night');
    expect(t.climate).toMatchObject({ temp_air_target: 19.5, humidity_target: 70 });
  });

  it('wraps day windows past midnight', () => {
    expect(windowPeriod(23 * 60, '20:00', 8)).toBe('day');
    expect(windowPeriod(3 * 60 + 59, '20:00', 8)).toBe('day');
    expect(windowPeriod(4 * 60, '20:00', 8)).toBe('night');
    expect(windowPeriod(12 * 60, '20:00', 24)).toBe('day');
    expect(windowPeriod(12 * 60, '20:00', 0)).toBe('night');
  });
});
