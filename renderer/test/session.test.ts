import { createPinia, setActivePinia } from 'pinia';
import { z } from 'zod';
import { defineComponent } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../core/src/contracts/auth.js';
import { capabilitiesOf } from '../../core/src/contracts/capabilities.js';
import {
  createFirstAdmin,
  fetchNeedsAdmin,
  fetchSession,
  signIn,
  signOut,
} from '../src/api/auth.js';
import { getData } from '../src/api/http.js';
import { installAuthGuard, returnTarget } from '../src/composables/auth-guard.js';
import { useSessionStore } from '../src/stores/session.js';

vi.mock('../src/api/auth.js', () => ({
  fetchSession: vi.fn(),
  fetchNeedsAdmin: vi.fn(),
  createFirstAdmin: vi.fn(),
  signIn: vi.fn(),
  signOut: vi.fn(),
}));

const me = (role: Me['role'], via: Me['via'] = 'session'): Me => ({
  name: 'Ann',
  role,
  via,
  user_id: via === 'session' ? 7 : null,
  user: via === 'session' ? { id: 7, name: 'Ann', email: 'ann@farm.test', role } : null,
  capabilities: capabilitiesOf(role),
});

const Page = defineComponent({ render: () => null });

function appRouter(): Router {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'dashboard', component: Page, meta: { page: 'dashboard' } },
      { path: '/nodes', name: 'nodes', component: Page, meta: { page: 'nodes' } },
      { path: '/login', name: 'login', component: Page, meta: { page: null, signIn: true } },
      { path: '/setup', name: 'setup', component: Page, meta: { page: null, signIn: true } },
    ],
  });
  installAuthGuard(router);
  return router;
}

beforeEach(() => {
  setActivePinia(createPinia());
  vi.resetAllMocks();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('useSessionStore', () => {
  it('knows what the role may do, from the capabilities the core sent', async () => {
    vi.mocked(fetchSession).mockResolvedValue(me('viewer'));
    const session = useSessionStore();
    await session.load();
    expect(session.state).toBe('signed-in');
    expect(session.principal).toEqual({ name: 'Ann', role: 'viewer', via: 'session', user_id: 7 });
    expect(session.can('view')).toBe(true);
    expect(session.can('commands.send')).toBe(false);
  });

  it('ignores capability names this UI does not know', async () => {
    vi.mocked(fetchSession).mockResolvedValue({
      ...me('operator'),
      capabilities: ['view', 'future.thing'],
    });
    const session = useSessionStore();
    await session.load();
    expect(session.capabilities).toEqual(['view']);
  });

  it('signs in and out', async () => {
    vi.mocked(fetchSession).mockResolvedValueOnce(null).mockResolvedValueOnce(me('admin'));
    const session = useSessionStore();
    await session.load();
    expect(session.state).toBe('signed-out');
    await session.login('ann@farm.test', 'secret-password');
    expect(signIn).toHaveBeenCalledWith({ email: 'ann@farm.test', password: 'secret-password' });
    expect(session.can('system.admin')).toBe(true);
    await session.logout();
    expect(signOut).toHaveBeenCalled();
    expect(session.state).toBe('signed-out');
    expect(session.can('view')).toBe(false);
  });

  it('creates the first administrator and is signed in as them', async () => {
    vi.mocked(fetchSession).mockResolvedValue(me('admin'));
    const session = useSessionStore();
    await session.createAdmin({ email: 'ann@farm.test', name: 'Ann', password: 'long-enough' });
    expect(createFirstAdmin).toHaveBeenCalledWith({
      email: 'ann@farm.test',
      name: 'Ann',
      password: 'long-enough',
    });
    expect(session.needsAdmin).toBe(false);
    expect(session.state).toBe('signed-in');
  });

  it('stays unknown while the core cannot be reached', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.mocked(fetchSession).mockRejectedValue(new Error('offline'));
    const session = useSessionStore();
    await session.load();
    expect(session.state).toBe('unknown');
    warn.mockRestore();
  });

  it('ends the session when any API call answers 401', async () => {
    vi.mocked(fetchSession).mockResolvedValue(me('operator'));
    const session = useSessionStore();
    await session.load();
    vi.stubGlobal('fetch', () =>
      Promise.resolve(
        new Response(JSON.stringify({ status: 'error', code: 'unauthenticated', message: 'no' }), {
          status: 401,
        }),
      ),
    );
    await expect(getData('/api/nodes', z.unknown())).rejects.toThrow();
    expect(session.state).toBe('signed-out');
  });
});

describe('auth guard', () => {
  it('lets a signed-in browser through and sends it back from the sign-in page', async () => {
    vi.mocked(fetchSession).mockResolvedValue(me('operator'));
    const router = appRouter();
    await router.push('/nodes');
    expect(router.currentRoute.value.fullPath).toBe('/nodes');
    await router.push('/login?redirect=/nodes');
    expect(router.currentRoute.value.fullPath).toBe('/nodes');
  });

  it('sends a visitor to sign in, and back where they were going afterwards', async () => {
    vi.mocked(fetchSession).mockResolvedValue(null);
    vi.mocked(fetchNeedsAdmin).mockResolvedValue(false);
    const router = appRouter();
    await router.push('/nodes');
    expect(router.currentRoute.value.fullPath).toBe('/login?redirect=/nodes');
    // First-run setup is closed once an account exists.
    await router.push('/setup');
    expect(router.currentRoute.value.name).toBe('login');
  });

  it('sends the first visitor of a new controller to create the administrator', async () => {
    vi.mocked(fetchSession).mockResolvedValue(null);
    vi.mocked(fetchNeedsAdmin).mockResolvedValue(true);
    const router = appRouter();
    await router.push('/');
    expect(router.currentRoute.value.fullPath).toBe('/setup?redirect=/');
    await router.push('/login');
    expect(router.currentRoute.value.name).toBe('setup');
  });

  it('does not bounce to sign-in while the core is unreachable', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.mocked(fetchSession).mockRejectedValue(new Error('offline'));
    const router = appRouter();
    await router.push('/nodes');
    expect(router.currentRoute.value.fullPath).toBe('/nodes');
    warn.mockRestore();
  });

  it('goes to sign-in from the page where the session ended', async () => {
    vi.mocked(fetchSession).mockResolvedValue(me('admin'));
    vi.mocked(fetchNeedsAdmin).mockResolvedValue(false);
    const router = appRouter();
    await router.push('/nodes');
    await useSessionStore().logout();
    await vi.waitFor(() =>
      expect(router.currentRoute.value.fullPath).toBe('/login?redirect=/nodes'),
    );
  });

  it('returns only to paths of this app', () => {
    const at = (redirect: unknown) =>
      returnTarget({ query: { redirect } } as unknown as Parameters<typeof returnTarget>[0]);
    expect(at('/history?range=7d')).toBe('/history?range=7d');
    expect(at('//evil.example/')).toBe('/');
    expect(at('https://evil.example/')).toBe('/');
    expect(at(undefined)).toBe('/');
  });
});
