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
