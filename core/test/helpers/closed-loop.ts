import {
  createSimulatedFarm,
  type SimulatedFarm,
  type SimulatedFarmOptions,
} from '../../src/sim/simulated-farm.js';
import type { TaskRecord } from '../../src/storage/automation-types.js';
import { API_TOKEN } from './core-harness.js';

export interface ClosedLoop extends SimulatedFarm {
  api<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  /** The zone's newest task. */
  task(): Promise<TaskRecord | null>;
  /** The zone timeline's event types, oldest first. */
  events(): Promise<string[]>;
}

/** A simulated farm (core + simulated nodes on a stepped clock) with test conveniences. */
export async function closedLoop(
  options: Omit<SimulatedFarmOptions, 'apiToken'> = {},
): Promise<ClosedLoop> {
  const farm = await createSimulatedFarm({ ...options, apiToken: API_TOKEN });
  return Object.assign(farm, {
    async api<T>(method: string, path: string, body?: unknown) {
      const res = await farm.pump(
        fetch(`${farm.urls.http}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${API_TOKEN}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
      return { status: res.status, body: (await res.json()) as T };
    },
    task: async () => (await farm.core.storage.tasks.listForZone(farm.zone.id, 1))[0] ?? null,
    events: async () =>
      (await farm.core.storage.events.list(farm.zone.id, { limit: 1000 })).map((e) => e.type),
  });
}
