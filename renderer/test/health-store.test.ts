import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchHealth } from '../src/api/health.js';
import { ApiRequestError } from '../src/api/http.js';
import { useHealthStore } from '../src/stores/health.js';
import { healthEvent, healthSnapshot } from './health-fixtures.js';

// The unit-test project has no path aliases: point the app's @contracts imports at the real files.
vi.mock('../src/api/health.js', () => ({ fetchHealth: vi.fn() }));

const fetchHealthMock = vi.mocked(fetchHealth);

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

beforeEach(() => {
  setActivePinia(createPinia());
  fetchHealthMock.mockReset();
});

describe('useHealthStore', () => {
  it('loads a snapshot over HTTP', async () => {
    const snapshot = healthSnapshot();
    fetchHealthMock.mockResolvedValue(snapshot);
    const store = useHealthStore();
    await store.refresh();
    expect(store.health).toEqual(snapshot);
    expect(store.error).toBeNull();
    expect(store.loading).toBe(false);
  });

  it('applies realtime events in order and ignores replays and stragglers', () => {
    const store = useHealthStore();
    store.applyEvent(healthEvent(5, healthSnapshot({ state: 'degraded' })));
    store.applyEvent(healthEvent(4, healthSnapshot({ state: 'failed' })));
    store.applyEvent(healthEvent(5, healthSnapshot({ state: 'failed' })));
    expect(store.health?.state).toBe('degraded');
    store.applyEvent(healthEvent(6, healthSnapshot({ state: 'ok' })));
    expect(store.health?.state).toBe('ok');
  });

  it('accepts a new connection numbering its events from the start again', () => {
    const store = useHealthStore();
    store.applyEvent(healthEvent(40, healthSnapshot({ state: 'ok' })));
    store.restartStream();
    store.applyEvent(healthEvent(1, healthSnapshot({ state: 'starting' })));
    expect(store.health?.state).toBe('starting');
  });

  it('does not let a slow HTTP answer roll back a newer realtime event', async () => {
    const slow = deferred<ReturnType<typeof healthSnapshot>>();
    fetchHealthMock.mockReturnValue(slow.promise);
    const store = useHealthStore();
    const refreshing = store.refresh();
    store.applyEvent(healthEvent(1, healthSnapshot({ state: 'failed' })));
    slow.resolve(healthSnapshot({ state: 'ok' }));
    await refreshing;
    expect(store.health?.state).toBe('failed');
  });

  it('shares one request between overlapping refreshes', async () => {
    fetchHealthMock.mockResolvedValue(healthSnapshot());
    const store = useHealthStore();
    await Promise.all([store.refresh(), store.refresh()]);
    expect(fetchHealthMock).toHaveBeenCalledTimes(1);
    await store.refresh();
    expect(fetchHealthMock).toHaveBeenCalledTimes(2);
  });

  it('keeps the last snapshot and reports the error code when a refresh fails', async () => {
    const store = useHealthStore();
    store.applyEvent(healthEvent(1, healthSnapshot()));
    fetchHealthMock.mockRejectedValue(
      new ApiRequestError('network_error', 'Failed to fetch', null),
    );
    await store.refresh();
    expect(store.error).toEqual({ code: 'network_error', message: 'Failed to fetch' });
    expect(store.health?.state).toBe('ok');
    fetchHealthMock.mockResolvedValue(healthSnapshot({ state: 'degraded' }));
    await store.refresh();
    expect(store.error).toBeNull();
    expect(store.health?.state).toBe('degraded');
  });

  it("measures the core's clock against the browser's from the snapshot", () => {
    vi.useFakeTimers({ now: Date.parse('2026-01-01T00:00:30.000Z') });
    try {
      const store = useHealthStore();
      // The core says it started at 00:00:00 and has run 60 s: its clock reads 00:01:00.
      store.applyEvent(healthEvent(1, healthSnapshot({ uptime_s: 60 })));
      expect(store.clockOffsetMs).toBe(30_000);
      expect(store.receivedAt).toBe(Date.parse('2026-01-01T00:00:30.000Z'));
    } finally {
      vi.useRealTimers();
    }
  });
});
