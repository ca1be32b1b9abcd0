import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RealtimeEvent } from '../../core/src/contracts/realtime.js';
import { fetchSession } from '../src/api/auth.js';
import { fetchHealth } from '../src/api/health.js';
import { subscribeRealtime, type ConnectionStatus } from '../src/api/realtime.js';
import { useHealthStore } from '../src/stores/health.js';
import { useRealtimeStore } from '../src/stores/realtime.js';
import { useSessionStore } from '../src/stores/session.js';
import { healthEvent, healthSnapshot } from './health-fixtures.js';

// The unit-test project has no path aliases: point the app's @contracts imports at the real files.
vi.mock('../src/api/health.js', () => ({ fetchHealth: vi.fn() }));
vi.mock('../src/api/auth.js', () => ({ fetchSession: vi.fn() }));
vi.mock('../src/api/realtime.js', () => ({ subscribeRealtime: vi.fn() }));

const fetchHealthMock = vi.mocked(fetchHealth);
const fetchPrincipalMock = vi.mocked(fetchSession);
const subscribeMock = vi.mocked(subscribeRealtime);

/** Starts the store and returns the two callbacks it gave the realtime API. */
function startLive() {
  const realtime = useRealtimeStore();
  realtime.start();
  const [onEvent, onStatus] = subscribeMock.mock.calls[0] as [
    (event: RealtimeEvent) => void,
    (status: ConnectionStatus) => void,
  ];
  return { realtime, onEvent, onStatus };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  setActivePinia(createPinia());
  vi.clearAllMocks();
  fetchHealthMock.mockResolvedValue(healthSnapshot());
  fetchPrincipalMock.mockResolvedValue({
    name: 'admin',
    role: 'admin',
    via: 'desktop',
    user_id: null,
    user: null,
    capabilities: ['view'],
  });
});

describe('useRealtimeStore connection', () => {
  it('loads the state over HTTP and opens one realtime connection', async () => {
    const { realtime } = startLive();
    realtime.start();
    await flush();
    expect(subscribeMock).toHaveBeenCalledTimes(1);
    expect(fetchHealthMock).toHaveBeenCalledTimes(1);
    expect(useSessionStore().principal).toEqual({
      name: 'admin',
      role: 'admin',
      via: 'desktop',
      user_id: null,
    });
    expect(useHealthStore().health).toEqual(healthSnapshot());
  });

  it('exposes the connection status for the indicator', () => {
    const { realtime, onStatus } = startLive();
    expect(realtime.status).toEqual({ state: 'connecting' });
    onStatus({ state: 'reconnecting', attempt: 3, retryInMs: 500 });
    expect(realtime.status).toEqual({ state: 'reconnecting', attempt: 3, retryInMs: 500 });
  });
});

describe('useRealtimeStore events', () => {
  it('routes health events into the health store', () => {
    const { onEvent, onStatus } = startLive();
    onStatus({ state: 'connected' });
    onEvent(healthEvent(1, healthSnapshot({ state: 'degraded' })));
    expect(useHealthStore().health?.state).toBe('degraded');
  });

  it('refetches everything when the core asks for a resync', async () => {
    const { onEvent } = startLive();
    await flush();
    fetchHealthMock.mockResolvedValue(healthSnapshot({ state: 'failed' }));
    onEvent({
      event_id: 2,
      server_ts: 0,
      channel: 'hydro.system',
      event: 'system.resync',
      data: { reason: 'behind' },
    });
    await flush();
    expect(fetchHealthMock).toHaveBeenCalledTimes(2);
    expect(fetchPrincipalMock).toHaveBeenCalledTimes(2);
    expect(useHealthStore().health?.state).toBe('failed');
  });

  it('catches up over HTTP on every connect, sharing requests still in flight', async () => {
    const { onStatus } = startLive();
    onStatus({ state: 'connected' });
    await flush();
    expect(fetchHealthMock).toHaveBeenCalledTimes(1);
    expect(fetchPrincipalMock).toHaveBeenCalledTimes(1);

    onStatus({ state: 'reconnecting', attempt: 1, retryInMs: 3000 });
    await flush();
    expect(fetchHealthMock).toHaveBeenCalledTimes(1);
    onStatus({ state: 'connected' });
    await flush();
    expect(fetchHealthMock).toHaveBeenCalledTimes(2);
    expect(fetchPrincipalMock).toHaveBeenCalledTimes(2);
  });

  it('accepts the event numbering of a new connection', () => {
    const { onEvent, onStatus } = startLive();
    onStatus({ state: 'connected' });
    onEvent(healthEvent(30, healthSnapshot({ state: 'ok' })));
    onStatus({ state: 'reconnecting', attempt: 1, retryInMs: 3000 });
    onStatus({ state: 'connected' });
    onEvent(healthEvent(1, healthSnapshot({ state: 'starting' })));
    expect(useHealthStore().health?.state).toBe('starting');
  });

  it('shows no principal when the core says we are not signed in or cannot say', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    fetchPrincipalMock.mockResolvedValueOnce(null);
    const { onEvent } = startLive();
    await flush();
    expect(useSessionStore().principal).toBeNull();

    fetchPrincipalMock.mockRejectedValueOnce(new Error('offline'));
    onEvent({
      event_id: 1,
      server_ts: 0,
      channel: 'hydro.system',
      event: 'system.resync',
      data: { reason: 'x' },
    });
    await flush();
    expect(useSessionStore().principal).toBeNull();
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });
});
