import type { NodeView } from '@contracts/devices.js';
import type { RecipeView } from '@contracts/recipes.js';
import type { ZoneView } from '@contracts/zones.js';

/** One place the palette can jump to. */
export interface PaletteItem {
  kind: 'zone' | 'node' | 'recipe';
  id: number;
  label: string;
  /** Also matched: a node's uid and hardware id, a zone's uid. */
  aliases: string[];
  path: string;
}

export function paletteItems(
  zones: readonly ZoneView[],
  nodes: readonly NodeView[],
  recipes: readonly RecipeView[],
): PaletteItem[] {
  return [
    ...zones.map((z) => ({
      kind: 'zone' as const,
      id: z.id,
      label: z.name,
      aliases: [z.uid],
      path: `/zones/${z.id}`,
    })),
    ...nodes.map((n) => ({
      kind: 'node' as const,
      id: n.id,
      label: n.name ?? n.uid,
      aliases: [n.uid, n.hardware_id],
      path: `/nodes/${n.id}`,
    })),
    ...recipes.map((r) => ({
      kind: 'recipe' as const,
      id: r.id,
      label: r.name,
      aliases: [],
      path: `/recipes/${r.id}`,
    })),
  ];
}

/**
 * Items matching every word of the query, best first: a label starting with the query, then a
 * word of the label starting with it, then anything containing it.
 */
export function searchPalette(items: readonly PaletteItem[], query: string, limit = 12) {
  const q = query.trim().toLowerCase();
  if (q === '') return items.slice(0, limit);
  const words = q.split(/\s+/);
  const scored = items
    .map((item) => {
      const label = item.label.toLowerCase();
      const haystack = [label, ...item.aliases.map((a) => a.toLowerCase())].join(' ');
      if (!words.every((w) => haystack.includes(w))) return null;
      const score = label.startsWith(q)
        ? 0
        : label.split(/\s+/).some((w) => w.startsWith(q))
          ? 1
          : 2;
      return { item, score };
    })
    .filter((s): s is { item: PaletteItem; score: number } => s !== null);
  scored.sort((a, b) => a.score - b.score || a.item.label.localeCompare(b.item.label));
  return scored.slice(0, limit).map((s) => s.item);
}
