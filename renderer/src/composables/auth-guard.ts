import { watch } from 'vue';
import type { RouteLocationNormalized, RouteLocationRaw, Router } from 'vue-router';
import { useSessionStore } from '../stores/session.js';

/** Where to go after signing in: the page the visitor asked for, if it is one of ours. */
export function returnTarget(route: RouteLocationNormalized): string {
  const target = route.query.redirect;
  // Only app paths: an absolute or protocol-relative URL here would be an open redirect.
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//')
    ? target
    : '/';
}

/**
 * Sends a browser that is not signed in to the sign-in page (or to first-run setup while the
 * controller has no account) and back to where it was going afterwards. The desktop window is
 * already signed in by its cookie and never sees these pages. While the core cannot be reached
 * the session stays unknown and pages show that instead of a sign-in form.
 */
export function installAuthGuard(router: Router): void {
  router.beforeEach(async (to): Promise<RouteLocationRaw | true> => {
    const session = useSessionStore();
    await session.ensureLoaded();
    const signedOut = session.state === 'signed-out';
    if (to.meta.signIn) {
      if (session.state === 'signed-in') return returnTarget(to);
      if (!signedOut) return true;
      const needsAdmin = await checkSetup(session);
      if (needsAdmin === null) return true;
      const wanted = needsAdmin ? 'setup' : 'login';
      return to.name === wanted ? true : { name: wanted, query: to.query };
    }
    if (!signedOut) return true;
    const needsAdmin = await checkSetup(session);
    return { name: needsAdmin ? 'setup' : 'login', query: { redirect: to.fullPath } };
  });

  // Signed out while on a page (sign-out, an expired session): go to sign-in from there.
  const session = useSessionStore();
  watch(
    () => session.state,
    (state) => {
      const current = router.currentRoute.value;
      if (state === 'signed-out' && current.matched.length > 0 && !current.meta.signIn) {
        void router.replace({ name: 'login', query: { redirect: current.fullPath } });
      }
    },
  );
}

async function checkSetup(session: ReturnType<typeof useSessionStore>): Promise<boolean | null> {
  try {
    return await session.checkSetup();
  } catch {
    // The status route cannot be reached: sign-in is the safe default.
    return session.needsAdmin;
  }
}
