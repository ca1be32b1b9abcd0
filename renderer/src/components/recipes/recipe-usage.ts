import { ACTIVE_CYCLE_STATUSES, type CycleView } from '@contracts/cycles.js';
import type { RecipeView, RevisionView } from '@contracts/recipes.js';

/** Which running (or planned, or paused) grow cycles use a recipe, and in which zones. */
export interface RecipeUsage {
  cycles: CycleView[];
  zoneIds: number[];
}

const active = (c: CycleView) => (ACTIVE_CYCLE_STATUSES as readonly string[]).includes(c.status);

export function usageOf(recipe: RecipeView, cycles: readonly CycleView[]): RecipeUsage {
  const revisions = new Set(recipe.revisions.map((r) => r.id));
  const using = cycles.filter((c) => active(c) && revisions.has(c.recipe_revision_id));
  return { cycles: using, zoneIds: [...new Set(using.map((c) => c.zone_id))] };
}

/** The revision a list shows for the recipe: the newest published one, else the newest. */
export function currentRevision(recipe: RecipeView): RevisionView | null {
  const newestFirst = [...recipe.revisions].sort((a, b) => b.revision_number - a.revision_number);
  return newestFirst.find((r) => r.status === 'PUBLISHED') ?? newestFirst[0] ?? null;
}

export const REVISION_TONES = { DRAFT: 'info', PUBLISHED: 'success', ARCHIVED: 'neutral' } as const;

/** Names typed by growers end up in chart tooltips, which ECharts renders as HTML. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
