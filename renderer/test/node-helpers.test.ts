import { describe, expect, it } from 'vitest';
import { channelTestFor, RESTART_REQUEST } from '../src/components/nodes/channel-test.js';
import { hideSecrets, HIDDEN } from '../src/components/nodes/config-secrets.js';
import { commandTone, isFinished } from '../src/components/nodes/command-tones.js';
import {
  displayUnit,
  formatAgo,
  formatReading,
  signalQuality,
} from '../src/components/nodes/node-format.js';

const channel = (over: Partial<Parameters<typeof channelTestFor>[1]>) => ({
  channel: 'x',
  type: 'SENSOR',
  metric: null,
  unit: null,
  actuator_type: null,
  ...over,
});

describe('channelTestFor', () => {
  it('probes a sensor once', () => {
    expect(channelTestFor('ph', channel({ channel: 'ph_sensor', metric: 'PH' }))).toEqual({
      kind: 'probe',
      request: { cmd: 'test_sensor', channel: 'ph_sensor', params: {} },
    });
  });

  it('runs a dosing pump for 3 s with run_pump and other outputs with a timed set_relay', () => {
    const pump = channel({
      channel: 'pump_acid',
      type: 'ACTUATOR',
      actuator_type: 'PERISTALTIC_PUMP',
    });
    expect(channelTestFor('ph', pump)?.request).toEqual({
      cmd: 'run_pump',
      channel: 'pump_acid',
      params: { duration_ms: 3000 },
    });
    const valve = channel({
      channel: 'valve_irrigation',
      type: 'ACTUATOR',
      actuator_type: 'VALVE',
    });
    expect(channelTestFor('irrig', valve)).toEqual({
      kind: 'run',
      request: {
        cmd: 'set_relay',
        channel: 'valve_irrigation',
        params: { state: true, duration_ms: 3000 },
      },
    });
  });

  it('offers nothing for system channels or commands the firmware lacks', () => {
    const system = channel({ channel: 'system', type: 'ACTUATOR', actuator_type: 'SYSTEM' });
    expect(channelTestFor('ph', system)).toBeNull();
    // relay_node firmware has no sensor probe.
    expect(channelTestFor('relay', channel({ channel: 'flow' }))).toBeNull();
    // Types without a firmware profile get the generic test.
    expect(channelTestFor('water_sensor', channel({ channel: 'level' }))?.kind).toBe('probe');
  });

  it('restarts on the system channel', () => {
    expect(RESTART_REQUEST).toEqual({ cmd: 'restart', channel: 'system', params: {} });
  });
});

describe('hideSecrets', () => {
  it('masks credential-looking keys at any depth and leaves the rest', () => {
    const config = {
      node_id: 'nd-1',
      node_secret: 'abc',
      mqtt: { host: 'h', password: 'p', keepalive: 30 },
      wifi: { ssid: 'farm', pass: 'x', psk: 'y' },
      channels: [{ name: 'c', api_token: 't' }],
    };
    expect(hideSecrets(config)).toEqual({
      node_id: 'nd-1',
      node_secret: HIDDEN,
      mqtt: { host: 'h', password: HIDDEN, keepalive: 30 },
      wifi: { ssid: 'farm', pass: 'x', psk: HIDDEN },
      channels: [{ name: 'c', api_token: HIDDEN }],
    });
  });
});

describe('readings', () => {
  const words = { on: 'On', off: 'Off', unit: (u: string) => (u === 'mA' ? 'мА' : u) };

  it('prints a reading with the unit the grower expects', () => {
    expect(formatReading(6.1234, 'PH', 'pH', 'en', words)).toBe('pH 6.12');
    expect(formatReading(6.1, 'PH', 'pH', 'en', words)).toBe('pH 6.10');
    expect(formatReading(21.44, 'TEMPERATURE', 'C', 'en', words)).toBe('21.4 °C');
    expect(formatReading(1.5, 'EC', null, 'ru', words)).toBe('1,50 mS/cm');
    expect(formatReading(312.4, 'PUMP_CURRENT', 'mA', 'ru', words)).toBe('312 мА');
    expect(formatReading(1, 'WATER_LEVEL_SWITCH', 'bool', 'en', words)).toBe('On');
    expect(formatReading(0, 'WATER_LEVEL_SWITCH', null, 'en', words)).toBe('Off');
    expect(formatReading(3.14159, 'SOMETHING', null, 'en', words)).toBe('3.14');
  });

  it('takes the catalogue unit when the channel has none', () => {
    expect(displayUnit('HUMIDITY', null)).toBe('%');
    expect(displayUnit(null, null)).toBe('');
  });

  it('bands Wi-Fi signal as field guides do', () => {
    expect([-50, -60, -70, -80].map(signalQuality)).toEqual(['excellent', 'good', 'fair', 'weak']);
  });

  it('tells ages in words', () => {
    expect(formatAgo(0, 5000, 'en')).toBe('5 seconds ago');
    expect(formatAgo(0, 3 * 3_600_000, 'en')).toBe('3 hours ago');
    expect(formatAgo(1000, 1000, 'en')).toBe('now');
    expect(formatAgo(0, 120_000, 'ru')).toBe('2 минуты назад');
  });
});

describe('command tones', () => {
  it('colours progress, success and failure', () => {
    expect(['QUEUED', 'SENT', 'ACK'].map(commandTone)).toEqual(['info', 'info', 'info']);
    expect(commandTone('DONE')).toBe('success');
    expect(commandTone('NO_EFFECT')).toBe('neutral');
    expect(['ERROR', 'INVALID', 'BUSY', 'TIMEOUT', 'SEND_FAILED'].map(commandTone)).toEqual(
      Array(5).fill('error'),
    );
    expect(isFinished('ACK')).toBe(false);
    expect(isFinished('DONE')).toBe(true);
  });
});
