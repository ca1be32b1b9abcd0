import type { NutrientComponent } from '../../../contracts/catalog.js';
import type { EffectiveTargets } from '../../../contracts/zones.js';
import type { Metric } from '../../correction/config.js';
import { RECIRC_PIPELINE, ecStepTargets } from '../../correction/pipeline.js';
import type { StageContext } from '../workflow.js';
import type { CorrControllers } from './corr-state.js';
import type { CorrectionOutcome, CorrectionStage } from './correction-types.js';

/**
 * What the stage corrects now and towards which target (reference-domain §4.1, §4.2): the fill
 * brings calcium to `T_ca`, recirculation walks the pipeline, irrigation holds pH. Targets come
 * only from the phase snapshot (§3.4); anything missing fails closed (§11.11).
 */

export interface Goal {
  metric: Metric;
  target: number;
  /** EC goals: the component dosed. */
  component: NutrientComponent | null;
  /** Recirculation: the pipeline step's name. */
  pipelineStep: string | null;
}

export type GoalResult =
  | { kind: 'goal'; goal: Goal }
  /** Nothing left to correct (the pipeline is through). */
  | { kind: 'done' }
  | { kind: 'fail'; outcome: Extract<CorrectionOutcome, { kind: 'fail' }> };

export function targetsMissing(what: string): GoalResult {
  return {
    kind: 'fail',
    outcome: {
      kind: 'fail',
      code: 'zone_recipe_phase_targets_missing',
      alert: {
        code: 'biz_zone_recipe_phase_targets_missing',
        severity: 'critical',
        message: `The current recipe phase has no ${what} target: correction cannot run`,
        details: { missing: what },
      },
    },
  };
}

export async function goalOf(
  ctx: StageContext,
  stage: CorrectionStage,
  controllers: CorrControllers,
): Promise<GoalResult> {
  if (stage === 'irrigation') return phGoal(ctx.targets, null);
  if (stage === 'solution_fill') return ecGoal(ctx, 'calcium', 'ca', null);
  const step = RECIRC_PIPELINE[controllers.pipe];
  if (!step) return { kind: 'done' };
  if (step.metric === 'ph' || !step.component || !step.target)
    return phGoal(ctx.targets, step.name);
  return ecGoal(ctx, step.component, step.target, step.name);
}

function phGoal(targets: EffectiveTargets, pipelineStep: string | null): GoalResult {
  if (!targets.ph) return targetsMissing('pH');
  return {
    kind: 'goal',
    goal: { metric: 'ph', target: targets.ph.target, component: null, pipelineStep },
  };
}

/** The cumulative EC target of `component` from the water baseline (§4.2). */
async function ecGoal(
  ctx: StageContext,
  component: NutrientComponent,
  targetKey: 'ca' | 'caMg' | 'caMgNpk' | 'full',
  pipelineStep: string | null,
): Promise<GoalResult> {
  const { ec, nutrition } = ctx.targets;
  if (!ec) return targetsMissing('EC');
  if (!nutrition) return targetsMissing('nutrient ratio');
  const memory = await ctx.zoneMemory();
  const waterEc = memory.water_ec;
  if (typeof waterEc !== 'number') {
    return {
      kind: 'fail',
      outcome: { kind: 'fail', code: 'water_baseline_missing' },
    };
  }
  const r = nutrition.ratios_pct;
  const steps = ecStepTargets(ec.target, waterEc, {
    calcium: r.calcium ?? 0,
    magnesium: r.magnesium ?? 0,
    npk: r.npk ?? 0,
    micro: r.micro ?? 0,
  });
  // A tank that already held solution at or above the recipe's EC has no budget to split:
  // every EC step is the recipe's EC (only pH and, on overshoot, dilution are left to do).
  if (!steps && memory.water_baseline_source === 'solution_tank' && waterEc >= ec.target)
    return { kind: 'goal', goal: { metric: 'ec', target: ec.target, component, pipelineStep } };
  if (!steps) {
    return {
      kind: 'fail',
      outcome: {
        kind: 'fail',
        code: 'correction_ec_budget_not_positive',
        alert: {
          code: 'biz_zone_correction_config_missing',
          severity: 'critical',
          message: `EC budget is not positive (target ${ec.target}, water ${waterEc}) or the nutrient ratios are empty`,
          details: { target_ec: ec.target, water_ec: waterEc },
        },
      },
    };
  }
  return {
    kind: 'goal',
    goal: { metric: 'ec', target: steps[targetKey], component, pipelineStep },
  };
}
