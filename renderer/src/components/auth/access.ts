import { computed, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { CAPABILITIES, type Capability } from '@contracts/capabilities.js';
import { useSessionStore } from '@/stores/session';

/** Roles holding a capability, admin first (admin holds every one). */
export function rolesWith(capability: Capability): string[] {
  return ['admin', ...CAPABILITIES[capability]];
}

/**
 * Why the signed-in role may not do this, in the UI language, or null when it may. Buttons stay
 * visible but disabled, with this as their tooltip, so a viewer learns whom to ask.
 */
export function useDeniedReason(capability: () => Capability): ComputedRef<string | null> {
  const { t } = useI18n();
  const session = useSessionStore();
  return computed(() => {
    const wanted = capability();
    if (session.can(wanted)) return null;
    const role = session.principal?.role;
    return t('access.denied', {
      role: role ? t(`roles.${role}`) : t('access.noRole'),
      action: t(`access.action.${wanted}`),
      roles: rolesWith(wanted)
        .map((r) => t(`roles.${r}`))
        .join(', '),
    });
  });
}
