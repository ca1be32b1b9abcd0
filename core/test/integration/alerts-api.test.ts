import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView } from '../../src/contracts/alerts.js';
import { ApiErrorSchema } from '../../src/contracts/envelope.js';
import { seedZone } from '../contract/records.js';
import { startCore, type Harness } from '../helpers/core-harness.js';

let h: Harness;
let zoneId: number;
let viewerToken: string;

beforeAll(async () => {
  h = await startCore();
  zoneId = (await seedZone(h.core.storage)).id;
  const password = 'viewer-password-1';
  await h.api('POST', '/api/users', {
    email: 'vera@farm.test',
    name: 'Vera',
    role: 'viewer',
    password,
  });
  const login = await fetch(`${h.urls.http}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'vera@farm.test', password }),
  });
  viewerToken = ((await login.json()) as { data: { token: string } }).data.token;
});
afterAll(() => h.stop());

const raise = (
  key: string,
  severity: 'warning' | 'error' = 'warning',
  zone: number | null = zoneId,
) =>
  h.core.alerts.raise({ zoneId: zone, code: `biz_${key}`, severity, message: key, dedupeKey: key });

async function asViewer(method: string, path: string, body?: unknown) {
  const res = await fetch(`${h.urls.http}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${viewerToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('alerts API', () => {
  it('lists alerts newest first with filters and page meta', async () => {
    for (let i = 0; i < 3; i++) await raise(`list_${i}`, i === 2 ? 'error' : 'warning');
    await raise('list_infra', 'warning', null);
    const page = await h.api<{ data: AlertView[]; meta: Record<string, number> }>(
      'GET',
      `/api/alerts?zone_id=${zoneId}&per_page=2&page=1&code=biz_list_1`,
    );
    expect(page.status).toBe(200);
    expect(page.body.meta).toEqual({ current_page: 1, last_page: 1, per_page: 2, total: 1 });
    const all = await h.api<{ data: AlertView[]; meta: Record<string, number> }>(
      'GET',
      '/api/alerts?status=ACTIVE&per_page=2&page=2',
    );
    expect(all.body.meta).toMatchObject({ current_page: 2, per_page: 2 });
    expect(all.body.meta.total).toBeGreaterThanOrEqual(4);
    const errors = await h.api<{ data: AlertView[] }>('GET', '/api/alerts?severity=error');
    expect(errors.body.data.map((a) => a.dedupe_key)).toContain('list_2');
    expect(errors.body.data.every((a) => a.severity === 'error')).toBe(true);
    const bad = await h.api('GET', '/api/alerts?severity=loud&per_page=0');
    expect(bad.status).toBe(422);
    expect(Object.keys(ApiErrorSchema.parse(bad.body).errors ?? {}).sort()).toEqual([
      'per_page',
      'severity',
    ]);
  });

  it('shows one alert and answers 404 for an unknown one', async () => {
    const alert = (await raise('detail'))!;
    const one = await h.api<{ data: AlertView }>('GET', `/api/alerts/${alert.id}`);
    expect(one.body.data).toMatchObject({
      id: alert.id,
      zone_id: zoneId,
      code: 'biz_detail',
      source: 'biz',
      status: 'ACTIVE',
      count: 1,
      resolved_at: null,
    });
    const missing = await h.api('GET', '/api/alerts/999999');
    expect(missing.status).toBe(404);
    expect(ApiErrorSchema.parse(missing.body).code).toBe('alert_not_found');
  });

  it('resolves an alert on ack, records who did it, and is idempotent', async () => {
    const alert = (await raise('ack'))!;
    const acked = await h.api<{ data: AlertView }>('PATCH', `/api/alerts/${alert.id}/ack`);
    expect(acked.status).toBe(200);
    expect(acked.body.data).toMatchObject({ status: 'RESOLVED', resolved_by: 'api-token' });
    const again = await h.api<{ data: AlertView }>('PATCH', `/api/alerts/${alert.id}/ack`);
    expect(again.body.data.resolved_at).toBe(acked.body.data.resolved_at);
    const audit = await h.core.storage.audit.list({ limit: 50, targetType: 'alert' });
    const entries = audit.filter((e) => e.targetId === String(alert.id));
    expect(entries).toEqual([
      expect.objectContaining({
        actor: 'api-token',
        action: 'alert.resolve',
        diff: { status: ['ACTIVE', 'RESOLVED'] },
      }),
    ]);
  });

  it('resolves in bulk, and changes nothing when an id is unknown', async () => {
    const a = (await raise('bulk_a'))!;
    const b = (await raise('bulk_b'))!;
    const refused = await h.api('POST', '/api/alerts/resolve-bulk', { ids: [a.id, 999999] });
    expect(refused.status).toBe(404);
    expect((await h.core.storage.alerts.byId(a.id))!.status).toBe('ACTIVE');
    await h.api('PATCH', `/api/alerts/${b.id}/ack`);
    const done = await h.api<{ data: { resolved: AlertView[]; already_resolved_ids: number[] } }>(
      'POST',
      '/api/alerts/resolve-bulk',
      { ids: [a.id, b.id] },
    );
    expect(done.status).toBe(200);
    expect(done.body.data.resolved.map((x) => x.id)).toEqual([a.id]);
    expect(done.body.data.already_resolved_ids).toEqual([b.id]);
    expect((await h.api('POST', '/api/alerts/resolve-bulk', { ids: [] })).status).toBe(422);
  });

  it('lets a viewer read alerts but not resolve them', async () => {
    const alert = (await raise('viewer'))!;
    expect((await asViewer('GET', `/api/alerts/${alert.id}`)).status).toBe(200);
    const denied = await asViewer('PATCH', `/api/alerts/${alert.id}/ack`);
    expect(denied.status).toBe(403);
    expect((await asViewer('POST', '/api/alerts/resolve-bulk', { ids: [alert.id] })).status).toBe(
      403,
    );
    expect((await h.core.storage.alerts.byId(alert.id))!.status).toBe('ACTIVE');
    const anonymous = await fetch(`${h.urls.http}/api/alerts`);
    expect(anonymous.status).toBe(401);
  });
});

describe('GET /metrics', () => {
  it('answers in the Prometheus text format with the reference counter names', async () => {
    await raise('metrics_a', 'error');
    await h.api('GET', '/api/alerts');
    const res = await fetch(`${h.urls.http}/metrics`, {
      headers: { authorization: `Bearer ${viewerToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    for (const line of text.trimEnd().split('\n')) {
      expect(line).toMatch(
        /^(# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? (-?[0-9.e+]+|NaN))$/,
      );
    }
    const value = (series: string) =>
      Number(
        text
          .split('\n')
          .find((l) => l.startsWith(`${series} `))
          ?.split(' ')[1],
      );
    for (const name of [
      'telemetry_received_total',
      'telemetry_processed_total',
      'commands_sent_total',
      'hydro_mqtt_clients',
      'process_resident_memory_bytes',
    ]) {
      expect(value(name), name).toBeGreaterThanOrEqual(0);
    }
    expect(value('telemetry_dropped_total{reason="queue_overflow"}')).toBe(0);
    expect(value('hydro_ingest_queue_depth{queue="samples"}')).toBe(0);
    expect(value('pipeline_mqtt_connected')).toBe(1);
    expect(value('alerts_active{severity="error"}')).toBeGreaterThanOrEqual(1);
    expect(
      value('http_requests_total{method="GET",route="/api/alerts",status="200"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(value('ws_broadcast_total{event_type="alert.created"}')).toBeGreaterThanOrEqual(1);
    expect((await fetch(`${h.urls.http}/metrics`)).status).toBe(401);
  });
});
