import type { Health } from '../../core/src/contracts/health.js';
import type { HealthEvent } from '../../core/src/contracts/realtime.js';

export function healthSnapshot(overrides: Partial<Health> = {}): Health {
  return {
    state: 'ok',
    version: '0.1.0',
    started_at: '2026-01-01T00:00:00.000Z',
    uptime_s: 60,
    components: [
      {
        name: 'broker',
        state: 'healthy',
        detail: '0 clients',
        since: '2026-01-01T00:00:00.000Z',
        metrics: { port: 1883, clients: 0 },
      },
    ],
    ...overrides,
  };
}

export function healthEvent(eventId: number, data: Health): HealthEvent {
  return {
    event_id: eventId,
    server_ts: Date.parse(data.started_at) + data.uptime_s * 1000,
    channel: 'hydro.system',
    event: 'system.health',
    data,
  };
}
