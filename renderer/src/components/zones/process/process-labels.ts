import { useI18n } from 'vue-i18n';
import { humanizeCode } from '../useZoneLabels';

/**
 * Words for the zone runtime's codes: task kinds, stages, operator steps, outcomes and schedule
 * reasons. A code the UI has no words for yet reads humanized ("solution_fill_check" →
 * "Solution fill check") rather than as a missing key.
 */
export function useProcessLabels() {
  const i18n = useI18n();
  const known = (key: string, code: string) => (i18n.te(key) ? i18n.t(key) : humanizeCode(code));
  return {
    kind: (kind: string) => known(`automation.taskKind.${kind}`, kind),
    stage: (stage: string) => known(`automation.stage.${stage}`, stage),
    step: (step: string) => known(`automation.step.${step}`, step),
    // Failure codes may carry a cause after a colon (`flow_stop_unconfirmed:node_offline`).
    outcome: (outcome: string | null) =>
      outcome === null ? '' : known(`automation.outcome.${outcome.split(':')[0]}`, outcome),
    plan: (name: string) =>
      i18n.te(`automation.step.${name}`) ? i18n.t(`automation.step.${name}`) : humanizeCode(name),
  };
}

/** Stop steps are offered in every mode and shown as the warning they are. */
export const isStopStep = (step: string) =>
  step.endsWith('_stop') || step === 'solution_change_abort';
