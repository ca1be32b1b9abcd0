import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AlertView } from '../../src/contracts/alerts.js';
import type { NodeView } from '../../src/contracts/devices.js';
import type { ZoneEventView, ZoneSnapshot } from '../../src/contracts/events.js';
import { RealtimeEventSchema, type RealtimeEvent } from '../../src/contracts/realtime.js';
import { seedZone } from '../contract/records.js';
import { API_TOKEN, startCore, type Harness } from '../helpers/core-harness.js';

const running: Harness[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.stop()));
});

async function start(env: Record<string, string> = {}) {
  const h = await startCore(env);
  running.push(h);
  return h;
}

/** A realtime client as the UI would be: signed in, recording every event in arrival order. */
async function connect(h: Harness, query = '') {
  const ws = new WebSocket(`${h.urls.http.replace('http', 'ws')}/api/ws${query}`, {
    headers: { authorization: `Bearer ${API_TOKEN}` },
  });
  const events: RealtimeEvent[] = [];
  ws.on('message', (data: Buffer) =>
    events.push(RealtimeEventSchema.parse(JSON.parse(data.toString()))),
  );
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return {
    events,
    send: (message: unknown) => ws.send(JSON.stringify(message)),
    lastId: () => Math.max(0, ...events.map((e) => e.event_id)),
    close: () =>
      new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
}

const TRANSIENT = new Set([
  'system.health',
  'system.resync',
  'telemetry.batch.updated',
  'notification.show',
]);
const stateEvents = (events: RealtimeEvent[], after: number) =>
  events.filter((e) => !TRANSIENT.has(e.event) && e.event_id > after);

/** What a UI store would hold after applying the events in order. */
function applied(events: RealtimeEvent[]) {
  const alerts: Record<number, AlertView> = {};
  const devices: Record<number, NodeView> = {};
  const timeline: Record<number, ZoneEventView> = {};
  for (const e of events) {
    if (e.event === 'alert.created' || e.event === 'alert.updated')
      alerts[e.data.alert.id] = e.data.alert;
    if (e.event === 'device.updated') devices[e.data.device.id] = e.data.device;
    if (e.event === 'event.created') timeline[e.data.event.id] = e.data.event;
  }
  return { alerts, devices, timeline };
}

const HW = 'esp32-aabbccddee07';
const json = (value: unknown) => JSON.stringify(value);

describe('realtime catch-up after a reconnect', () => {
  it('replays exactly what a disconnected client missed, in the same order as a connected one', async () => {
    const h = await start();
    const zone = await seedZone(h.core.storage);
    const stayed = await connect(h);
    const away = await connect(h);
    const first = (await h.core.alerts.raise({
      zoneId: zone.id,
      code: 'biz_high_ph',
      severity: 'warning',
      message: 'pH 7.2',
      dedupeKey: `biz_high_ph:${zone.id}`,
    }))!;
    await h.core.zoneEvents.record(zone.id, 'CYCLE_STARTED', { cycle: 1 });
    await expect.poll(() => stateEvents(away.events, 0).length).toBe(2);
    const seen = away.lastId();
    await away.close();

    // While it is away: a node registers and beats, alerts are raised, repeated and resolved.
    const node = await h.mqtt(HW);
    await node.publishAsync(
      'hydro/node_hello',
      json({ message_type: 'node_hello', hardware_id: HW, node_type: 'ph', fw_version: '2.0.1' }),
      { qos: 1 },
    );
    await node.publishAsync(
      `hydro/gh-temp/zn-temp/${HW}/heartbeat`,
      json({ uptime: 5, free_heap: 100000, rssi: -60 }),
      { qos: 1 },
    );
    const second = (await h.core.alerts.raise({
      zoneId: zone.id,
      code: 'biz_low_ec',
      severity: 'error',
      message: 'EC 0.4',
      dedupeKey: `biz_low_ec:${zone.id}`,
    }))!;
    await h.core.alerts.raise({
      zoneId: zone.id,
      code: 'biz_high_ph',
      severity: 'warning',
      message: 'pH 7.4',
      dedupeKey: `biz_high_ph:${zone.id}`,
    });
    expect((await h.api('PATCH', `/api/alerts/${second.id}/ack`)).status).toBe(200);
    await h.core.zoneEvents.record(zone.id, 'CYCLE_PHASE_ADVANCED', { phase: 2 });
    const repeated = (e: RealtimeEvent) =>
      e.event === 'alert.updated' && e.data.alert.id === first.id && e.data.alert.count === 2;
    await expect.poll(() => stayed.events.some(repeated), { timeout: 5000 }).toBe(true);
    await expect
      .poll(() => stateEvents(stayed.events, seen).filter((e) => e.event === 'device.updated'))
      .toHaveLength(2);
    const missed = stateEvents(stayed.events, seen);
    expect(new Set(missed.map((e) => e.event))).toEqual(
      new Set(['device.updated', 'alert.created', 'alert.updated', 'event.created']),
    );

    const back = await connect(h, `?after_id=${seen}`);
    await expect.poll(() => stateEvents(back.events, seen).length).toBe(missed.length);
    expect(stateEvents(back.events, seen)).toEqual(missed);
    const ids = back.events.map((e) => e.event_id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const before = stateEvents(away.events, 0);
    expect(applied([...before, ...stateEvents(back.events, seen)])).toEqual(
      applied(stateEvents(stayed.events, 0)),
    );
    expect(applied(missed).alerts[second.id]).toMatchObject({ status: 'RESOLVED' });

    // The same through a resume message and through the HTTP catch-up log.
    const resumed = await connect(h);
    resumed.send({ type: 'resume', after_id: seen });
    await expect.poll(() => stateEvents(resumed.events, seen).length).toBe(missed.length);
    expect(stateEvents(resumed.events, seen)).toEqual(missed);
    const page = await h.api<{ data: { events: RealtimeEvent[]; has_more: boolean } }>(
      'GET',
      `/api/events?after_id=${seen}`,
    );
    expect(page.body.data).toMatchObject({ has_more: false, resync_required: false });
    expect(page.body.data.events).toEqual(missed);
    await Promise.all([stayed.close(), back.close(), resumed.close()]);
  });

  it('gives a snapshot with the event id it is as new as, and the zone timeline', async () => {
    const h = await start();
    const zone = await seedZone(h.core.storage);
    await h.core.alerts.raise({
      zoneId: zone.id,
      code: 'biz_high_ph',
      severity: 'warning',
      message: 'pH 7.2',
      dedupeKey: 'ph',
    });
    const step = await h.core.zoneEvents.record(zone.id, 'CYCLE_STARTED', { cycle: 1 });
    const snap = await h.api<{ data: ZoneSnapshot }>('GET', `/api/zones/${zone.id}/snapshot`);
    expect(snap.status).toBe(200);
    expect(snap.body.data).toMatchObject({
      zone: { id: zone.id, uid: zone.uid },
      devices: [],
      telemetry: [],
      active_alerts: [{ code: 'biz_high_ph', status: 'ACTIVE' }],
      last_zone_event_id: step.id,
    });
    const log = await h.api<{ data: { last_event_id: number } }>('GET', '/api/events');
    expect(snap.body.data.last_event_id).toBeLessThanOrEqual(log.body.data.last_event_id);
    expect(snap.body.data.last_event_id).toBeGreaterThan(0);
    const timeline = await h.api<{ data: { events: ZoneEventView[]; has_more: boolean } }>(
      'GET',
      `/api/zones/${zone.id}/events?after_id=0&limit=10`,
    );
    expect(timeline.body.data).toEqual({
      events: [
        {
          id: step.id,
          zone_id: zone.id,
          node_id: null,
          channel: null,
          type: 'CYCLE_STARTED',
          payload: { cycle: 1 },
          created_at: new Date(step.ts).toISOString(),
        },
      ],
      has_more: false,
    });
    expect((await h.api('GET', `/api/zones/${zone.id + 99}/snapshot`)).status).toBe(404);
    expect((await h.api('GET', `/api/zones/${zone.id}/events?after_id=1&before_id=3`)).status).toBe(
      422,
    );
  });

  it('keeps event ids increasing and state events available across a restart', async () => {
    const h = await start();
    const zone = await seedZone(h.core.storage);
    const alert = (await h.core.alerts.raise({
      zoneId: zone.id,
      code: 'biz_high_ph',
      severity: 'warning',
      message: 'pH 7.2',
      dedupeKey: 'ph',
    }))!;
    const client = await connect(h);
    const lastBefore = client.lastId();
    await client.close();
    await h.stop();
    running.splice(running.indexOf(h), 1);

    const again = await start({ HYDRO_DATA_DIR: h.dataDir });
    const after = await connect(again);
    expect(after.events[0]!.event_id).toBeGreaterThan(lastBefore);
    const page = await again.api<{ data: { events: RealtimeEvent[] } }>('GET', '/api/events');
    const created = page.body.data.events.find((e) => e.event === 'alert.created');
    expect(created?.data).toMatchObject({ alert: { id: alert.id } });
    await after.close();
  });

  it('leaves nodes outside any zone out of the catch-up log for roles that may not see them', async () => {
    const h = await start();
    const password = 'viewer-password-1';
    await h.api('POST', '/api/users', {
      email: 'v@farm.test',
      name: 'V',
      role: 'viewer',
      password,
    });
    const login = await fetch(`${h.urls.http}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'v@farm.test', password }),
    });
    const { token } = ((await login.json()) as { data: { token: string } }).data;
    const node = await h.mqtt(HW);
    await node.publishAsync(
      'hydro/node_hello',
      json({ message_type: 'node_hello', hardware_id: HW, node_type: 'ph', fw_version: '2.0.1' }),
      { qos: 1 },
    );
    const kinds = async (authorization: string) => {
      const res = await fetch(`${h.urls.http}/api/events?after_id=0`, {
        headers: { authorization },
      });
      const body = (await res.json()) as { data: { events: RealtimeEvent[] } };
      return body.data.events.map((e) => e.event);
    };
    await expect.poll(() => kinds(`Bearer ${API_TOKEN}`)).toContain('device.updated');
    expect(await kinds(`Bearer ${token}`)).not.toContain('device.updated');
  });
});
