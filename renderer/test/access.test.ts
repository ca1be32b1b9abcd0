// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { defineComponent, h } from 'vue';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../core/src/contracts/auth.js';
import { capabilitiesOf, type Capability } from '../../core/src/contracts/capabilities.js';
import { fetchSession } from '../src/api/auth.js';
import { rolesWith, useDeniedReason } from '../src/components/auth/access.js';
import { createAppI18n } from '../src/i18n/index.js';
import { useSessionStore } from '../src/stores/session.js';

vi.mock('../src/api/auth.js', () => ({ fetchSession: vi.fn() }));

const viewer: Me = {
  name: 'Vera',
  role: 'viewer',
  via: 'session',
  user_id: 2,
  user: { id: 2, name: 'Vera', email: 'vera@farm.test', role: 'viewer' },
  capabilities: capabilitiesOf('viewer'),
};

async function signedInAs(me: Me) {
  const pinia = createPinia();
  setActivePinia(pinia);
  vi.mocked(fetchSession).mockResolvedValue(me);
  await useSessionStore().load();
  return pinia;
}

function reasonFor(
  capability: Capability,
  pinia: ReturnType<typeof createPinia>,
  locale: 'en' | 'ru',
) {
  let reason: string | null = null;
  const Probe = defineComponent({
    setup() {
      const denied = useDeniedReason(() => capability);
      return () => {
        reason = denied.value;
        return h('span');
      };
    },
  });
  mount(Probe, { global: { plugins: [pinia, createAppI18n(locale)] } });
  return reason;
}

beforeEach(() => {
  vi.resetAllMocks();
});

describe('denied actions', () => {
  it('says why the role may not, and who may, in the UI language', async () => {
    const pinia = await signedInAs(viewer);
    expect(reasonFor('commands.send', pinia, 'en')).toBe(
      'Your role (Viewer) may not send commands to nodes. Roles that may: Administrator, Operator, Agronomist, Engineer.',
    );
    expect(reasonFor('system.admin', pinia, 'ru')).toBe(
      'Ваша роль (Наблюдатель) не позволяет управлять пользователями, резервными копиями и настройками контроллера. Это могут роли: Администратор.',
    );
    expect(reasonFor('view', pinia, 'en')).toBeNull();
  });

  it('lists admin first among the roles holding a capability', () => {
    expect(rolesWith('devices.configure')).toEqual(['admin', 'engineer']);
  });
});
