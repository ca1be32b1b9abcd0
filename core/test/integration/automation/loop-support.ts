import { expect } from 'vitest';
import type { TaskKind } from '../../../src/storage/automation-types.js';
import type { CommandRecord } from '../../../src/storage/types.js';
import type { ClosedLoop } from '../../helpers/closed-loop.js';

/** Reference-domain §4.10 code defaults: per-pulse caps and the pump policy's ceiling. */
export const MAX_DOSE_ML = { ph: 35, ec: 80 } as const;
export const MAX_DOSE_MS = 60_000;
const PH_PUMPS = new Set(['pump_acid', 'pump_base']);

/** Empty tanks: a fresh install. The clean tank fills from mains first. */
export const EMPTY_TANKS = { clean: 0.03, solution: 0.02 } as const;

export async function start(
  loop: ClosedLoop,
  kind: TaskKind,
  payload: Record<string, unknown> = {},
) {
  return loop.pump(
    loop.core.automation.engine.startTask({
      zoneId: loop.zone.id,
      kind,
      payload,
      source: 'operator:test',
    }),
  );
}

/** Runs until the zone's newest task is no longer active; returns it. */
export async function settle(loop: ClosedLoop, maxMs: number) {
  await loop.until(async () => (await loop.task())?.status !== 'active', maxMs, 'task end');
  return (await loop.task())!;
}

export async function commands(loop: ClosedLoop): Promise<CommandRecord[]> {
  return loop.core.storage.commands.listForZone(loop.zone.id, 5000);
}

export async function doses(loop: ClosedLoop): Promise<CommandRecord[]> {
  return (await commands(loop)).filter((c) => c.cmd === 'dose');
}

/** No dose above its per-pulse cap, none longer than the pump policy allows. */
export async function expectDosesWithinCaps(loop: ClosedLoop): Promise<number> {
  const all = await doses(loop);
  for (const dose of all) {
    const ml = dose.params.ml as number;
    const cap = PH_PUMPS.has(dose.channel) ? MAX_DOSE_ML.ph : MAX_DOSE_ML.ec;
    expect(ml, `${dose.channel} ${dose.cmdId}`).toBeLessThanOrEqual(cap);
    const rate = (await loop.core.storage.nodes.channels(dose.nodeId!)).find(
      (c) => c.channel === dose.channel,
    )?.config.ml_per_second as number;
    expect((ml / rate) * 1000).toBeLessThanOrEqual(MAX_DOSE_MS);
  }
  return all.length;
}

/** The zone's current phase band from the effective targets. */
export async function band(loop: ClosedLoop) {
  const targets = await loop.core.domain.zones.effectiveTargets(loop.zone.id);
  return { ph: targets.ph!, ec: targets.ec! };
}

/** What the irrigation node's outputs really are (pump and valves), from the simulator. */
export function irrigOutputs(loop: ClosedLoop): Record<string, boolean | number> {
  return loop.sim.node('irrig')!.state().actuators;
}

/** Every flow output of the irrigation node is off. */
export function flowStopped(loop: ClosedLoop): boolean {
  return Object.values(irrigOutputs(loop)).every((v) => v === false || v === 0);
}
