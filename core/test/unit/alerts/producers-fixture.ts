import type { BindingRole } from '../../../src/contracts/bindings.js';
import { ZoneEvents } from '../../../src/events/zone-events.js';
import type { ProducerContext } from '../../../src/alerts/producer-loop.js';
import { silentLogger } from '../../../src/runtime/logger.js';
import type { AlertRecord } from '../../../src/storage/alerts-events-types.js';
import type { NodeRecord } from '../../../src/storage/types.js';
import { nodeInput } from '../../contract/records.js';
import { domainFixture, zoneWithRecipe, type DomainFixture } from '../../helpers/domain-fixture.js';

export interface ProducersFixture extends DomainFixture {
  zoneEvents: ZoneEvents;
  ctx: ProducerContext;
  zoneId: number;
  revisionId: number;
}

/**
 * A zone (with a published one-phase recipe: pH 5.5–6.1, EC 1.0–1.4) over an in-memory SQLite
 * store, the real alerts service and zone timeline, and a fake clock.
 */
export async function producersFixture(
  phase: Record<string, unknown> = { name: 'Veg' },
): Promise<ProducersFixture> {
  const f = await domainFixture();
  const { zone, revisionId } = await zoneWithRecipe(f, [phase]);
  const zoneEvents = new ZoneEvents({
    storage: f.storage,
    clock: f.clock,
    publish: () => undefined,
  });
  const ctx = { storage: f.storage, clock: f.clock, logger: silentLogger(), alerts: f.alerts };
  return Object.assign(f, { zoneEvents, ctx, zoneId: zone.id, revisionId });
}

/** A node bound to the zone, online and just heard from. */
export function addNode(
  f: ProducersFixture,
  n: number,
  overrides: Partial<NodeRecord> = {},
): Promise<NodeRecord> {
  const now = f.clock.now();
  return f.storage.nodes.create(
    nodeInput(n, {
      lifecycleState: 'ACTIVE',
      zoneId: f.zoneId,
      status: 'online',
      lastSeenAt: now,
      lastHeartbeatAt: now,
      firstSeenAt: now,
      updatedAt: now,
      ...overrides,
    }),
  );
}

export function bind(
  f: ProducersFixture,
  role: BindingRole,
  node: NodeRecord,
  channel: string = role,
) {
  return f.storage.bindings.put(
    { zoneId: f.zoneId, role, nodeId: node.id, channel },
    f.clock.now(),
  );
}

export async function sample(
  f: ProducersFixture,
  node: NodeRecord,
  channel: string,
  value: number,
  quality: 'good' | 'uncertain' = 'good',
): Promise<void> {
  await f.storage.telemetry.insertSamples([
    {
      nodeId: node.id,
      zoneId: f.zoneId,
      channel,
      metricType: 'X',
      ts: f.clock.now(),
      value,
      quality,
    },
  ]);
}

/** Every alert of `code`, oldest first. */
export async function alertsOf(f: ProducersFixture, code: string): Promise<AlertRecord[]> {
  const { alerts } = await f.storage.alerts.list({ code, limit: 100, offset: 0 });
  return alerts.reverse();
}

export async function timeline(f: ProducersFixture): Promise<string[]> {
  return (await f.storage.events.list(f.zoneId, { limit: 100 })).map((e) => e.type);
}

/** The zone runs `phase` under an active task (what the runtime does while water moves). */
export async function enterPhase(f: ProducersFixture, phase: string): Promise<void> {
  await f.storage.zones.update(f.zoneId, { workflowPhase: phase }, f.clock.now());
  if (await f.storage.tasks.activeForZone(f.zoneId)) return;
  await f.storage.tasks.create(
    {
      zoneId: f.zoneId,
      kind: 'irrigation',
      stage: 'irrigating',
      stageDeadlineAt: null,
      dueAt: f.clock.now(),
      source: 'test',
      idempotencyKey: null,
      payload: {},
    },
    f.clock.now(),
  );
}

/**
 * Let `ms` pass in steps of `stepMs`: `each` (a sample now) runs at the start of a step, a
 * finished check of `producer` at its end.
 */
export async function pass(
  f: ProducersFixture,
  producer: { tick(): Promise<void> },
  ms: number,
  stepMs: number,
  each?: () => Promise<void>,
): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed += stepMs) {
    if (each) await each();
    f.clock.advance(stepMs);
    await producer.tick();
  }
}
