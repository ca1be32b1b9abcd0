import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertView } from '../../src/contracts/alerts.js';
import { T0 } from '../contract/records.js';
import { notifyFixture, settle, type NotifyFixture } from '../helpers/notify-fixture.js';

const SECRET = 'shared-webhook-secret';

let f: NotifyFixture;
beforeEach(async () => {
  f = await notifyFixture();
});
afterEach(() => f.close());

/** The webhook alone, so the counts in the metrics are its own. */
const webhookOnly = (patch: { secret?: string; min_severity?: 'warning' } = {}) =>
  f.configure({ webhook: { enabled: true, ...patch }, desktop: { enabled: false } });
const hook = () => f.receiver.requests.filter((r) => r.path === '/hook');
const expectHookCalls = (n: number) => vi.waitFor(() => expect(hook()).toHaveLength(n));

/** What a receiver does to check a delivery: HMAC-SHA256 over "<timestamp>.<raw body>". */
function signatureValid(request: { headers: Record<string, unknown>; body: string }): boolean {
  const timestamp = String(request.headers['x-hydro-timestamp']);
  const expected = createHmac('sha256', SECRET)
    .update(`${timestamp}.${request.body}`)
    .digest('hex');
  return request.headers['x-hydro-signature'] === `sha256=${expected}`;
}

describe('webhook delivery', () => {
  it('POSTs a new alert as JSON with a valid HMAC-SHA256 signature', async () => {
    await webhookOnly({ secret: SECRET, min_severity: 'warning' });
    const alert = await f.raise('ph_high', 'error');
    await expectHookCalls(1);
    const [request] = hook();
    expect(request!.method).toBe('POST');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['x-hydro-event']).toBe('alert.created');
    expect(request!.headers['x-hydro-timestamp']).toBe(String(Math.floor(T0 / 1000)));
    expect(signatureValid(request!)).toBe(true);
    expect(signatureValid({ ...request!, body: request!.body.replace('ph_high', 'ph_low') })).toBe(
      false,
    );
    const body = JSON.parse(request!.body) as Record<string, unknown> & { alert: AlertView };
    expect(body).toMatchObject({
      event: 'alert.created',
      delivery_id: request!.headers['x-hydro-delivery'],
      severity: 'error',
      title: 'Error alert in Zone zn-notify',
      zone_name: 'Zone zn-notify',
    });
    expect(body.alert).toEqual(alert);
    expect(body.text).toContain('ph_high went wrong');
    await vi.waitFor(() => expect(f.metrics()).toMatchObject({ sent: 1, failed: 0, queued: 0 }));
  });

  it('sends no signature header when no secret is set', async () => {
    await webhookOnly();
    await f.raise('unsigned', 'critical');
    await expectHookCalls(1);
    expect(hook()[0]!.headers['x-hydro-signature']).toBeUndefined();
  });

  it('retries after 500s with back-off on the clock (1 s, then 2 s) and then delivers', async () => {
    await webhookOnly({ secret: SECRET });
    f.receiver.script(500, 503);
    await f.raise('flaky', 'critical');
    await expectHookCalls(1);
    await vi.waitFor(() => expect(f.metrics().retried).toBe(1));

    f.clock.advance(999);
    await settle();
    expect(hook()).toHaveLength(1);
    f.clock.advance(1);
    await expectHookCalls(2);
    await vi.waitFor(() => expect(f.metrics().retried).toBe(2));

    f.clock.advance(1999);
    await settle();
    expect(hook()).toHaveLength(2);
    f.clock.advance(1);
    await expectHookCalls(3);
    await vi.waitFor(() => expect(f.metrics()).toMatchObject({ sent: 1, retried: 2, failed: 0 }));

    // One delivery: the same id and body each time, signed afresh with the time of each attempt.
    const [first, second, third] = hook();
    expect(new Set(hook().map((r) => r.headers['x-hydro-delivery'])).size).toBe(1);
    expect(second!.body).toBe(first!.body);
    expect(Number(third!.headers['x-hydro-timestamp'])).toBe(Math.floor(T0 / 1000) + 3);
    expect(hook().every(signatureValid)).toBe(true);
    expect(f.notifications.status().state).toBe('healthy');
  });

  it('gives up after five attempts, reports the channel failing, and recovers on the next success', async () => {
    await webhookOnly();
    f.receiver.script(500, 500, 500, 500, 500);
    await f.raise('down', 'critical');
    for (const [calls, wait] of [
      [1, 1000],
      [2, 2000],
      [3, 4000],
      [4, 8000],
    ] as const) {
      await expectHookCalls(calls);
      await vi.waitFor(() => expect(f.metrics().retried).toBe(calls));
      f.clock.advance(wait);
    }
    await expectHookCalls(5);
    await vi.waitFor(() => expect(f.metrics()).toMatchObject({ failed: 1, sent: 0, queued: 0 }));
    const status = f.notifications.status();
    expect(status.state).toBe('degraded');
    expect(status.detail).toMatch(/^webhook failing: HTTP 500: Failure 500 from the fake receiver/);

    await f.raise('back', 'critical');
    await expectHookCalls(6);
    await vi.waitFor(() => expect(f.notifications.status().state).toBe('healthy'));
  });

  it('does not retry an answer that waiting cannot fix (4xx)', async () => {
    await webhookOnly();
    f.receiver.script(404);
    await f.raise('gone', 'critical');
    await expectHookCalls(1);
    await vi.waitFor(() => expect(f.metrics()).toMatchObject({ failed: 1, retried: 0 }));
    f.clock.advance(60_000);
    await settle();
    expect(hook()).toHaveLength(1);
  });

  it('never holds up raising an alert, and keeps the outbox bounded while the receiver is down', async () => {
    await webhookOnly();
    f.receiver.fallback('hang');
    const raised = await f.raise('hung', 'critical');
    expect(raised.status).toBe('ACTIVE');
    await expectHookCalls(1);
    // 100 more distinct alerts while the first delivery hangs: 100 wait, the oldest of 101 goes.
    for (let i = 0; i < 101; i++) {
      f.notifications.onAlert('alert.created', { ...raised, id: 1000 + i, code: `biz_burst_${i}` });
    }
    await vi.waitFor(() => expect(f.metrics()).toMatchObject({ queued: 101, dropped: 1 }));
  });

  it('drops what a channel still had to send when it is turned off', async () => {
    await webhookOnly();
    f.receiver.script(500);
    await f.raise('pending', 'critical');
    await vi.waitFor(() => expect(f.metrics().retried).toBe(1));
    await f.configure({ webhook: { enabled: false }, desktop: { enabled: false } });
    expect(f.metrics()).toMatchObject({ queued: 0, dropped: 1 });
    f.clock.advance(10_000);
    await settle();
    expect(hook()).toHaveLength(1);
  });
});
