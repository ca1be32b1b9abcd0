import { describe, expect, it } from 'vitest';
import {
  UpdateZoneRequestSchema,
  type EffectiveTargets,
  type ZoneSettings,
} from '../../core/src/contracts/zones.js';
import {
  checkForm,
  formOf,
  recipeValue,
  toRequest,
  toSettings,
} from '../src/components/zones/settings/settings-form.js';

const SCHEDULES: ZoneSettings['schedules'] = [
  { id: 'morning', task: 'irrigation', kind: 'time', at: '08:00', catch_up: 'skip' },
  { id: 'lights', task: 'lighting', kind: 'window', start: '06:00', end: '22:00' },
];

const FULL: ZoneSettings = {
  irrigation: {
    enabled: true,
    mode: 'SUBSTRATE',
    interval_sec: 1800,
    duration_sec: 90,
    strategy: 'smart_soil_v1',
    soil_moisture_min_pct: 40,
    soil_moisture_max_pct: 60,
  },
  lighting: { enabled: false, photoperiod_hours: 16, start_time: '06:30' },
  climate: {
    enabled: true,
    temp_air_day: 24,
    temp_air_night: 19.5,
    humidity_day: 60,
    humidity_night: 70,
  },
  tanks: { clean_volume_l: 200, solution_volume_l: 120 },
  schedules: SCHEDULES,
  catch_up: 'replay_all',
};

const zone = (settings: ZoneSettings) => ({ name: 'Bay 1', description: null, settings });

describe('zone settings mapping', () => {
  it('gives back the same settings it was filled from', () => {
    expect(toSettings(formOf(zone(FULL)), FULL)).toEqual(FULL);
    expect(toSettings(formOf(zone({})), {})).toEqual({});
    const partial: ZoneSettings = { irrigation: { interval_sec: 600 }, schedules: SCHEDULES };
    expect(toSettings(formOf(zone(partial)), partial)).toEqual(partial);
  });

  it('leaves out empty fields and the sections left with nothing', () => {
    const form = formOf(zone(FULL));
    form.irrigation.interval_sec = null;
    form.climate = {
      enabled: true,
      temp_air_day: null,
      temp_air_night: null,
      humidity_day: null,
      humidity_night: null,
    };
    form.tanks = { clean_volume_l: null, solution_volume_l: null };
    const settings = toSettings(form, FULL);
    expect(settings.irrigation).not.toHaveProperty('interval_sec');
    expect(settings.irrigation?.duration_sec).toBe(90);
    // The stored document said `enabled: true`, so it stays said.
    expect(settings.climate).toEqual({ enabled: true });
    expect(settings).not.toHaveProperty('tanks');
  });

  it('adds a switch or a policy only when it differs from the default', () => {
    const form = formOf(zone({}));
    expect(toSettings(form, {})).toEqual({});
    form.lighting.enabled = false;
    form.catch_up = 'skip';
    expect(toSettings(form, {})).toEqual({ lighting: { enabled: false }, catch_up: 'skip' });
  });

  it('passes the schedules and the irrigation mode through untouched', () => {
    const form = formOf(zone(FULL));
    form.irrigation.interval_sec = 900;
    const settings = toSettings(form, FULL);
    expect(settings.schedules).toBe(SCHEDULES);
    expect(settings.irrigation?.mode).toBe('SUBSTRATE');
    expect(settings.irrigation?.interval_sec).toBe(900);
  });

  it('drops the moisture band when the strategy no longer uses it', () => {
    const form = formOf(zone(FULL));
    form.irrigation.strategy = 'task';
    expect(toSettings(form, FULL).irrigation).not.toHaveProperty('soil_moisture_min_pct');
    expect(toSettings(form, FULL).irrigation).not.toHaveProperty('soil_moisture_max_pct');
  });

  it('builds a request the core accepts', () => {
    const form = formOf(zone(FULL));
    form.name = '  Bay 2 ';
    form.description = '  ';
    const body = toRequest(form, FULL);
    expect(body.name).toBe('Bay 2');
    expect(body.description).toBeNull();
    expect(UpdateZoneRequestSchema.safeParse(body).success).toBe(true);
  });
});

describe('zone settings checks', () => {
  it('requires the moisture minimum below the maximum for the soil strategy', () => {
    const form = formOf(zone(FULL));
    expect(checkForm(form)).toEqual({});
    form.irrigation.soil_moisture_min_pct = 60;
    form.irrigation.soil_moisture_max_pct = 40;
    expect(checkForm(form)).toEqual({
      'settings.irrigation.soil_moisture_min_pct': { key: 'zoneSettings.problem.minBelowMax' },
    });
    // The core refuses the same document.
    expect(UpdateZoneRequestSchema.safeParse(toRequest(form, FULL)).success).toBe(false);
    form.irrigation.soil_moisture_max_pct = 60;
    expect(checkForm(form)).toHaveProperty('settings.irrigation.soil_moisture_min_pct');
    form.irrigation.strategy = 'task';
    expect(checkForm(form)).toEqual({});
  });

  it('checks ranges, whole seconds, the time and the name like the core', () => {
    const form = formOf(zone({}));
    form.name = ' ';
    form.irrigation.interval_sec = 30;
    form.irrigation.duration_sec = 1.5;
    form.climate.humidity_day = 120;
    form.lighting.start_time = '25:00';
    form.tanks.solution_volume_l = 0;
    expect(Object.keys(checkForm(form)).sort()).toEqual([
      'name',
      'settings.climate.humidity_day',
      'settings.irrigation.duration_sec',
      'settings.irrigation.interval_sec',
      'settings.lighting.start_time',
      'settings.tanks.solution_volume_l',
    ]);
    expect(checkForm(form)['settings.irrigation.interval_sec']).toEqual({
      key: 'zoneSettings.problem.range',
      params: { min: 60, max: 86_400 },
    });
  });

  it("shows the recipe's value only for keys the zone does not override", () => {
    const targets = {
      irrigation: { enabled: true, mode: null, interval_sec: 1200, duration_sec: 60 },
      lighting: { enabled: true, photoperiod_hours: null, start_time: '06:00' },
      overridden: ['irrigation.duration_sec'],
    } as unknown as EffectiveTargets;
    expect(recipeValue(targets, 'irrigation.interval_sec')).toBe(1200);
    expect(recipeValue(targets, 'irrigation.duration_sec')).toBeNull();
    expect(recipeValue(targets, 'lighting.start_time')).toBe('06:00');
    expect(recipeValue(targets, 'lighting.photoperiod_hours')).toBeNull();
    expect(recipeValue(null, 'irrigation.interval_sec')).toBeNull();
  });
});
