import { DILUTE_DEFAULTS } from '../../correction/config.js';
import { off } from '../plans.js';
import type { StageContext } from '../workflow.js';
import type { CorrWindow } from './corr-state.js';
import type { CorrectionOutcome } from './correction-types.js';
import { runPlan, waitFor } from './outcomes.js';

/** How often an open dilution valve looks at `level_solution_max`. */
export const DILUTE_POLL_MS = 1_000;

/**
 * Dilute-on-overshoot (reference-domain §4.9): `valve_clean_supply` open for the pulse, closed,
 * then the tank settles before the same pipeline step is checked again. The pulse ends early when
 * the solution tank reports full (or its switch goes stale): adding water must never overflow it.
 * Null: the dilution is over, go on to `corr_check`.
 */
export async function stepDilution(
  ctx: StageContext,
  window: CorrWindow,
): Promise<CorrectionOutcome | null> {
  switch (window.step) {
    case 'dilute_opening':
      window.until = ctx.now + DILUTE_DEFAULTS.pulseSec * 1000;
      window.step = 'dilute_pulse';
      return waitFor(ctx, Math.min(DILUTE_POLL_MS, window.until - ctx.now));
    case 'dilute_pulse': {
      const until = window.until ?? ctx.now;
      const max = await ctx.io.level('level_solution_max');
      if (ctx.now < until && max.triggered === false)
        return waitFor(ctx, Math.min(DILUTE_POLL_MS, until - ctx.now));
      window.step = 'dilute_closing';
      return runPlan(
        ctx,
        'recirc_dilute_stop',
        [off('valve_clean_supply')],
        'recirc_dilute_failed',
      );
    }
    case 'dilute_closing':
      window.until = ctx.now + DILUTE_DEFAULTS.settleSec * 1000;
      window.step = 'dilute_settle';
      return waitFor(ctx, window.until - ctx.now);
    case 'dilute_settle':
      if (window.until !== null && ctx.now < window.until)
        return waitFor(ctx, window.until - ctx.now);
      window.dilutions++;
      window.until = null;
      window.step = 'check';
      await ctx.event('RECIRC_DILUTE_COMPLETED', { attempt: window.dilutions });
      return null;
    case 'activate':
    case 'activating':
    case 'stabilize':
    case 'check':
    case 'dosing':
    case 'hold':
      return null;
  }
}
