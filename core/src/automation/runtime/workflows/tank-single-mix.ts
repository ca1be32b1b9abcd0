import { BASELINE_MAX_TRIES } from '../correction/baseline.js';
import {
  SENSOR_STABILIZATION_SEC,
  measure,
  sensorModeSteps,
  windowSkipPayload,
} from '../correction/probes.js';
import type { StageContext, StageHandler, StepResult } from '../workflow.js';
import { RECIRC_WINDOW_MS, STARTUP_HOLD_MS } from './tank-config.js';
import { MIX_STOP, mixStart } from './tank-plans.js';
import { circulate, openWindow, type Circulation } from './tank-recirculation.js';
import { count, flowForMs, wait } from './tank-steps.js';

/**
 * The mixing stages of a single-tank zone: `pump_main` circulates the reservoir back into itself
 * past the probes while the correction runs the recirculation pipeline (reference-domain §4.2),
 * in windows like the two-tank recirculation (§5.2). There is no clean-water fill past the probes
 * here, so the water baseline of the pipeline's EC targets is taken at the start of mixing, right
 * after the reservoir was filled with mains water (or when the zone has none yet).
 */

const mixing: Circulation = {
  start: 'mix_start',
  check: 'mix_check',
  stop: MIX_STOP,
  lowWater: { stage: 'startup', deadlineMs: STARTUP_HOLD_MS },
};

async function mixStartStage(ctx: StageContext): Promise<StepResult> {
  const memory = await ctx.zoneMemory();
  if (ctx.state.filled === true || typeof memory.water_ec !== 'number')
    ctx.state.needsBaseline = true;
  // The probes measure only in active sensor mode: switched on with the flow.
  const steps = [...mixStart(RECIRC_WINDOW_MS), ...(await sensorModeSteps(ctx.io, true))];
  return openWindow(ctx, mixing, steps);
}

const mixCheck = (ctx: StageContext): Promise<StepResult> =>
  circulate(ctx, mixing, (c) =>
    c.state.needsBaseline === true ? captureBaseline(c) : Promise.resolve(null),
  );

/**
 * The water baseline (§4.2) from stable EC and pH windows once the probes have stabilised;
 * unusable windows are retried, then the preparation fails closed (`water_baseline_invalid`).
 */
async function captureBaseline(ctx: StageContext): Promise<StepResult | null> {
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
  await ctx.rememberForZone({ water_ec: water.ec, water_ph: water.ph, water_baseline_at: ctx.now });
  await ctx.event('WATER_BASELINE_CAPTURED', {
    water_ec: water.ec,
    water_ph: water.ph,
    source: 'single_tank_mix',
  });
  delete ctx.state.needsBaseline;
  delete ctx.state.baselineTries;
  delete ctx.state.filled;
  return null;
}

export const SINGLE_TANK_MIX_STAGES: Record<string, StageHandler> = {
  mix_start: mixStartStage,
  mix_check: mixCheck,
};
