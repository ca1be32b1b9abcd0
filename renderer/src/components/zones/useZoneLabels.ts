import { useI18n } from 'vue-i18n';

/** "LEVEL_SWITCH_CHANGED" → "Level switch changed": for codes the UI has no words for yet. */
export function humanizeCode(code: string): string {
  const words = code.replaceAll('_', ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Words for values automation and the timeline write as codes. Codes added to the core later
 * read humanized until the UI translates them.
 */
export function useZoneLabels() {
  const i18n = useI18n();
  const known = (key: string, fallback: string) => (i18n.te(key) ? i18n.t(key) : fallback);
  return {
    workflow: (phase: string) => known(`zones.workflowPhase.${phase}`, humanizeCode(phase)),
    eventType: (type: string) => known(`zoneEvents.type.${type}`, humanizeCode(type)),
    role: (role: string) => known(`zones.role.${role}`, role),
  };
}
