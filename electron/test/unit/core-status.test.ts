import { describe, expect, it } from 'vitest';
import { describeStatus } from '../../main/core-status.js';
import { ENDPOINTS, health } from './fakes.js';

const NOW = 1_000_000;
const running = { kind: 'running', endpoints: ENDPOINTS, since: NOW } as const;

describe('describeStatus', () => {
  it('explains a waiting core: what failed, when it retries and which attempt that is', () => {
    const status = describeStatus(
      {
        kind: 'waiting',
        failure: {
          kind: 'refused',
          message: 'hydro: MQTT port 1883 on 0.0.0.0 is already in use.',
        },
        failures: 2,
        retryAt: NOW + 3_400,
      },
      null,
      NOW,
    );
    expect(status).toEqual({
      level: 'error',
      headline: 'Controller could not start',
      detail: 'hydro: MQTT port 1883 on 0.0.0.0 is already in use. Retrying in 4 s (attempt 3).',
    });
  });

  it('names crashes differently from refusals', () => {
    const crashed = describeStatus(
      { kind: 'waiting', failure: { kind: 'crashed', message: 'x' }, failures: 1, retryAt: NOW },
      null,
      NOW,
    );
    expect(crashed.headline).toBe('Controller stopped unexpectedly');
  });

  it('distinguishes a first start from a restart', () => {
    expect(describeStatus({ kind: 'starting', attempt: 1 }, null, NOW)).toEqual({
      level: 'idle',
      headline: 'Starting the controller…',
      detail: null,
    });
    expect(describeStatus({ kind: 'starting', attempt: 4 }, null, NOW)).toEqual({
      level: 'idle',
      headline: 'Restarting the controller…',
      detail: 'Attempt 4',
    });
  });

  it('reports a running core as healthy until its health says otherwise', () => {
    expect(describeStatus(running, null, NOW).level).toBe('ok');
    expect(describeStatus(running, health('ok', { broker: { state: 'healthy' } }), NOW)).toEqual({
      level: 'ok',
      headline: 'Controller running',
      detail: null,
    });
  });

  it('lists the troubled components of a degraded or failed core', () => {
    const report = health('degraded', {
      broker: { state: 'healthy' },
      http: { state: 'degraded', detail: 'UI not built (npm run build)' },
      storage: { state: 'failed' },
    });
    expect(describeStatus(running, report, NOW)).toEqual({
      level: 'warning',
      headline: 'Controller degraded',
      detail: 'http: UI not built (npm run build); storage: failed',
    });
    expect(describeStatus(running, { ...report, state: 'failed' }, NOW).level).toBe('error');
  });

  it('shows stopping and stopped as idle', () => {
    expect(describeStatus({ kind: 'stopping' }, null, NOW).level).toBe('idle');
    expect(describeStatus({ kind: 'stopped' }, null, NOW).headline).toBe('Controller stopped');
  });
});
