import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeEventSchema } from '../../src/contracts/realtime.js';
import { NotificationService } from '../../src/notify/notification-service.js';
import { silentLogger } from '../../src/runtime/logger.js';
import { BOT_TOKEN, notifyFixture, settle, type NotifyFixture } from '../helpers/notify-fixture.js';

let f: NotifyFixture;
beforeEach(async () => {
  f = await notifyFixture();
});
afterEach(() => f.close());

const paths = () => f.receiver.requests.map((r) => r.path);

describe('which channels an alert goes to', () => {
  it('calls only the channels whose minimum severity the alert meets', async () => {
    await f.configure({
      webhook: { enabled: true, min_severity: 'critical' },
      telegram: { enabled: true, min_severity: 'error' },
      desktop: { enabled: true, min_severity: 'critical' },
    });
    await f.raise('minor', 'warning');
    await settle();
    expect(paths()).toEqual([]);

    await f.raise('serious', 'error');
    await vi.waitFor(() => expect(paths()).toEqual([`/bot${BOT_TOKEN}/sendMessage`]));
    await settle();
    expect(paths()).toHaveLength(1);
    expect(f.desktop()).toEqual([]);

    await f.raise('grave', 'critical');
    await vi.waitFor(() => expect(paths()).toHaveLength(3));
    expect(paths().slice(1).sort()).toEqual([`/bot${BOT_TOKEN}/sendMessage`, '/hook']);
    expect(f.desktop()).toHaveLength(1);
  });

  it('sends nothing through channels that are off', async () => {
    await f.configure({ desktop: { enabled: false } });
    await f.raise('quiet', 'critical');
    await settle();
    expect(paths()).toEqual([]);
    expect(f.desktop()).toEqual([]);
    expect(f.metrics().sent).toBe(0);
  });
});

describe('Telegram', () => {
  it('calls sendMessage of the Bot API with the chat id and a readable text', async () => {
    await f.configure({
      telegram: { enabled: true, chat_id: '-1001234567890' },
      desktop: { enabled: false },
    });
    const alert = await f.raise('tank_leak', 'error', 'biz_solution_topup_leak');
    await vi.waitFor(() => expect(f.receiver.requests).toHaveLength(1));
    const [request] = f.receiver.requests;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe(`/bot${BOT_TOKEN}/sendMessage`);
    expect(request!.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request!.body) as Record<string, unknown>;
    expect(body).toEqual({
      chat_id: '-1001234567890',
      text: '🟠 Hydro · Error alert in Zone zn-notify\ntank_leak went wrong\nbiz_solution_topup_leak',
      disable_web_page_preview: true,
    });
    expect(alert.code).toBe('biz_solution_topup_leak');
    await vi.waitFor(() => expect(f.metrics().sent).toBe(1));
  });
});

describe('desktop', () => {
  it('publishes notification.show on hydro.system for the desktop shell', async () => {
    const alert = await f.raise('pump_stuck', 'critical');
    await vi.waitFor(() => expect(f.desktop()).toHaveLength(1));
    const event = f.published.find((e) => e.event === 'notification.show')!;
    expect(event.channel).toBe('hydro.system');
    expect(RealtimeEventSchema.parse({ ...event, event_id: 1, server_ts: 1 }).event).toBe(
      'notification.show',
    );
    expect(f.desktop()[0]).toEqual({
      title: 'Hydro: Critical alert in Zone zn-notify',
      body: 'pump_stuck went wrong\nbiz_pump_stuck',
      severity: 'critical',
      alert_id: alert.id,
    });
  });

  it('is on for errors and worse before anything is configured', async () => {
    await f.raise('just_a_warning', 'warning');
    await f.raise('an_error', 'error');
    await vi.waitFor(() => expect(f.desktop()).toHaveLength(1));
    expect(f.desktop()[0]!.title).toBe('Hydro: Error alert in Zone zn-notify');
  });
});

describe('what counts as news', () => {
  it('notifies again when an active alert gets worse, not when it merely repeats', async () => {
    const alert = await f.raise('temp', 'error');
    await vi.waitFor(() => expect(f.desktop()).toHaveLength(1));
    await f.raise('temp', 'error');
    f.notifications.onAlert('alert.updated', { ...alert, count: 2 });
    f.notifications.onAlert('alert.updated', { ...alert, count: 3, severity: 'critical' });
    await vi.waitFor(() => expect(f.desktop()).toHaveLength(2));
    expect(f.desktop()[1]).toMatchObject({
      title: 'Hydro: Alert now critical in Zone zn-notify',
      severity: 'critical',
      alert_id: alert.id,
    });
    f.notifications.onAlert('alert.updated', { ...alert, count: 4, severity: 'critical' });
    f.notifications.onAlert('alert.updated', { ...alert, status: 'RESOLVED' });
    await settle();
    expect(f.desktop()).toHaveLength(2);
  });

  it('announces one alert per code and zone per minute (reference §9.4)', async () => {
    await f.configure({ webhook: { enabled: true } });
    await f.raise('node_a_offline', 'error', 'biz_node_offline');
    await f.raise('node_b_offline', 'error', 'biz_node_offline');
    await f.raise('other_code', 'error');
    await vi.waitFor(() => expect(f.receiver.requests).toHaveLength(2));
    expect(f.metrics().suppressed).toBe(1);
    f.clock.advance(60_000);
    await f.raise('node_c_offline', 'error', 'biz_node_offline');
    await vi.waitFor(() => expect(f.receiver.requests).toHaveLength(3));
  });
});

describe('settings in the store', () => {
  it('loads saved settings at start and falls back to the defaults when they are unreadable', async () => {
    await f.configure({ webhook: { enabled: true, min_severity: 'info' } });
    const again = await restarted(f);
    expect(again.view().webhook).toMatchObject({ enabled: true, min_severity: 'info' });
    expect(again.view().updated_by).toBe('test');

    await f.storage.settings.put('notifications', { webhook: 'nonsense' }, 'someone', 0);
    const fallback = await restarted(f);
    expect(fallback.view()).toMatchObject({
      webhook: { enabled: false },
      desktop: { enabled: true, min_severity: 'error' },
      updated_at: null,
    });
  });
});

/** A second service over the same store, started fresh. */
async function restarted(fixture: NotifyFixture) {
  const service = new NotificationService({
    storage: () => fixture.storage,
    clock: fixture.clock,
    logger: silentLogger(),
    publish: () => undefined,
    telegramApiUrl: fixture.receiver.url,
  });
  await service.start();
  await service.stop();
  return service;
}
