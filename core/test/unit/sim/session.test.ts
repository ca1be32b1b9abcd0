import { describe, expect, it } from 'vitest';
import { HeartbeatSchema } from '../../../src/contracts/mqtt/heartbeat.js';
import { NodeHelloSchema } from '../../../src/contracts/mqtt/node-hello.js';
import { StatusReportSchema } from '../../../src/contracts/mqtt/status.js';
import { TelemetrySchema } from '../../../src/contracts/mqtt/telemetry.js';
import { LinkLossFailsafeEventSchema } from '../../../src/contracts/mqtt/event.js';
import { buildSignedCommand } from '../../../src/protocol/hmac.js';
import { provisionedConfig } from '../../../src/sim/node/node-config.js';
import { HARDWARE_ID, NodeHarness, SECRET } from './support/node-harness.js';

const TEMP = `hydro/gh-temp/zn-temp/${HARDWARE_ID}`;

describe('connect and time-sync gate (§10.1)', () => {
  it('asks for the time, greets, reports and beats on connect, with nothing that carries a ts', () => {
    const h = new NodeHarness({ type: 'ph' });
    h.runtime.onConnected();
    expect(h.uplink.published.map((p) => p.topic)).toEqual([
      'hydro/time/request',
      'hydro/node_hello',
      `${TEMP}/config_report`,
      `${TEMP}/heartbeat`,
    ]);
    expect(NodeHelloSchema.parse(h.on('node_hello')[0]?.payload)).toMatchObject({
      hardware_id: HARDWARE_ID,
      node_type: 'ph',
    });
    expect(HeartbeatSchema.parse(h.on('/heartbeat')[0]?.payload)).not.toHaveProperty('ts');
    h.clock.advance(60_000);
    expect(h.on('/telemetry')).toEqual([]);
    expect(h.on('/status')).toEqual([]);
  });

  it('retries the time request every 15 s, 40 times at most', () => {
    const h = new NodeHarness({ type: 'ph' });
    h.runtime.onConnected();
    h.clock.advance(15_000);
    expect(h.on('time/request')).toHaveLength(2);
    h.clock.advance(15_000 * 60);
    expect(h.on('time/request')).toHaveLength(40);
  });

  it('adopts any time_response, then publishes retained status and telemetry in seconds', () => {
    const h = new NodeHarness({ type: 'ph' });
    h.runtime.onConnected();
    h.sync();
    const status = h.on('/status')[0];
    expect(status?.retain).toBe(true);
    expect(StatusReportSchema.parse(status?.payload)).toMatchObject({
      status: 'ONLINE',
      ts: h.unixS(),
    });
    h.clock.advance(15_000);
    expect(h.on('time/request')).toHaveLength(1);
    const telemetry = h.on('/ph_sensor/telemetry')[0]?.payload;
    expect(TelemetrySchema.parse(telemetry)).toMatchObject({
      metric_type: 'PH',
      unit: 'pH',
      flow_active: false,
      corrections_allowed: false,
    });
    expect(telemetry?.ts).toBeGreaterThan(1e9);
    expect(telemetry?.ts).toBeLessThan(1e10);
  });

  it('refuses signed commands before sync but accepts set_time', () => {
    const provisioned = provisionedConfig('relay', HARDWARE_ID, { host: '127.0.0.1', port: 1883 });
    const node = new NodeHarness({
      type: 'relay',
      config: { ...provisioned, node_secret: SECRET },
    });
    node.runtime.onConnected();
    const now = node.unixS();
    node.raw(
      'fill_valve',
      buildSignedCommand(SECRET, { cmd: 'toggle', cmd_id: 'early', params: {}, ts: now }),
    );
    expect(node.last('early')).toMatchObject({ status: 'ERROR', error_code: 'time_not_synced' });
    node.raw(
      'system',
      buildSignedCommand(SECRET, {
        cmd: 'set_time',
        cmd_id: 'st',
        params: { unix_ts: now },
        ts: now,
      }),
    );
    expect(node.last('st')).toMatchObject({ status: 'DONE' });
    expect(node.runtime.state().synced).toBe(true);
    expect(node.on('/status')).toHaveLength(1);
  });

  it('publishes status every 60 s on ph but not on climate', () => {
    const ph = NodeHarness.ready({ type: 'ph' });
    const climate = NodeHarness.ready({ type: 'climate' });
    ph.clock.advance(180_000);
    climate.clock.advance(180_000);
    expect(ph.on('/status')).toHaveLength(3);
    expect(climate.on('/status')).toHaveLength(0);
  });

  it('beats every 15 s by default and as configured', () => {
    const h = NodeHarness.ready({ type: 'light', timing: { heartbeatMs: 1000 } });
    h.clock.advance(5000);
    expect(h.on('/heartbeat')).toHaveLength(5);
  });

  it('polls sensors at their interval divided by the speed factor', () => {
    const h = NodeHarness.ready({ type: 'climate' });
    h.clock.advance(10_000);
    expect(h.on('/temperature/telemetry')).toHaveLength(2);
    expect(h.on('/co2/telemetry')).toHaveLength(1);
  });

  it('greets on every connect on irrig, only while unbound on the others', () => {
    const irrig = NodeHarness.ready({ type: 'irrig' });
    const ph = NodeHarness.ready({ type: 'ph' });
    irrig.reconnect();
    ph.reconnect();
    expect(irrig.on('node_hello')).toHaveLength(1);
    expect(ph.on('node_hello')).toHaveLength(0);
  });
});

describe('sensor faults', () => {
  it('holds a stuck sensor and fails a broken one', () => {
    const h = NodeHarness.ready({
      type: 'climate',
      faults: { stuckSensors: { temperature: 42 }, failedSensors: ['humidity'] },
    });
    h.clock.advance(10_000);
    expect(h.on('/temperature/telemetry').map((p) => p.payload.value)).toEqual([42, 42]);
    expect(h.on('/humidity/telemetry')).toEqual([]);
    expect(h.last(h.command('humidity', 'test_sensor'))).toMatchObject({
      error_code: 'read_failed',
    });
  });

  it('spreads a noisy sensor wider than a healthy one', () => {
    const spread = (faults = {}) => {
      const h = NodeHarness.ready({ type: 'climate', faults });
      h.clock.advance(500_000);
      const values = h.on('/humidity/telemetry').map((p) => p.payload.value as number);
      const steps = values.slice(1).map((v, i) => Math.abs(v - (values[i] ?? v)));
      return steps.reduce((a, b) => a + b, 0) / steps.length;
    };
    expect(spread({ noisySensors: { humidity: 20 } })).toBeGreaterThan(5 * spread());
  });

  it('serves the EC last-good cache as a stale stub', () => {
    const h = NodeHarness.ready({ type: 'ec' });
    h.clock.advance(5000);
    h.runtime.setFaults({ failedSensors: ['ec_sensor'] });
    h.clock.advance(10_000);
    const last = h.on('/ec_sensor/telemetry').at(-1)?.payload;
    expect(last).toMatchObject({ stub: true, stable: false, metric_type: 'EC' });
    expect(last?.stale_age_sec).toBeGreaterThanOrEqual(5);
  });

  it('answers test_sensor with the reading', () => {
    const h = NodeHarness.ready({ type: 'ph' });
    const done = h.last(h.command('ph_sensor', 'test_sensor'));
    expect(done).toMatchObject({ status: 'DONE', details: { unit: 'pH', metric_type: 'PH' } });
    expect(h.last(h.command('pump_acid', 'probe_sensor'))).toMatchObject({
      error_code: 'invalid_channel',
    });
  });
});

describe('link loss and reboot', () => {
  it('stops outputs after link_loss_timeout_sec offline and reports it after the next sync', () => {
    const h = NodeHarness.ready({ type: 'relay', extraConfig: { link_loss_timeout_sec: 30 } });
    h.command('water_control', 'set_relay', { state: true });
    h.runtime.onDisconnected();
    h.clock.advance(29_000);
    expect(h.runtime.state().actuators.water_control).toBe(true);
    h.clock.advance(1000);
    expect(h.runtime.state().actuators.water_control).toBe(false);
    h.clear();
    h.runtime.onConnected();
    const event = h.on('/system/event')[0]?.payload;
    expect(LinkLossFailsafeEventSchema.parse(event)).toMatchObject({
      timeout_sec: 30,
      stopped_relays: ['water_control'],
    });
  });

  it('does nothing when the link comes back in time', () => {
    const h = NodeHarness.ready({
      type: 'relay',
      extraConfig: { fail_safe_guards: { link_loss_timeout_sec: 30 } },
    });
    h.command('water_control', 'set_relay', { state: true });
    h.runtime.onDisconnected();
    h.clock.advance(20_000);
    h.runtime.onConnected();
    h.clock.advance(60_000);
    expect(h.runtime.state().actuators.water_control).toBe(true);
  });

  it('answers restart with DONE, then drops the socket and comes back unsynced', () => {
    const h = NodeHarness.ready({ type: 'relay' });
    h.command('fill_valve', 'set_relay', { state: true });
    const id = h.command('system', 'restart');
    expect(h.last(id).status).toBe('DONE');
    h.clock.advance(1000);
    expect(h.uplink.reconnects).toEqual([{ mode: 'drop', afterMs: 2000 }]);
    const state = h.runtime.state();
    expect(state).toMatchObject({ synced: false, connected: false, bound: true });
    expect(state.actuators.fill_valve).toBeUndefined();
  });
});
