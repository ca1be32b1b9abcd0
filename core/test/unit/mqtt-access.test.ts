import { describe, expect, it } from 'vitest';
import {
  authenticate,
  canPublish,
  canSubscribe,
  SERVICE_USERNAME,
  type AccessDeps,
  type MqttPrincipal,
} from '../../src/broker/mqtt-access.js';

const HW = 'esp32-aabbccddee01';
const OTHER = 'esp32-aabbccddee02';
const bound = {
  uid: 'nd-ph-aabbccddee01',
  hardwareId: HW,
  gh: 'gh-1',
  zone: 'zn-1',
  pending: null,
};

function deps(mode: AccessDeps['mode'] = 'default'): AccessDeps {
  return {
    mode,
    servicePassword: 'service-secret',
    onboardingPassword: 'site-onboarding',
    verifyNode: (user, pass) => (user === bound.uid && pass === 'node-pass' ? bound.uid : null),
    nodeNamespace: (uid) => (uid === bound.uid ? bound : null),
  };
}

const anon = (d: AccessDeps, clientId = HW) => authenticate(d, clientId, undefined, undefined)!;

describe('broker access policy', () => {
  it('authenticates the service account only with its password', () => {
    expect(authenticate(deps(), 'core', SERVICE_USERNAME, 'service-secret')).toEqual({
      kind: 'service',
    });
    expect(authenticate(deps(), 'core', SERVICE_USERNAME, 'guess')).toBeNull();
    expect(authenticate(deps('open'), 'core', SERVICE_USERNAME, 'guess')).toBeNull();
  });

  it('lets a factory-fresh node use only its own temp namespace, hello and time sync', () => {
    const d = deps();
    const p = anon(d);
    expect(p).toEqual({ kind: 'anonymous', hardwareId: HW });
    expect(canPublish(d, p, 'hydro/node_hello')).toBe(true);
    expect(canPublish(d, p, 'hydro/time/request')).toBe(true);
    expect(canPublish(d, p, `hydro/gh-temp/zn-temp/${HW}/heartbeat`)).toBe(true);
    expect(canPublish(d, p, `hydro/gh-temp/zn-temp/${HW}/config_report`)).toBe(true);
    expect(canPublish(d, p, `hydro/gh-temp/zn-temp/${HW}/ph_sensor/telemetry`)).toBe(true);
    expect(canSubscribe(d, p, `hydro/gh-temp/zn-temp/${HW}/config`)).toBe(true);
    expect(canSubscribe(d, p, `hydro/gh-temp/zn-temp/${HW}/+/command`)).toBe(true);
    expect(canSubscribe(d, p, 'hydro/time/response')).toBe(true);
  });

  it('keeps an anonymous client out of other namespaces and away from commands', () => {
    const d = deps();
    const p = anon(d);
    expect(canPublish(d, p, `hydro/gh-temp/zn-temp/${OTHER}/heartbeat`)).toBe(false);
    expect(canPublish(d, p, `hydro/gh-1/zn-1/${bound.uid}/ph_sensor/telemetry`)).toBe(false);
    expect(canPublish(d, p, `hydro/gh-temp/zn-temp/${HW}/pump_acid/command`)).toBe(false);
    expect(canPublish(d, p, `hydro/gh-temp/zn-temp/${HW}/config`)).toBe(false);
    expect(canPublish(d, p, 'hydro/time/response')).toBe(false);
    expect(canSubscribe(d, p, `hydro/gh-1/zn-1/${bound.uid}/+/command`)).toBe(false);
    expect(canSubscribe(d, p, `hydro/gh-temp/zn-temp/${OTHER}/+/command`)).toBe(false);
    expect(canSubscribe(d, p, 'hydro/#')).toBe(false);
    expect(canSubscribe(d, p, `hydro/gh-temp/zn-temp/${HW}/#`)).toBe(false);
  });

  it('gives an anonymous client without a hardware client id nothing but hello and time', () => {
    const d = deps();
    const p = anon(d, 'random-tool');
    expect(p).toEqual({ kind: 'anonymous', hardwareId: null });
    expect(canPublish(d, p, `hydro/gh-temp/zn-temp/${HW}/heartbeat`)).toBe(false);
    expect(canPublish(d, p, 'hydro/node_hello')).toBe(true);
  });

  it('lets a bound node use its current namespace and its temp namespace only', () => {
    const d = deps();
    const p = authenticate(d, HW, bound.uid, 'node-pass') as MqttPrincipal;
    expect(p).toEqual({ kind: 'node', uid: bound.uid });
    expect(canPublish(d, p, `hydro/gh-1/zn-1/${bound.uid}/ph_sensor/telemetry`)).toBe(true);
    expect(canPublish(d, p, `hydro/gh-1/zn-1/${bound.uid}/ph_sensor/command_response`)).toBe(true);
    expect(canPublish(d, p, `hydro/gh-1/zn-1/${bound.uid}/lwt`)).toBe(true);
    expect(canPublish(d, p, `hydro/gh-1/zn-2/${bound.uid}/heartbeat`)).toBe(false);
    expect(canPublish(d, p, `hydro/gh-1/zn-1/nd-ec-000000000000/heartbeat`)).toBe(false);
    expect(canPublish(d, p, `hydro/gh-1/zn-1/${bound.uid}/pump_acid/command`)).toBe(false);
    expect(canSubscribe(d, p, `hydro/gh-1/zn-1/${bound.uid}/config`)).toBe(true);
    expect(canSubscribe(d, p, `hydro/gh-1/zn-1/${bound.uid}/+/command`)).toBe(true);
    expect(canSubscribe(d, p, `hydro/gh-1/zn-1/nd-ec-000000000000/+/command`)).toBe(false);
  });

  it('lets a node with a bind in progress use the pending namespace too', () => {
    const d: AccessDeps = {
      ...deps(),
      nodeNamespace: () => ({
        ...bound,
        gh: 'gh-temp',
        zone: 'zn-temp',
        pending: { gh: 'gh-1', zone: 'zn-2' },
      }),
    };
    const p: MqttPrincipal = { kind: 'node', uid: bound.uid };
    expect(canSubscribe(d, p, `hydro/gh-1/zn-2/${bound.uid}/+/command`)).toBe(true);
    expect(canPublish(d, p, `hydro/gh-1/zn-2/${bound.uid}/config_report`)).toBe(true);
    expect(canPublish(d, p, `hydro/gh-1/zn-1/${bound.uid}/config_report`)).toBe(false);
  });

  it('refuses wrong node credentials', () => {
    expect(authenticate(deps(), HW, bound.uid, 'wrong')).toBeNull();
    expect(authenticate(deps(), HW, 'nd-unknown', 'node-pass')).toBeNull();
  });

  it('requires the onboarding password in onboarding mode', () => {
    const d = deps('onboarding');
    expect(authenticate(d, HW, undefined, undefined)).toBeNull();
    expect(authenticate(d, HW, 'onboarding', 'wrong-one')).toBeNull();
    expect(authenticate(d, HW, 'onboarding', 'site-onboarding')).toEqual({
      kind: 'anonymous',
      hardwareId: HW,
    });
  });

  it('lets anyone do anything in open mode (legacy nodes, multi-node test rigs)', () => {
    const d = deps('open');
    const p = anon(d, 'hil-rig');
    expect(canPublish(d, p, `hydro/gh-1/zn-1/${bound.uid}/ph_sensor/telemetry`)).toBe(true);
    expect(canSubscribe(d, p, 'hydro/#')).toBe(true);
  });
});
