import { describe, expect, it } from 'vitest';
import { FIRMWARE_NODE_PROFILES } from '../../../src/contracts/mqtt/channel-maps.js';
import { HARDWARE_ID, NodeHarness, SECRET, boundConfig, encode } from './support/node-harness.js';
import { decideConfig, provisionedConfig } from '../../../src/sim/node/node-config.js';

const TEMP_CONFIG_TOPIC = `hydro/gh-temp/zn-temp/${HARDWARE_ID}/config`;

function connected(type: 'ph' | 'climate' = 'ph'): NodeHarness {
  const h = new NodeHarness({ type });
  h.runtime.onConnected();
  h.sync();
  h.clear();
  return h;
}

describe('NodeConfig handling (§4.6)', () => {
  it('1: keeps the old config and says nothing on MQTT for invalid input', () => {
    const h = connected();
    const before = h.runtime.state().config;
    h.pushConfig('{not json');
    h.pushConfig({ ...boundConfig('ph'), channels: 'none' });
    h.pushConfig({ ...boundConfig('ph'), mqtt: { host: 'x', port: 70_000 } });
    h.pushConfig({ ...boundConfig('ph'), pad: 'x'.repeat(4096) });
    const { node_id: _id, ...noNodeId } = boundConfig('ph');
    h.pushConfig(noNodeId);
    expect(h.runtime.state().config).toBe(before);
    expect(h.uplink.published).toEqual([]);
    expect(h.uplink.reconnects).toEqual([]);
  });

  it('2: does not apply a temp config to a temp node but still reports', () => {
    const h = connected();
    h.pushConfig({
      ...boundConfig('ph'),
      gh_uid: 'gh-temp',
      zone_uid: 'zn-temp',
      node_secret: 'new',
    });
    expect(h.runtime.state().config.node_secret).toBeUndefined();
    expect(h.on('/config_report')).toHaveLength(1);
    expect(h.uplink.reconnects).toEqual([]);
  });

  it('5: applies a bind, restarts MQTT and reports from the new namespace', () => {
    const h = connected();
    h.pushConfig(
      boundConfig('ph', {
        channels: [{ name: 'my_pump', type: 'ACTUATOR', actuator_type: 'PUMP' }],
      }),
    );
    expect(h.uplink.reconnects).toEqual([{ mode: 'graceful', afterMs: 0 }]);
    const state = h.runtime.state();
    expect(state.namespace).toEqual({ gh: 'gh-1', zone: 'zn-1', node: 'nd-x-1' });
    expect(state.bound).toBe(true);
    // ph firmware owns its channels: the backend's list is replaced by the locked map.
    expect(state.config.channels.map((c) => c.name)).toEqual(
      FIRMWARE_NODE_PROFILES.ph.channels.map((c) => c.name),
    );
    expect(state.config.mqtt).toMatchObject({ host: '127.0.0.1', port: 1883 });
    h.reconnect();
    const report = h.on('/config_report')[0];
    expect(report?.topic).toBe('hydro/gh-1/zn-1/nd-x-1/config_report');
    expect(report?.payload).toMatchObject({
      node_id: 'nd-x-1',
      node_secret: SECRET,
      fw_version: '2.0.1-sim',
      type: 'ph',
    });
    expect(h.runtime.connectOptions().will.topic).toBe('hydro/gh-1/zn-1/nd-x-1/lwt');
  });

  it('4: reports without re-applying a config identical but for wifi/mqtt', () => {
    const h = connected();
    h.pushConfig(boundConfig('ph'));
    h.reconnect();
    h.clear();
    h.pushConfig(
      { ...boundConfig('ph'), wifi: { ssid: 'other' } },
      'hydro/gh-1/zn-1/nd-x-1/config',
    );
    expect(h.uplink.reconnects).toEqual([]);
    expect(h.on('/config_report')).toHaveLength(1);
    expect(h.runtime.state().config.wifi).toEqual({ ssid: 'hydro-sim', pass: '' });
  });

  it('5: applies a change without reconnecting when the namespace and broker stay', () => {
    const h = connected();
    h.pushConfig(boundConfig('ph'));
    h.reconnect();
    h.clear();
    h.pushConfig(boundConfig('ph', { link_loss_timeout_sec: 30 }), 'hydro/gh-1/zn-1/nd-x-1/config');
    expect(h.uplink.reconnects).toEqual([]);
    expect(h.runtime.state().config.link_loss_timeout_sec).toBe(30);
    expect(h.on('/config_report')[0]?.payload.link_loss_timeout_sec).toBe(30);
  });

  it('3: unbinds a bound node back to the temp namespace', () => {
    const h = connected();
    h.pushConfig(boundConfig('ph'));
    h.reconnect();
    h.clear();
    h.pushConfig(
      { ...boundConfig('ph'), gh_uid: 'gh-temp', zone_uid: 'zn-temp' },
      'hydro/gh-1/zn-1/nd-x-1/config',
    );
    expect(h.uplink.reconnects).toHaveLength(1);
    expect(h.runtime.state().namespace).toEqual({
      gh: 'gh-temp',
      zone: 'zn-temp',
      node: HARDWARE_ID,
    });
    h.reconnect();
    expect(h.on('/node_hello')).toHaveLength(1);
  });

  it('moves to the credentials and client id the config brings', () => {
    const h = connected();
    h.pushConfig(
      boundConfig('ph', {
        mqtt: {
          host: '10.0.0.5',
          port: 1884,
          keepalive: 45,
          client_id: 'nd-x-1',
          user: 'nd-x-1',
          pass: 'pw',
        },
      }),
    );
    expect(h.runtime.connectOptions()).toMatchObject({
      url: 'mqtt://10.0.0.5:1884',
      clientId: 'nd-x-1',
      username: 'nd-x-1',
      password: 'pw',
      keepaliveS: 45,
    });
  });

  it('lets climate keep config channels and adds its missing sensors', () => {
    const h = connected('climate');
    const fan = { name: 'fan_air', type: 'ACTUATOR', actuator_type: 'FAN', relay_type: 'NO' };
    h.pushConfig(boundConfig('climate', { channels: [fan] }));
    expect(h.runtime.state().config.channels.map((c) => c.name)).toEqual([
      'fan_air',
      'temperature',
      'humidity',
      'co2',
    ]);
  });

  it('merges the stored calibration under the incoming one', () => {
    const current = {
      ...provisionedConfig('ph', HARDWARE_ID, { host: 'h', port: 1 }),
      calibration: { ph: { point1: 1 } },
    };
    const decision = decideConfig(
      current,
      encode(boundConfig('ph', { calibration: { ph: { point2: 2 } } })),
      'ph',
      HARDWARE_ID,
    );
    expect(decision.kind === 'apply' && decision.config.calibration).toEqual({
      ph: { point1: 1, point2: 2 },
    });
  });

  it('requires relay_type on relay-like actuators, like the firmware validator', () => {
    const current = provisionedConfig('climate', HARDWARE_ID, { host: 'h', port: 1 });
    const heater = { name: 'heater', type: 'ACTUATOR', actuator_type: 'HEATER' };
    const decision = decideConfig(
      current,
      encode(boundConfig('climate', { channels: [heater] })),
      'climate',
      HARDWARE_ID,
    );
    expect(decision.kind).toBe('rejected');
  });

  it('listens on the temp config topic even when bound', () => {
    const h = connected();
    h.pushConfig(boundConfig('ph'));
    h.reconnect();
    expect(h.runtime.connectOptions().subscriptions).toContain(TEMP_CONFIG_TOPIC);
    h.pushConfig(boundConfig('ph', { zone_uid: 'zn-2' }), TEMP_CONFIG_TOPIC);
    expect(h.runtime.state().namespace.zone).toBe('zn-2');
  });
});
