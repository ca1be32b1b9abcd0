import type { TableUsage } from '@/api/storage';

export const STORAGE_GROUPS = [
  'readings',
  'devices',
  'alerts',
  'farm',
  'accounts',
  'internal',
] as const;
export type StorageGroup = (typeof STORAGE_GROUPS)[number];

export interface GroupUsage {
  group: StorageGroup;
  bytes: number;
  tables: TableUsage[];
}

// A grower asks "what fills the disk?", not which of thirty tables does: tables are grouped by
// what they hold. Tables this UI does not know yet count as farm records.
const RULES: readonly [StorageGroup, RegExp][] = [
  ['readings', /^telemetry_/],
  ['devices', /^(node_|nodes$|commands$)/],
  ['alerts', /^(alert|event)/],
  ['accounts', /^(users|sessions|api_tokens|audit_log)$/],
  ['internal', /^(sqlite_|meta$|schema_migrations$|settings$)/],
];

export function groupOf(table: string): StorageGroup {
  return RULES.find(([, pattern]) => pattern.test(table))?.[0] ?? 'farm';
}

/** Usage per group, largest first; empty groups are left out. */
export function groupUsage(tables: readonly TableUsage[]): GroupUsage[] {
  const groups = new Map<StorageGroup, GroupUsage>();
  for (const row of tables) {
    const group = groupOf(row.table);
    const entry = groups.get(group) ?? { group, bytes: 0, tables: [] };
    entry.bytes += row.bytes;
    entry.tables.push(row);
    groups.set(group, entry);
  }
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes);
}
