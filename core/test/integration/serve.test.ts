import { connectAsync } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HealthSchema, type Health } from '../../src/contracts/health.js';
import { RealtimeEventSchema, type RealtimeEvent } from '../../src/contracts/realtime.js';
import { startReady, type HydroProcess } from '../helpers/hydro-process.js';

const running: HydroProcess[] = [];
/** The realtime socket needs a signed-in caller; the static API token is one. */
const WS_TOKEN = 'serve-test-token-0123456789';
afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.stop()));
});

async function serve(args: string[] = [], env: Record<string, string> = {}) {
  const started = await startReady(args, env);
  running.push(started.hydro);
  return started;
}

async function getHealth(base: string): Promise<Health> {
  const res = await fetch(`${base}/api/health`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { status: string; data: unknown };
  expect(body.status).toBe('ok');
  return HealthSchema.parse(body.data);
}

describe('hydro serve', () => {
  it('prints the ready line with loopback URLs on the ports it picked', async () => {
    const { ready, hydro } = await serve();
    expect(ready.http).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.mqtt).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.http).not.toMatch(/:0$/);
    expect(hydro.stdout().trim().split('\n')).toHaveLength(1);
  });

  it('answers /api/health 200 with every component healthy', async () => {
    const { ready } = await serve();
    const health = await getHealth(ready.http);
    expect(health.state).toBe('ok');
    expect(health.components.map((c) => c.name)).toEqual([
      'database',
      'backups',
      'retention',
      'events',
      'alerts',
      'notifications',
      'telemetry-queue',
      'broker',
      'mqtt-bus',
      'devices',
      'access',
      'cycles',
      'automation',
      'scheduler',
      'zone-climate',
      'node-offline-alerts',
      'stale-sensor-alerts',
      'band-alerts',
      'http',
    ]);
    for (const component of health.components)
      expect(component.state, component.name).toBe('healthy');
  });

  it('lets a factory-fresh node connect and get the time from the core', async () => {
    const { ready } = await serve();
    const client = await connectAsync(ready.mqtt, {
      clientId: 'esp32-0a0b0c0d0e0f',
      reconnectPeriod: 0,
    });
    try {
      await client.subscribeAsync('hydro/time/response', { qos: 1 });
      const got = new Promise<string>((resolve) =>
        client.once('message', (_t, p) => resolve(p.toString())),
      );
      const before = Math.floor(Date.now() / 1000);
      const request = JSON.stringify({ message_type: 'time_request', uptime: 3 });
      await client.publishAsync('hydro/time/request', request, { qos: 1 });
      const response = JSON.parse(await got) as { message_type: string; unix_ts: number };
      expect(response.message_type).toBe('time_response');
      expect(response.unix_ts).toBeGreaterThanOrEqual(before);
      // The node and the core's own bus connection.
      const broker = (await getHealth(ready.http)).components.find((c) => c.name === 'broker');
      expect(broker?.metrics.clients).toBe(2);
    } finally {
      await client.endAsync();
    }
  });

  it('pushes health over the WebSocket on connect and when it changes', async () => {
    const { ready } = await serve([], { HYDRO_API_TOKEN: WS_TOKEN });
    const ws = new WebSocket(`${ready.http.replace('http', 'ws')}/api/ws`, {
      headers: { authorization: `Bearer ${WS_TOKEN}` },
    });
    const events: RealtimeEvent[] = [];
    ws.on('message', (data: Buffer) =>
      events.push(RealtimeEventSchema.parse(JSON.parse(data.toString()))),
    );
    await new Promise((resolve) => ws.once('open', resolve));
    const client = await connectAsync(ready.mqtt, { reconnectPeriod: 0 });
    await expect
      .poll(() => events.find((e) => e.event === 'system.health' && brokerClients(e) === 1), {
        timeout: 5000,
      })
      .toBeTruthy();
    expect(events[0]?.event).toBe('system.health');
    const ids = events.map((e) => e.event_id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    await client.endAsync();
    ws.close();
  });

  it('refuses a WebSocket from a foreign origin before the upgrade', async () => {
    const { ready } = await serve([], { HYDRO_API_TOKEN: WS_TOKEN });
    const ws = new WebSocket(`${ready.http.replace('http', 'ws')}/api/ws`, {
      origin: 'http://evil.example',
      headers: { authorization: `Bearer ${WS_TOKEN}` },
    });
    ws.on('error', () => undefined);
    const status = await new Promise<number>((resolve) =>
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode!)),
    );
    expect(status).toBe(403);
  });

  it('stops cleanly on SIGTERM within 5 s with exit code 0', async () => {
    const { hydro, ready } = await serve();
    const client = await connectAsync(ready.mqtt, { reconnectPeriod: 0 });
    const began = Date.now();
    const { code } = await hydro.stop();
    expect(code).toBe(0);
    expect(Date.now() - began).toBeLessThan(5000);
    client.end(true);
  });

  it('stops cleanly on SIGINT too', async () => {
    const { hydro } = await serve();
    hydro.child.kill('SIGINT');
    expect((await hydro.exit).code, hydro.stderr()).toBe(0);
  });
});

function brokerClients(event: RealtimeEvent): unknown {
  if (event.event !== 'system.health') return undefined;
  return event.data.components.find((c) => c.name === 'broker')?.metrics.clients;
}
