import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Harness } from '../helpers/core-harness.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

/** Deterministic PRNG (mulberry32) so a failing case can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HW = 'esp32-aabbccddee01';
const NS = 'hydro/gh-1/zn-1/nd-ph-aabbccddee01';
const nowS = Math.floor(Date.now() / 1000);

/** One valid example per topic; the fuzzer mutates these. */
const SEEDS: [string, Record<string, unknown>][] = [
  [`${NS}/ph_sensor/telemetry`, { metric_type: 'PH', value: 6.1, ts: nowS, unit: 'pH' }],
  [`${NS}/heartbeat`, { uptime: 10, free_heap: 1000, rssi: -50 }],
  [`${NS}/status`, { status: 'ONLINE', ts: nowS, ip: '10.0.0.5' }],
  [`${NS}/error`, { level: 'ERROR', component: 'x', error_code: 'y', message: 'z' }],
  [`${NS}/diagnostics`, { heap: { min: 1 } }],
  [
    `${NS}/config_report`,
    { node_id: 'nd-ph-aabbccddee01', gh_uid: 'gh-1', zone_uid: 'zn-1', channels: [] },
  ],
  [`${NS}/pump_acid/command_response`, { cmd_id: 'c-1', status: 'DONE', ts: nowS * 1000 }],
  [`${NS}/level_clean_max/event`, { event_code: 'level_switch_changed', state: true, ts: nowS }],
  [`hydro/gh-temp/zn-temp/${HW}/heartbeat`, { uptime: 1, free_heap: 1 }],
  ['hydro/node_hello', { message_type: 'node_hello', hardware_id: HW, node_type: 'ph' }],
  ['hydro/time/request', { message_type: 'time_request', uptime: 1 }],
];

const ODD_VALUES: unknown[] = [
  null,
  true,
  -1,
  1e308,
  -0,
  '',
  'é\u0000',
  [],
  {},
  [1, [2, [3]]],
  'x'.repeat(600),
];

function mutate(random: () => number, seed: Record<string, unknown>): string | Buffer {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const obj: Record<string, unknown> = { ...seed };
  const keys = Object.keys(obj);
  switch (Math.floor(random() * 6)) {
    case 0:
      delete obj[pick(keys)];
      return JSON.stringify(obj);
    case 1:
      obj[pick(keys)] = pick(ODD_VALUES);
      return JSON.stringify(obj);
    case 2:
      obj[`extra_${Math.floor(random() * 100)}`] = pick(ODD_VALUES);
      return JSON.stringify(obj);
    case 3: {
      const text = Buffer.from(JSON.stringify(obj));
      text[Math.floor(random() * text.length)] = Math.floor(random() * 256);
      return text;
    }
    case 4:
      return JSON.stringify(obj).slice(0, Math.floor(random() * 20));
    default:
      return JSON.stringify(obj);
  }
}

describe('protocol fuzz', () => {
  it('survives thousands of random and mutated payloads on every topic, and every message is counted once', async () => {
    h = await startCore({ HYDRO_MQTT_ACCESS: 'open' });
    const gh = await h.core.storage.greenhouses.create(
      { uid: 'gh-1', name: 'GH', timezone: 'UTC' },
      Date.now(),
    );
    await h.core.storage.zones.create({ greenhouseId: gh.id, uid: 'zn-1', name: 'Z' }, Date.now());
    const metrics = (name: string) =>
      h.core.health().components.find((c) => c.name === name)!.metrics;
    const random = rng(20261127);
    const client = await h.mqtt('fuzzer');

    const count = 3000;
    for (let i = 0; i < count; i++) {
      const [topic, seed] = SEEDS[Math.floor(random() * SEEDS.length)]!;
      await client.publishAsync(topic, mutate(random, seed), { qos: 1 });
    }
    await expect.poll(() => Number(metrics('mqtt-bus').received), { timeout: 20_000 }).toBe(count);
    await expect
      .poll(() => Number(metrics('devices').accepted) + Number(metrics('devices').dropped), {
        timeout: 20_000,
      })
      .toBe(count);
    expect(Number(metrics('devices').dropped)).toBeGreaterThan(count / 4);
    expect(Number(metrics('mqtt-bus').handler_errors)).toBe(0);
    expect((await fetch(`${h.urls.http}/api/health`)).status).toBe(200);
  });
});
