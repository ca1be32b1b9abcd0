import type { BindingView } from '@contracts/bindings.js';
import type { CycleView } from '@contracts/cycles.js';
import type { RevisionDetail } from '@contracts/recipes.js';
import type { ZoneView } from '@contracts/zones.js';

/**
 * Whether a grow cycle can start, worked out from what the core already exposes (it has no
 * readiness endpoint): blockers are the checks the core would refuse the start with (409/422),
 * warnings are what would leave automation unable to hold the recipe's targets.
 */
export interface Notice {
  key: string;
  params?: Record<string, string | number>;
}

export interface Readiness {
  blockers: Notice[];
  warnings: Notice[];
}

export interface ReadinessInput {
  zone: ZoneView | null;
  /** The zone's PLANNED, RUNNING or PAUSED cycle. */
  activeCycle: CycleView | null;
  publishedCount: number;
  revision: RevisionDetail | null;
  /** The zone's channel role bindings; null while they load. */
  bindings: BindingView[] | null;
}

/** What pH and EC correction needs bound before it can run. */
const CORRECTION_ROLES = ['ph_sensor', 'ec_sensor', 'pump_acid', 'pump_base'] as const;

export function zoneBlockers({ zone, activeCycle }: ReadinessInput): Notice[] {
  if (!zone) return [{ key: 'cycles.blocker.noZone' }];
  if (activeCycle)
    return [{ key: 'cycles.blocker.activeCycle', params: { status: activeCycle.status } }];
  return [];
}

export function recipeBlockers({ zone, publishedCount, revision }: ReadinessInput): Notice[] {
  if (publishedCount === 0) return [{ key: 'cycles.blocker.noPublished' }];
  if (!revision) return [{ key: 'cycles.blocker.noRevision' }];
  // A two-tank zone doses all four nutrient lines by ratio (the core refuses it otherwise).
  const missing = revision.phases.filter((p) => p.nutrient_npk_ratio_pct === null);
  if (zone?.topology === 'two_tank' && missing.length > 0)
    return [
      {
        key: 'cycles.blocker.ratiosMissing',
        params: { phases: missing.map((p) => p.name).join(', ') },
      },
    ];
  return [];
}

export function readinessOf(input: ReadinessInput): Readiness {
  const blockers = [...zoneBlockers(input), ...recipeBlockers(input)];
  const warnings: Notice[] = [];
  if (input.bindings) {
    const bound = new Set(input.bindings.map((b) => b.role));
    const unbound = CORRECTION_ROLES.filter((role) => !bound.has(role));
    if (unbound.length > 0)
      warnings.push({ key: 'cycles.warning.unbound', params: { roles: unbound.join(', ') } });
  }
  return { blockers, warnings };
}
