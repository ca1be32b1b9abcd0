import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeliveryResult, NotificationSettingsView } from '../../src/contracts/settings.js';
import { seedZone } from '../contract/records.js';
import { apiClient } from '../helpers/api-client.js';
import { startCore, type Harness } from '../helpers/core-harness.js';
import { deadUrl, startFakeReceiver, type FakeReceiver } from '../helpers/fake-receiver.js';
import { BOT_TOKEN } from '../helpers/notify-fixture.js';

const PATH = '/api/settings/notifications';
const SECRET = 'webhook-secret-0123';

let h: Harness;
let api: ReturnType<typeof apiClient>;
let receiver: FakeReceiver;
let viewer: string;

beforeAll(async () => {
  receiver = await startFakeReceiver();
  h = await startCore({ HYDRO_TELEGRAM_API_URL: `${receiver.url}/tg/` });
  api = apiClient(h);
  viewer = await api.tokenFor('viewer');
});
afterAll(async () => {
  await h.stop();
  await receiver.close();
});
beforeEach(() => {
  receiver.requests.length = 0;
});

/** A whole settings document for PUT, webhook and Telegram pointing at the fake receiver. */
const document = (overrides: { webhook?: object; telegram?: object; desktop?: object } = {}) => ({
  webhook: {
    enabled: true,
    url: `${receiver.url}/hook`,
    min_severity: 'error',
    ...overrides.webhook,
  },
  telegram: { enabled: false, chat_id: null, min_severity: 'error', ...overrides.telegram },
  desktop: { enabled: true, min_severity: 'error', ...overrides.desktop },
});

const test = (channel: string) =>
  api.call('POST', `${PATH}/test`, { channel }).then((r) => api.data<DeliveryResult>(r));

describe('notification settings API', () => {
  it('shows the defaults before anything is saved', async () => {
    expect(api.data<NotificationSettingsView>(await api.call('GET', PATH))).toEqual({
      webhook: { enabled: false, url: null, secret_set: false, min_severity: 'error' },
      telegram: { enabled: false, bot_token_set: false, chat_id: null, min_severity: 'error' },
      desktop: { enabled: true, min_severity: 'error' },
      updated_at: null,
      updated_by: null,
    });
  });

  it('saves and reads back settings with secrets masked; a PUT without them keeps them', async () => {
    const saved = await api.call(
      'PUT',
      PATH,
      document({
        webhook: { secret: SECRET },
        telegram: { enabled: true, bot_token: BOT_TOKEN, chat_id: '@farm_alerts' },
      }),
    );
    const view = api.data<NotificationSettingsView>(saved);
    expect(view).toMatchObject({
      webhook: { enabled: true, url: `${receiver.url}/hook`, secret_set: true },
      telegram: { enabled: true, bot_token_set: true, chat_id: '@farm_alerts' },
      updated_by: 'api-token',
    });
    const read = await api.call('GET', PATH);
    expect(read.body.data).toEqual(view);
    for (const body of [saved.body, read.body]) {
      expect(JSON.stringify(body)).not.toContain(SECRET);
      expect(JSON.stringify(body)).not.toContain(BOT_TOKEN);
    }

    // Left out (or blank, as an untouched password field): kept and still used to sign.
    const kept = await api.call(
      'PUT',
      PATH,
      document({ webhook: { secret: '' }, telegram: { enabled: true, chat_id: '-100123' } }),
    );
    expect(api.data<NotificationSettingsView>(kept)).toMatchObject({
      webhook: { secret_set: true },
      telegram: { bot_token_set: true, chat_id: '-100123' },
    });
    expect((await test('webhook')).ok).toBe(true);
    const [delivery] = receiver.requests;
    const signed = `${String(delivery!.headers['x-hydro-timestamp'])}.${delivery!.body}`;
    expect(delivery!.headers['x-hydro-signature']).toBe(
      `sha256=${createHmac('sha256', SECRET).update(signed).digest('hex')}`,
    );

    // null removes a secret.
    const cleared = await api.call('PUT', PATH, document({ webhook: { secret: null } }));
    expect(api.data<NotificationSettingsView>(cleared).webhook.secret_set).toBe(false);
  });

  it('records each change in the audit log without the secrets', async () => {
    await api.call('PUT', PATH, document({ webhook: { secret: SECRET, min_severity: 'warning' } }));
    const entries = await h.core.storage.audit.list({ limit: 500, targetType: 'settings' });
    const last = entries.at(-1)!;
    expect(last).toMatchObject({
      actor: 'api-token',
      action: 'settings.update',
      targetId: 'notifications',
    });
    expect(last.diff).toMatchObject({
      'webhook.min_severity': ['error', 'warning'],
      'webhook.secret': ['unset', 'set'],
    });
    expect(JSON.stringify(entries)).not.toContain(SECRET);
    expect(JSON.stringify(entries)).not.toContain(BOT_TOKEN);
  });

  it('answers 422 naming the field for a bad URL or a channel enabled without its secret', async () => {
    await api.call('PUT', PATH, document({ telegram: { bot_token: null } }));
    const before = (await api.call('GET', PATH)).body.data;
    for (const url of ['ftp://files.example/hook', 'not a url', 'javascript:alert(1)']) {
      const error = api.expectError(
        await api.call('PUT', PATH, document({ webhook: { url } })),
        422,
        'validation_failed',
      );
      expect(Object.keys(error.errors ?? {})).toEqual(['webhook.url']);
    }
    const noToken = api.expectError(
      await api.call('PUT', PATH, document({ telegram: { enabled: true, chat_id: '-1001' } })),
      422,
      'validation_failed',
    );
    expect(noToken.errors).toEqual({ 'telegram.bot_token': ['is required to enable Telegram'] });
    const unknownChannel = await api.call('PUT', PATH, { ...document(), email: { on: true } });
    expect(unknownChannel.status).toBe(422);
    // Refused requests changed nothing, not even the time of the last change.
    expect((await api.call('GET', PATH)).body.data).toEqual(before);
  });

  it('is for admins only', async () => {
    expect((await api.call('GET', PATH, undefined, viewer)).status).toBe(403);
    expect((await api.call('PUT', PATH, document(), viewer)).status).toBe(403);
    expect((await api.call('POST', `${PATH}/test`, { channel: 'desktop' }, viewer)).status).toBe(
      403,
    );
    expect((await fetch(`${h.urls.http}${PATH}`)).status).toBe(401);
  });
});

describe('test messages', () => {
  it('reports a delivery to a live receiver, and a clear failure when it is down', async () => {
    await api.call('PUT', PATH, document());
    const ok = await test('webhook');
    expect(ok).toMatchObject({ channel: 'webhook', ok: true, status: 200, error: null });
    expect(JSON.parse(receiver.requests[0]!.body)).toMatchObject({ event: 'test', alert: null });

    receiver.script(500);
    expect(await test('webhook')).toMatchObject({
      ok: false,
      status: 500,
      error: 'HTTP 500: Failure 500 from the fake receiver',
    });

    const down = await deadUrl();
    await api.call('PUT', PATH, document({ webhook: { url: `${down}/hook` } }));
    const failed = await test('webhook');
    expect(failed).toMatchObject({ channel: 'webhook', ok: false, status: null });
    expect(failed.error).toMatch(/^cannot reach 127\.0\.0\.1:\d+: connection refused/);
  });

  it('sends a Telegram test through the configured Bot API and a desktop test as an event', async () => {
    await api.call(
      'PUT',
      PATH,
      document({ telegram: { enabled: false, bot_token: BOT_TOKEN, chat_id: '-1001' } }),
    );
    expect(await test('telegram')).toMatchObject({ ok: true, status: 200 });
    expect(receiver.requests[0]!.path).toBe(`/tg/bot${BOT_TOKEN}/sendMessage`);
    expect(JSON.parse(receiver.requests[0]!.body)).toMatchObject({ chat_id: '-1001' });
    expect(await test('desktop')).toMatchObject({ channel: 'desktop', ok: true });
    expect((await api.call('POST', `${PATH}/test`, { channel: 'pigeon' })).status).toBe(422);
  });
});

describe('alerts raised in the running core', () => {
  it('reach the webhook, and the notifications component reports its counts', async () => {
    await api.call('PUT', PATH, document({ webhook: { min_severity: 'critical' } }));
    const zone = await seedZone(h.core.storage, 'zn-settings-api');
    await h.core.alerts.raise({
      zoneId: zone.id,
      code: 'biz_flow_stop_failed_hardware_may_be_active',
      severity: 'critical',
      message: 'Stop not confirmed: the pump may still run',
      dedupeKey: 'flow-stop-1',
    });
    await vi.waitFor(() => expect(receiver.requests).toHaveLength(1));
    expect(JSON.parse(receiver.requests[0]!.body)).toMatchObject({
      event: 'alert.created',
      title: 'Critical alert in Zone zn-settings-api',
      alert: { code: 'biz_flow_stop_failed_hardware_may_be_active', zone_id: zone.id },
    });
    await vi.waitFor(() => {
      const component = h.core.health().components.find((c) => c.name === 'notifications');
      expect(component?.metrics).toMatchObject({ sent: 2, failed: 0 });
    });
  });
});
