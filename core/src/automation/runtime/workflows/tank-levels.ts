import type { ZoneTopology } from '../../../contracts/zones.js';
import type { StageContext, StepResult } from '../workflow.js';
import type { LevelRole } from '../zone-io.js';
import { LEVEL_RECHECK_MS } from './tank-config.js';

/**
 * Level switches as the tank workflows read them (reference-domain §5.1): a stale or missing
 * switch is read once more after a short pause and then fails the stage closed, and a tank that
 * reads full but not above its minimum is a sensor fault, never "full".
 */

export type Levels = Partial<Record<LevelRole, boolean>>;

export type LevelRead = { kind: 'levels'; levels: Levels } | { kind: 'stop'; result: StepResult };

/** The tank pairs whose max may not be set while the min is clear. */
const PAIRS: readonly (readonly [LevelRole, LevelRole])[] = [
  ['level_clean_min', 'level_clean_max'],
  ['level_solution_min', 'level_solution_max'],
];

/** Stale-level failure code, e.g. `two_tank_clean_max_level_stale`. */
export function staleCode(topology: ZoneTopology, role: LevelRole): string {
  return `${topology}_${role.replace('level_', '')}_level_stale`;
}

export async function readLevels(
  ctx: StageContext,
  roles: readonly LevelRole[],
): Promise<LevelRead> {
  const levels: Levels = {};
  for (const role of roles) {
    const reading = await ctx.io.level(role);
    if (reading.triggered === null) return { kind: 'stop', result: await stale(ctx, role) };
    levels[role] = reading.triggered;
  }
  delete ctx.state.levelRecheck;
  for (const [min, max] of PAIRS) {
    if (levels[max] === true && levels[min] === false) {
      await ctx.event('SENSOR_STATE_INCONSISTENT', { min, max, [min]: false, [max]: true });
      return { kind: 'stop', result: { kind: 'fail', code: 'sensor_state_inconsistent' } };
    }
  }
  return { kind: 'levels', levels };
}

async function stale(ctx: StageContext, role: LevelRole): Promise<StepResult> {
  if (ctx.state.levelRecheck !== role) {
    ctx.state.levelRecheck = role;
    return { kind: 'wait', delayMs: LEVEL_RECHECK_MS };
  }
  delete ctx.state.levelRecheck;
  await ctx.event('TELEMETRY_STALE', { channel: role, kind: 'level_switch' });
  return { kind: 'fail', code: staleCode(ctx.zone.topology, role) };
}
