import { describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '../../../core/src/contracts/realtime.js';
import { REALTIME_RECONNECT_BACKOFF } from '../../main/backoff.js';
import {
  coreNotificationRule,
  createNoticeFeed,
  defaultNoticeRules,
  type Notice,
} from '../../main/notice-rules.js';
import { RealtimeClient, type SocketLike } from '../../main/realtime-client.js';
import { FakeClock, health, healthEvent } from './fakes.js';

/** A `notification.show` event as the core's notification service sends it over the WebSocket. */
const wire = (
  severity: string,
  body = 'pH 7.9 above 6.2\nbiz_high_ph',
  alertId: number | null = 7,
) =>
  JSON.stringify({
    channel: 'hydro.system',
    event: 'notification.show',
    event_id: 41,
    server_ts: 1_750_000_000_000,
    data: { title: `Hydro: ${severity} alert in Tank A`, body, severity, alert_id: alertId },
  });

/** The main process's path for a message: realtime client → notice feed → notices shown. */
function mainProcess(): { deliver(message: string): void; shown: Notice[] } {
  const shown: Notice[] = [];
  const feed = createNoticeFeed(defaultNoticeRules());
  let socket: SocketLike | null = null;
  new RealtimeClient({
    origin: 'http://127.0.0.1:40001',
    headers: {},
    createSocket: () => {
      socket = { onopen: null, onmessage: null, onclose: null, close: () => undefined };
      return socket;
    },
    clock: new FakeClock(),
    backoff: REALTIME_RECONNECT_BACKOFF,
    onEvent: (event) => shown.push(...feed(event)),
  }).start();
  return { deliver: (message) => socket!.onmessage?.({ data: message }), shown };
}

describe('notifications the core asks the desktop to show', () => {
  it('shows an alert notification received over the WebSocket, critical ones as urgent', () => {
    const main = mainProcess();
    main.deliver(wire('error'));
    main.deliver(wire('critical', 'Stop not confirmed: the pump may still run', 8));
    expect(main.shown).toEqual([
      { title: 'Hydro: error alert in Tank A', body: 'pH 7.9 above 6.2\nbiz_high_ph' },
      {
        title: 'Hydro: critical alert in Tank A',
        body: 'Stop not confirmed: the pump may still run',
        urgent: true,
      },
    ]);
  });

  it('shows test messages, and cuts long bodies to what a native notification shows', () => {
    const main = mainProcess();
    main.deliver(wire('info', 'x'.repeat(500), null));
    expect(main.shown).toHaveLength(1);
    expect(main.shown[0]!.body).toHaveLength(240);
    expect(main.shown[0]!.body.endsWith('…')).toBe(true);
  });

  it('ignores every other event kind', () => {
    const rule = coreNotificationRule();
    expect(rule(healthEvent(health('failed', { broker: { state: 'failed' } })))).toBeNull();
    const alertEvent = {
      channel: 'hydro.alerts',
      event: 'alert.created',
      event_id: 2,
      server_ts: 1,
      data: { alert: {} },
    } as unknown as RealtimeEvent;
    expect(rule(alertEvent)).toBeNull();
  });
});
