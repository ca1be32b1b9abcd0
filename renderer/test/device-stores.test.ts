import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { NodeView } from '../../core/src/contracts/devices.js';
import {
  fetchLastValues,
  fetchNodeCommands,
  fetchNodes,
  sendNodeCommand,
} from '../src/api/nodes.js';
import { merge, useCommandsStore } from '../src/stores/commands.js';
import { useLiveValuesStore } from '../src/stores/live-values.js';
import { useNodesStore } from '../src/stores/nodes.js';
import { commandView, nodeView, stamped } from './node-fixtures.js';

vi.mock('../src/api/nodes.js', () => ({
  fetchNodes: vi.fn(),
  fetchNodeCommands: vi.fn(),
  fetchLastValues: vi.fn(),
  sendNodeCommand: vi.fn(),
}));

const deviceEvent = (id: number, device: NodeView) =>
  stamped(id, 'hydro.devices', 'device.updated', { device });

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

beforeEach(() => {
  setActivePinia(createPinia());
  vi.resetAllMocks();
});

describe('useNodesStore', () => {
  it('loads nodes and splits them into zoned and unassigned, zone first', async () => {
    vi.mocked(fetchNodes).mockResolvedValue([
      nodeView({ id: 3, uid: 'nd-c', zone_id: null, lifecycle_state: 'REGISTERED_BACKEND' }),
      nodeView({ id: 2, uid: 'nd-b', zone_id: 2 }),
      nodeView({ id: 1, uid: 'nd-a', zone_id: 1 }),
    ]);
    const store = useNodesStore();
    await store.refresh();
    expect(store.loaded).toBe(true);
    expect(store.nodes.map((n) => n.uid)).toEqual(['nd-a', 'nd-b', 'nd-c']);
    expect(store.assigned.map((n) => n.id)).toEqual([1, 2]);
    expect(store.unassigned.map((n) => n.id)).toEqual([3]);
  });

  it('applies device.updated in order and ignores replays', () => {
    const store = useNodesStore();
    store.applyEvent(deviceEvent(5, nodeView({ status: 'offline' })));
    store.applyEvent(deviceEvent(4, nodeView({ status: 'online' })));
    store.applyEvent(deviceEvent(5, nodeView({ status: 'online' })));
    expect(store.byIdOf(1)?.status).toBe('offline');
    store.restartStream();
    store.applyEvent(deviceEvent(1, nodeView({ status: 'online' })));
    expect(store.byIdOf(1)?.status).toBe('online');
  });

  it('does not let a slow list roll back a node an event changed meanwhile', async () => {
    const slow = deferred<NodeView[]>();
    vi.mocked(fetchNodes).mockReturnValue(slow.promise);
    const store = useNodesStore();
    const refreshing = store.refresh();
    store.applyEvent(deviceEvent(1, nodeView({ id: 1, status: 'offline' })));
    slow.resolve([nodeView({ id: 1, status: 'online' }), nodeView({ id: 2, uid: 'nd-2' })]);
    await refreshing;
    expect(store.byIdOf(1)?.status).toBe('offline');
    expect(store.byIdOf(2)?.uid).toBe('nd-2');
  });

  it('keeps the list and reports the code when a refresh fails', async () => {
    vi.mocked(fetchNodes).mockResolvedValueOnce([nodeView()]);
    const store = useNodesStore();
    await store.refresh();
    vi.mocked(fetchNodes).mockRejectedValueOnce(new Error('offline'));
    await store.refresh();
    expect(store.nodes).toHaveLength(1);
    expect(store.error).toEqual({ code: 'network_error', message: 'offline' });
  });
});

describe('useCommandsStore', () => {
  const event = (id: number, command = commandView()) =>
    stamped(id, 'hydro.commands', 'command.status', { command });

  it('follows a command from SENT through ACK to DONE', () => {
    const store = useCommandsStore();
    store.applyEvent(event(1));
    store.applyEvent(event(2, commandView({ status: 'ACK', ack_at: '2026-01-01T00:00:00.200Z' })));
    expect(store.find(1, 'c1')?.status).toBe('ACK');
    store.applyEvent(
      event(
        3,
        commandView({
          status: 'DONE',
          ack_at: '2026-01-01T00:00:00.200Z',
          terminal_at: '2026-01-01T00:00:03.200Z',
        }),
      ),
    );
    expect(store.recentFor(1).map((c) => c.status)).toEqual(['DONE']);
  });

  it('never moves a command backwards, even on a late answer', () => {
    const done = commandView({ status: 'DONE', terminal_at: '2026-01-01T00:00:01.000Z' });
    expect(merge([done], commandView({ status: 'ACK', ack_at: '2026-01-01T00:00:00.5Z' }))).toEqual(
      [done],
    );
  });

  it('keeps the newest first and at most twenty per node', () => {
    let list = [] as ReturnType<typeof merge>;
    for (let i = 0; i < 25; i += 1) {
      list = merge(
        list,
        commandView({
          cmd_id: `c${i}`,
          created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
        }),
      );
    }
    expect(list).toHaveLength(20);
    expect(list[0]?.cmd_id).toBe('c24');
    expect(list.at(-1)?.cmd_id).toBe('c5');
  });

  it('merges a fetched page with events that arrived while it loaded', async () => {
    const store = useCommandsStore();
    const slow = deferred<ReturnType<typeof commandView>[]>();
    vi.mocked(fetchNodeCommands).mockReturnValue(slow.promise);
    const loading = store.load(1);
    store.applyEvent(
      event(1, commandView({ status: 'DONE', terminal_at: '2026-01-01T00:00:01.000Z' })),
    );
    slow.resolve([commandView({ status: 'SENT' })]);
    await loading;
    expect(store.find(1, 'c1')?.status).toBe('DONE');
  });

  it('shows a sent command at once, as the core queued it', async () => {
    vi.mocked(sendNodeCommand).mockResolvedValue(
      commandView({ cmd_id: 'new', status: 'QUEUED', sent_at: null }),
    );
    const store = useCommandsStore();
    const sent = await store.send(1, { cmd: 'test_sensor', channel: 'ph_sensor', params: {} });
    expect(sent.cmd_id).toBe('new');
    expect(store.recentFor(1).map((c) => c.cmd_id)).toEqual(['new']);
  });
});

describe('useLiveValuesStore', () => {
  const batch = (updates: { node_id: number; channel: string; value: number; ts: number }[]) =>
    stamped(1, 'hydro.telemetry', 'telemetry.batch.updated', {
      zone_id: 1,
      updates: updates.map((u) => ({ ...u, metric_type: 'PH', quality: 'good' as const })),
    });

  it('keeps the newest reading per channel, from the last-value table and then live', async () => {
    vi.mocked(fetchLastValues).mockResolvedValue([
      { channel: 'ph_sensor', metric_type: 'PH', ts: 1000, value: 6.1, quality: 'good' },
    ]);
    const store = useLiveValuesStore();
    await store.loadNode(1);
    expect(store.get(1, 'ph_sensor')?.value).toBe(6.1);
    store.applyEvent(batch([{ node_id: 1, channel: 'ph_sensor', value: 6.2, ts: 2000 }]));
    expect(store.get(1, 'ph_sensor')).toEqual({
      value: 6.2,
      ts: 2000,
      metricType: 'PH',
      quality: 'good',
    });
    // An older sample (a node catching up on its buffer) does not replace a newer one.
    store.applyEvent(batch([{ node_id: 1, channel: 'ph_sensor', value: 5.9, ts: 1500 }]));
    expect(store.get(1, 'ph_sensor')?.value).toBe(6.2);
    expect(store.get(2, 'ph_sensor')).toBeUndefined();
  });
});
