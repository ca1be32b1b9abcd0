import { useI18n } from 'vue-i18n';
import type { NodeView } from '@contracts/devices.js';
import { useZonesStore } from '@/stores/zones';

/** Grower-readable names for a node, its type, lifecycle and zone (raw ids when unknown). */
export function useNodeLabels() {
  const i18n = useI18n();
  const { t } = i18n;
  const known = (key: string, fallback: string) => (i18n.te(key) ? t(key) : fallback);
  // Zone names once the zones are loaded; the zone's number until then.
  const zones = useZonesStore();
  const zoneName = (id: number) =>
    zones.zones.find((z) => z.id === id)?.name ?? t('nodes.zone', { id });
  return {
    title: (node: Pick<NodeView, 'name' | 'uid'>) => node.name ?? node.uid,
    type: (type: string) => known(`nodeTypes.${type}`, type),
    lifecycle: (state: string) => known(`lifecycle.${state}`, state),
    zone: (node: Pick<NodeView, 'zone_id' | 'pending_zone_id'>) => {
      if (node.pending_zone_id !== null)
        return t('nodes.zonePending', { zone: zoneName(node.pending_zone_id) });
      return node.zone_id === null ? t('nodes.unassignedZone') : zoneName(node.zone_id);
    },
    /** Units as the UI language writes them (мА, лк); unknown ones as the node sent them. */
    unit: (unit: string) => known(`units.${unit}`, unit),
    metric: (metric: string | null, channel: string) =>
      metric ? known(`metrics.${metric}`, metric) : channel,
  };
}
