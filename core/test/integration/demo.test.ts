import { afterEach, describe, expect, it } from 'vitest';
import type { NodeView } from '../../src/contracts/devices.js';
import { startReady, type HydroProcess } from '../helpers/hydro-process.js';

const TOKEN = 'demo-test-token-0123456789';
let hydro: HydroProcess | undefined;
afterEach(async () => {
  expect((await hydro?.stop())?.code).toBe(0);
});

describe('hydro serve --demo', () => {
  it('brings up a simulated two-tank zone whose nodes bind through the protocol and report', async () => {
    const started = await startReady(['--demo'], { HYDRO_API_TOKEN: TOKEN });
    hydro = started.hydro;
    const nodes = async () => {
      const res = await fetch(`${started.ready.http}/api/nodes`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      return ((await res.json()) as { data: NodeView[] }).data;
    };
    await expect
      .poll(
        async () =>
          (await nodes())
            .filter((n) => n.zone_id !== null && n.status === 'online')
            .map((n) => n.type)
            .sort(),
        {
          timeout: 30_000,
          interval: 500,
        },
      )
      .toEqual(['climate', 'ec', 'irrig', 'light', 'ph']);
    await expect
      .poll(
        async () => {
          const health = (await (await fetch(`${started.ready.http}/api/health`)).json()) as {
            data: { components: { name: string; metrics: Record<string, number> }[] };
          };
          return health.data.components.find((c) => c.name === 'devices')!.metrics.samples_written;
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
  });
});

describe('hydro serve --demo --demo-prepared', () => {
  it('prepares its mixed tank without a fill or a dose and is ready to irrigate, then irrigates with a timed pump run', async () => {
    const started = await startReady(['--demo', '--demo-prepared'], { HYDRO_API_TOKEN: TOKEN });
    hydro = started.hydro;
    const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
      const res = await fetch(`${started.ready.http}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      });
      return ((await res.json()) as { data: T }).data;
    };
    const [zone] = await api<{ id: number }[]>('/api/zones');
    const zoneId = zone!.id;
    await expect
      .poll(
        async () =>
          (await api<{ workflow_phase: string }>(`/api/zones/${zoneId}/state`)).workflow_phase,
        { timeout: 150_000, interval: 1_000 },
      )
      .toBe('ready');
    const commands = await api<{ cmd: string }[]>(`/api/zones/${zoneId}/commands?per_page=100`);
    expect(commands.filter((c) => c.cmd === 'dose')).toEqual([]);

    const { task_id: taskId } = await api<{ task_id: number }>(
      `/api/zones/${zoneId}/start-irrigation`,
      { method: 'POST', body: JSON.stringify({ mode: 'force', requested_duration_sec: 5 }) },
    );
    await expect
      .poll(
        async () =>
          (
            await api<{ id: number; status: string; outcome: string | null }[]>(
              `/api/zones/${zoneId}/tasks`,
            )
          ).find((t) => t.id === taskId)?.outcome,
        { timeout: 60_000, interval: 500 },
      )
      .toBe('completed_run');
    const pump = (
      await api<{ cmd: string; status: string; params: object }[]>(
        `/api/zones/${zoneId}/commands?per_page=50`,
      )
    ).find((c) => c.cmd === 'run_pump');
    expect(pump).toMatchObject({ status: 'DONE', params: { duration_ms: 5_000 } });
  }, 240_000);
});
