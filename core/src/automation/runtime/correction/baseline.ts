import type { Metric } from '../../correction/config.js';
import type { WindowResult } from '../../correction/decision-window.js';
import type { StageContext } from '../workflow.js';
import type { CorrWindow } from './corr-state.js';
import type { CorrectionOutcome } from './correction-types.js';
import { retryLater } from './outcomes.js';
import { measure, windowSkipPayload } from './probes.js';

/**
 * The water baseline (reference-domain §4.2): on the first pass of a solution fill's correction,
 * clean water flows past the probes; a stable EC and pH window of it becomes `water_ec` /
 * `water_ph` in zone memory, the zero of every cumulative EC target until the next fill.
 */

/** Window attempts before the baseline is declared invalid (§4.2: unstable or stale ⇒ fail). */
export const BASELINE_MAX_TRIES = 6;

/** Null once captured; otherwise what the stage returns now (retry or fail). */
export async function captureBaseline(
  ctx: StageContext,
  window: CorrWindow,
): Promise<CorrectionOutcome | null> {
  const ec = await measure(ctx.io, 'ec', ctx.now, window.activatedAt);
  if (!ec.ok) return retryOrFail(ctx, window, 'ec', ec);
  const ph = await measure(ctx.io, 'ph', ctx.now, window.activatedAt);
  if (!ph.ok) return retryOrFail(ctx, window, 'ph', ph);
  await ctx.rememberForZone({ water_ec: ec.value, water_ph: ph.value, water_baseline_at: ctx.now });
  await ctx.event('WATER_BASELINE_CAPTURED', {
    water_ec: ec.value,
    water_ph: ph.value,
    samples_ec: ec.samples,
    samples_ph: ph.samples,
  });
  window.baselineCaptured = true;
  return null;
}

async function retryOrFail(
  ctx: StageContext,
  window: CorrWindow,
  metric: Metric,
  failed: Extract<WindowResult, { ok: false }>,
): Promise<CorrectionOutcome> {
  window.baselineTries++;
  const payload = { ...windowSkipPayload(metric, failed), purpose: 'water_baseline' };
  if (window.baselineTries >= BASELINE_MAX_TRIES) {
    return {
      kind: 'fail',
      code: 'water_baseline_invalid',
      alert: {
        code: 'biz_water_baseline_invalid',
        severity: 'error',
        message: `No usable ${metric} window of the clean water after ${window.baselineTries} tries`,
        details: payload,
      },
    };
  }
  await ctx.event(failed.event, payload);
  return retryLater(ctx, window, failed.retryAt - ctx.now);
}
