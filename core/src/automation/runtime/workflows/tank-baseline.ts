import { BASELINE_MAX_TRIES } from '../correction/baseline.js';
import { SENSOR_STABILIZATION_SEC, measure, windowSkipPayload } from '../correction/probes.js';
import type { StageContext, StepResult } from '../workflow.js';
import { count, flowForMs, wait } from './tank-steps.js';

/**
 * The water baseline (§4.2) from stable EC and pH windows once the probes have stabilised;
 * unusable windows are retried, then the preparation fails closed (`water_baseline_invalid`).
 * Taken where no clean-water fill passes the probes: single-tank mixing, and a two-tank
 * recirculation of a tank that already held solution when the zone had no baseline yet (a farm
 * that installs Hydro on a running tank) — then the pipeline's budget is what the tank lacks.
 */
export async function captureBaseline(
  ctx: StageContext,
  source: string,
): Promise<StepResult | null> {
  const stabilizeMs = SENSOR_STABILIZATION_SEC * 1000;
  const flowMs = flowForMs(ctx);
  if (flowMs < stabilizeMs) return wait(stabilizeMs - flowMs);
  const from = (ctx.state.flowSince as number) + stabilizeMs;
  const water = { ec: 0, ph: 0 };
  for (const metric of ['ec', 'ph'] as const) {
    const result = await measure(ctx.io, metric, ctx.now, from);
    if (result.ok) {
      water[metric] = result.value;
      continue;
    }
    const tries = count(ctx.state.baselineTries) + 1;
    ctx.state.baselineTries = tries;
    const payload = { ...windowSkipPayload(metric, result), purpose: 'water_baseline' };
    if (tries >= BASELINE_MAX_TRIES) {
      return {
        kind: 'fail',
        code: 'water_baseline_invalid',
        alert: {
          code: 'biz_water_baseline_invalid',
          severity: 'error',
          message: `No usable ${metric} window of the fresh reservoir water after ${tries} tries`,
          details: payload,
        },
      };
    }
    await ctx.event(result.event, payload);
    return wait(Math.max(0, result.retryAt - ctx.now));
  }
  await ctx.rememberForZone({
    water_ec: water.ec,
    water_ph: water.ph,
    water_baseline_at: ctx.now,
    water_baseline_source: source,
  });
  await ctx.event('WATER_BASELINE_CAPTURED', {
    water_ec: water.ec,
    water_ph: water.ph,
    source,
  });
  delete ctx.state.needsBaseline;
  delete ctx.state.baselineTries;
  delete ctx.state.filled;
  return null;
}

/** No baseline in zone memory yet: the correction's EC targets would have nothing to build on. */
export async function baselineMissing(ctx: StageContext): Promise<boolean> {
  return typeof (await ctx.zoneMemory()).water_ec !== 'number';
}
