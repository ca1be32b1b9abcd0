import { sensorModeSteps } from '../correction/probes.js';
import type { StageContext, StageHandler, StepResult } from '../workflow.js';
import { RECIRC_WINDOW_MS, STARTUP_HOLD_MS } from './tank-config.js';
import { MIX_STOP, mixStart } from './tank-plans.js';
import { circulate, openWindow, type Circulation } from './tank-recirculation.js';
import { captureBaseline } from './tank-baseline.js';

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
    c.state.needsBaseline === true ? captureBaseline(c, 'single_tank_mix') : Promise.resolve(null),
  );

export const SINGLE_TANK_MIX_STAGES: Record<string, StageHandler> = {
  mix_start: mixStartStage,
  mix_check: mixCheck,
};
