import {
  createRouter,
  createWebHistory,
  type RouteComponent,
  type RouteRecordRaw,
} from 'vue-router';
import { NAV_ENTRIES, type PageKey } from './navigation.js';

declare module 'vue-router' {
  interface RouteMeta {
    /** Which page this is; null for the not-found page. Drives the title and the menu. */
    page: PageKey | null;
  }
}

// Pages that are not built yet share one honest placeholder; each gets its own component here
// when it lands.
const BUILT_PAGES: Partial<Record<PageKey, () => Promise<RouteComponent>>> = {
  system: () => import('./views/SystemView.vue'),
};

const routes: RouteRecordRaw[] = [
  ...NAV_ENTRIES.map(({ page, path }): RouteRecordRaw => {
    const built = BUILT_PAGES[page];
    if (built) return { path, name: page, component: built, meta: { page } };
    const upcoming = () => import('./views/UpcomingView.vue');
    return { path, name: page, component: upcoming, props: { page }, meta: { page } };
  }),
  {
    path: '/:unknown(.*)*',
    name: 'notFound',
    component: () => import('./views/NotFoundView.vue'),
    meta: { page: null },
  },
];

export function createAppRouter() {
  return createRouter({ history: createWebHistory(), routes });
}
