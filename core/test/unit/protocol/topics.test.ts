import { describe, expect, it } from 'vitest';
import {
  BACKEND_SUBSCRIPTIONS,
  CHANNEL_TOPIC_KINDS,
  NODE_HELLO_TOPIC,
  NODE_TOPIC_KINDS,
  TIME_REQUEST_TOPIC,
  TIME_RESPONSE_TOPIC,
  channelTopic,
  matchesTopicFilter,
  nodeSubscriptions,
  nodeTopic,
  nodeUidFor,
  parseTopic,
  tempNamespace,
} from '../../../src/protocol/topics.js';

const bound = { gh: 'gh-1', zone: 'zn-3', node: 'nd-ph-78e36ddde468' };
const hardwareId = 'esp32-78e36ddde468';
const temp = tempNamespace(hardwareId);

describe('topic builders and parser', () => {
  it.each(NODE_TOPIC_KINDS)('node-level %s round-trips, bound and temp', (kind) => {
    expect(nodeTopic(bound, kind)).toBe(`hydro/gh-1/zn-3/nd-ph-78e36ddde468/${kind}`);
    expect(parseTopic(nodeTopic(bound, kind))).toEqual({
      scope: 'node',
      ...bound,
      kind,
      temp: false,
    });
    expect(parseTopic(nodeTopic(temp, kind))).toEqual({ scope: 'node', ...temp, kind, temp: true });
  });

  it.each(CHANNEL_TOPIC_KINDS)('channel-level %s round-trips, bound and temp', (kind) => {
    const topic = channelTopic(bound, 'pump_acid', kind);
    expect(topic).toBe(`hydro/gh-1/zn-3/nd-ph-78e36ddde468/pump_acid/${kind}`);
    expect(parseTopic(topic)).toEqual({
      scope: 'channel',
      ...bound,
      channel: 'pump_acid',
      kind,
      temp: false,
    });
    expect(parseTopic(channelTopic(temp, 'system', kind))).toMatchObject({
      node: hardwareId,
      channel: 'system',
      temp: true,
    });
  });

  it('reads the global topics', () => {
    expect(parseTopic(NODE_HELLO_TOPIC)).toEqual({ scope: 'global', kind: 'node_hello' });
    expect(parseTopic(TIME_REQUEST_TOPIC)).toEqual({ scope: 'global', kind: 'time_request' });
    expect(parseTopic(TIME_RESPONSE_TOPIC)).toEqual({ scope: 'global', kind: 'time_response' });
  });

  it('treats a namespace as temp only when both gh-temp and zn-temp', () => {
    expect(parseTopic('hydro/gh-temp/zn-3/nd-1/status')).toMatchObject({ temp: false });
    expect(parseTopic('hydro/gh-1/zn-temp/nd-1/status')).toMatchObject({ temp: false });
  });

  it.each([
    ['another root', 'gh/gh-1/zn-3/nd-1/status'],
    ['the planned version segment', 'hydro/v2/gh-1/zn-3/nd-1/status'],
    ['too few segments', 'hydro/gh-1/zn-3/status'],
    ['too many segments', 'hydro/gh-1/zn-3/nd-1/ch/sub/telemetry'],
    ['a channel kind at node level', 'hydro/gh-1/zn-3/nd-1/telemetry'],
    ['a node kind at channel level', 'hydro/gh-1/zn-3/nd-1/ph_sensor/status'],
    ['an unknown kind', 'hydro/gh-1/zn-3/nd-1/config_response'],
    ['upper case', 'hydro/GH-1/zn-3/nd-1/status'],
    ['an upper-case kind', 'hydro/gh-1/zn-3/nd-1/STATUS'],
    ['an upper-case channel', 'hydro/gh-1/zn-3/nd-1/PH/telemetry'],
    ['a + wildcard', 'hydro/+/zn-3/nd-1/status'],
    ['a # wildcard', 'hydro/gh-1/zn-3/nd-1/#'],
    ['an empty segment', 'hydro/gh-1//nd-1/status'],
    ['an empty channel', 'hydro/gh-1/zn-3/nd-1//telemetry'],
    ['a trailing slash', 'hydro/gh-1/zn-3/nd-1/status/'],
    ['a leading dash', 'hydro/-gh/zn-3/nd-1/status'],
    ['a space', 'hydro/gh 1/zn-3/nd-1/status'],
    ['a 65-character segment', `hydro/gh-1/zn-3/${'n'.repeat(65)}/status`],
    ['the planned system topics', 'hydro/system/ota/nd-1'],
    ['an empty topic', ''],
  ])('rejects %s', (_name, topic) => {
    expect(parseTopic(topic)).toBeNull();
  });

  it('accepts a 64-character segment', () => {
    expect(parseTopic(`hydro/gh-1/zn-3/${'n'.repeat(64)}/status`)).not.toBeNull();
  });

  it.each([
    ['an upper-case node', { ...bound, node: 'ND-1' }, 'pump_acid'],
    ['a wildcard zone', { ...bound, zone: '+' }, 'pump_acid'],
    ['a slash in the channel', bound, 'pump/acid'],
    ['an empty channel', bound, ''],
  ])('refuses to build a topic with %s', (_name, ns, channel) => {
    expect(() => channelTopic(ns, channel, 'command')).toThrow(
      expect.objectContaining({ code: 'invalid_topic' }),
    );
  });
});

describe('subscriptions', () => {
  it('are exactly the twelve backend filters of the reference, never hydro/#', () => {
    expect(BACKEND_SUBSCRIPTIONS).toHaveLength(12);
    expect(BACKEND_SUBSCRIPTIONS).not.toContain('hydro/#');
  });

  it('let the backend hear every node-to-backend topic and none of its own', () => {
    const heard = (topic: string) =>
      BACKEND_SUBSCRIPTIONS.some((f) => matchesTopicFilter(f, topic));
    const fromNodes = [
      channelTopic(bound, 'ph_sensor', 'telemetry'),
      channelTopic(bound, 'pump_acid', 'command_response'),
      channelTopic(bound, 'level_clean_max', 'event'),
      ...(
        [
          'status',
          'lwt',
          'heartbeat',
          'node_hello',
          'config_report',
          'error',
          'diagnostics',
        ] as const
      ).map((kind) => nodeTopic(temp, kind)),
      NODE_HELLO_TOPIC,
      TIME_REQUEST_TOPIC,
    ];
    expect(fromNodes.filter((topic) => !heard(topic))).toEqual([]);
    const toNodes = [
      nodeTopic(bound, 'config'),
      channelTopic(bound, 'system', 'command'),
      TIME_RESPONSE_TOPIC,
    ];
    expect(toNodes.filter(heard)).toEqual([]);
  });

  it('of a bound node cover its own and its temp namespace', () => {
    expect(nodeSubscriptions(bound, hardwareId)).toEqual([
      'hydro/gh-1/zn-3/nd-ph-78e36ddde468/config',
      'hydro/gh-temp/zn-temp/esp32-78e36ddde468/config',
      'hydro/gh-1/zn-3/nd-ph-78e36ddde468/+/command',
      'hydro/gh-temp/zn-temp/esp32-78e36ddde468/+/command',
      'hydro/time/response',
    ]);
  });

  it('of an unbound node are not duplicated', () => {
    expect(nodeSubscriptions(temp, hardwareId)).toEqual([
      'hydro/gh-temp/zn-temp/esp32-78e36ddde468/config',
      'hydro/gh-temp/zn-temp/esp32-78e36ddde468/+/command',
      'hydro/time/response',
    ]);
  });

  it.each([
    ['hydro/+/+/+/status', 'hydro/gh-1/zn-3/nd-1/status', true],
    ['hydro/+/+/+/status', 'hydro/gh-1/zn-3/nd-1/ch/status', false],
    ['hydro/+/+/+/+/command', 'hydro/gh-1/zn-3/nd-1/system/command', true],
    ['hydro/#', 'hydro/node_hello', true],
    ['hydro/time/request', 'hydro/time/response', false],
    ['hydro/+', 'hydro/time/request', false],
  ])('filter %s matches %s: %s', (filter, topic, expected) => {
    expect(matchesTopicFilter(filter, topic)).toBe(expected);
  });
});

describe('nodeUidFor', () => {
  const none = () => false;

  it.each([
    ['ph', 'nd-ph-78e36ddde468'],
    ['climate', 'nd-clim-78e36ddde468'],
    ['irrig', 'nd-irr-78e36ddde468'],
    ['water_sensor', 'nd-water-78e36ddde468'],
    ['recirculation', 'nd-recirc-78e36ddde468'],
    ['unknown', 'nd-node-78e36ddde468'],
  ] as const)('gives a %s node %s', (type, uid) => {
    expect(nodeUidFor(type, hardwareId, none)).toBe(uid);
    expect(parseTopic(nodeTopic({ ...bound, node: uid }, 'status'))).not.toBeNull();
  });

  it('appends -2, -3, … while the uid is taken', () => {
    const taken = new Set(['nd-ec-78e36ddde468', 'nd-ec-78e36ddde468-2']);
    expect(nodeUidFor('ec', hardwareId, (uid) => taken.has(uid))).toBe('nd-ec-78e36ddde468-3');
  });

  it.each(['esp32-78E36DDDE468', '78e36ddde468', 'esp32-78e36ddde46', 'node-temp'])(
    'refuses the hardware id %s',
    (id) => {
      expect(() => nodeUidFor('ph', id, none)).toThrow(
        expect.objectContaining({ code: 'invalid_identifier' }),
      );
    },
  );
});
