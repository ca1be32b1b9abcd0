import {
  createRouter,
  createWebHistory,
  type RouteComponent,
  type RouteRecordRaw,
} from 'vue-router';
import { installAuthGuard } from './composables/auth-guard.js';
import { NAV_ENTRIES, type PageKey } from './navigation.js';

declare module 'vue-router' {
  interface RouteMeta {
    /** Which page this is; null for the not-found page. Drives the title and the menu. */
    page: PageKey | null;
    /** Sign-in and first-run pages: shown without the app shell, to visitors not signed in. */
    signIn?: boolean;
    /** Message key of the window title, for pages outside the menu. */
    titleKey?: string;
  }
}

// Pages that are not built yet share one honest placeholder; each gets its own component here
// when it lands.
const BUILT_PAGES: Partial<Record<PageKey, () => Promise<RouteComponent>>> = {
  dashboard: () => import('./views/DashboardView.vue'),
  zones: () => import('./views/ZonesView.vue'),
  system: () => import('./views/SystemView.vue'),
  nodes: () => import('./views/NodesView.vue'),
  recipes: () => import('./views/RecipesView.vue'),
  alerts: () => import('./views/AlertsView.vue'),
  history: () => import('./views/HistoryView.vue'),
  settings: () => import('./views/SettingsView.vue'),
};

const routes: RouteRecordRaw[] = [
  ...NAV_ENTRIES.map(({ page, path }): RouteRecordRaw => {
    const built = BUILT_PAGES[page];
    if (built) return { path, name: page, component: built, meta: { page } };
    const upcoming = () => import('./views/UpcomingView.vue');
    return { path, name: page, component: upcoming, props: { page }, meta: { page } };
  }),
  {
    path: '/nodes/:id(\\d+)',
    name: 'node',
    component: () => import('./views/NodeDetailView.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { page: 'nodes' },
  },
  {
    path: '/recipes/:id(\\d+)',
    name: 'recipe',
    component: () => import('./views/RecipeEditorView.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { page: 'recipes' },
  },
  {
    path: '/zones/:id(\\d+)',
    name: 'zone',
    component: () => import('./views/ZoneView.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { page: 'zones' },
  },
  {
    path: '/onboarding',
    name: 'onboarding',
    component: () => import('./views/OnboardingView.vue'),
    meta: { page: 'dashboard', titleKey: 'onboarding.title' },
  },
  {
    path: '/login',
    name: 'login',
    component: () => import('./views/LoginView.vue'),
    meta: { page: null, signIn: true, titleKey: 'auth.login.title' },
  },
  {
    path: '/setup',
    name: 'setup',
    component: () => import('./views/SetupView.vue'),
    meta: { page: null, signIn: true, titleKey: 'auth.setup.title' },
  },
  {
    path: '/:unknown(.*)*',
    name: 'notFound',
    component: () => import('./views/NotFoundView.vue'),
    meta: { page: null },
  },
];

export function createAppRouter() {
  const router = createRouter({ history: createWebHistory(), routes });
  installAuthGuard(router);
  return router;
}
