import { resetController } from '../../correction/dose.js';
import { RECIRC_PIPELINE } from '../../correction/pipeline.js';
import type { StageContext } from '../workflow.js';
import type { CorrControllers, CorrWindow } from './corr-state.js';
import type { CorrectionOutcome, CorrectionStage } from './correction-types.js';

/**
 * The goal of the moment is reached (reference-domain §4.2, §4.5): the fill and irrigation are
 * done; recirculation moves to the next pipeline step (`PIPELINE_STEP_CHANGED`), resetting the EC
 * controller when the next step doses another component (`PID_EC_RESET`), and is done after the
 * final pH gate.
 */
export async function goalReached(
  ctx: StageContext,
  stage: CorrectionStage,
  window: CorrWindow,
  controllers: CorrControllers,
): Promise<CorrectionOutcome> {
  if (stage !== 'tank_recirc') return { kind: 'done' };
  const from = RECIRC_PIPELINE[controllers.pipe];
  controllers.pipe++;
  window.dilutions = 0;
  window.lastDosed = null;
  const to = RECIRC_PIPELINE[controllers.pipe];
  await ctx.event('PIPELINE_STEP_CHANGED', { from: from?.name ?? null, to: to?.name ?? 'done' });
  if (!to) return { kind: 'done' };
  const previousEc = RECIRC_PIPELINE.slice(0, controllers.pipe)
    .reverse()
    .find((step) => step.metric === 'ec');
  if (to.metric === 'ec' && previousEc && previousEc.component !== to.component) {
    controllers.ec = resetController(controllers.ec, ctx.now);
    await ctx.event('PID_EC_RESET', { from: previousEc.component, to: to.component });
  }
  // The next step is checked right away: a step already inside its band passes at once.
  return { kind: 'continue', result: { kind: 'wait', delayMs: 0 } };
}
