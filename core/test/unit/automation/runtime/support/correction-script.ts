import type {
  CorrectionOutcome,
  CorrectionStage,
} from '../../../../../src/automation/runtime/correction/correction-types.js';

/**
 * A scripted stand-in for the correction runner (its own tests cover it): the tank workflow
 * tests decide what each correction tick answers, per correction stage. Unscripted ticks keep
 * going (`continue` with a 2 s wait), as a correction that has not reached its target yet.
 *
 *   vi.mock('…/correction/runner.js', async () =>
 *     (await import('./support/correction-script.js')).correction.module(),
 *   );
 *   import { correction } from './support/correction-script.js';
 */
export class CorrectionScript {
  readonly calls: CorrectionStage[] = [];
  private readonly queues = new Map<CorrectionStage, CorrectionOutcome[]>();

  next(stage: CorrectionStage, ...outcomes: CorrectionOutcome[]): void {
    this.queues.set(stage, [...(this.queues.get(stage) ?? []), ...outcomes]);
  }

  reset(): void {
    this.calls.length = 0;
    this.queues.clear();
  }

  tick(stage: CorrectionStage): CorrectionOutcome {
    this.calls.push(stage);
    return (
      this.queues.get(stage)?.shift() ?? {
        kind: 'continue',
        result: { kind: 'wait', delayMs: 2_000 },
      }
    );
  }

  module() {
    return {
      correctionTick: (_ctx: unknown, stage: CorrectionStage) => Promise.resolve(this.tick(stage)),
      resetCorrection: (state: Record<string, unknown>) => {
        delete state.corr;
      },
    };
  }
}

/** The one script the mocked runner module and the test share. */
export const correction = new CorrectionScript();
