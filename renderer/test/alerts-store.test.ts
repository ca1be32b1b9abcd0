import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertView } from '../../core/src/contracts/alerts.js';
import { fetchAlerts } from '../src/api/alerts.js';
import { useAlertsStore } from '../src/stores/alerts.js';
import { stamped } from './node-fixtures.js';

vi.mock('../src/api/alerts.js', () => ({
  ALERTS_PAGE_SIZE: 100,
  fetchAlerts: vi.fn(),
  resolveAlerts: vi.fn(),
}));

const alert = (id: number, patch: Partial<AlertView> = {}): AlertView => ({
  id,
  zone_id: 1,
  code: 'biz_node_offline',
  source: 'biz',
  severity: 'error',
  status: 'ACTIVE',
  dedupe_key: `k${id}`,
  count: 1,
  message: `alert ${id}`,
  details: null,
  first_seen_at: '2026-01-01T00:00:00.000Z',
  last_seen_at: '2026-01-01T00:00:00.000Z',
  resolved_at: null,
  resolved_by: null,
  ...patch,
});
const created = (eventId: number, a: AlertView) =>
  stamped(eventId, 'hydro.alerts', 'alert.created', { alert: a });
const updated = (eventId: number, a: AlertView) =>
  stamped(eventId, 'hydro.alerts', 'alert.updated', { alert: a });

beforeEach(() => {
  setActivePinia(createPinia());
  vi.resetAllMocks();
});

describe('useAlertsStore', () => {
  it('toasts each new error or critical alert once, never warnings, repeats or resolutions', () => {
    const store = useAlertsStore();
    const toasted: number[] = [];
    store.onSevere((a) => toasted.push(a.id));
    store.applyEvent(created(1, alert(1)));
    store.applyEvent(created(1, alert(1)));
    store.applyEvent(created(2, alert(2, { severity: 'warning' })));
    store.applyEvent(created(3, alert(3, { severity: 'critical' })));
    store.applyEvent(updated(4, alert(1, { count: 2 })));
    store.applyEvent(updated(5, alert(3, { status: 'RESOLVED' })));
    expect(toasted).toEqual([1, 3]);
  });

  it('puts new alerts that match the filter first and updates shown ones in place', async () => {
    vi.mocked(fetchAlerts).mockResolvedValue([alert(1)]);
    const store = useAlertsStore();
    await store.setFilter({ ...store.filter, severity: 'error' });
    store.applyEvent(created(1, alert(2)));
    store.applyEvent(created(2, alert(3, { severity: 'warning' })));
    store.applyEvent(updated(3, alert(1, { status: 'RESOLVED', resolved_by: 'auto' })));
    expect(store.alerts.map((a) => [a.id, a.status])).toEqual([
      [2, 'ACTIVE'],
      [1, 'RESOLVED'],
    ]);
  });

  it('keeps the answer of the latest filter when an older request finishes last', async () => {
    let finishOld!: (rows: AlertView[]) => void;
    vi.mocked(fetchAlerts)
      .mockReturnValueOnce(new Promise((resolve) => (finishOld = resolve)))
      .mockResolvedValueOnce([alert(7)]);
    const store = useAlertsStore();
    const old = store.refresh();
    await store.setFilter({ ...store.filter, status: 'RESOLVED' });
    finishOld([alert(1)]);
    await old;
    expect(store.alerts.map((a) => a.id)).toEqual([7]);
  });
});
