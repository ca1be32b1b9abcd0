import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Me, Principal } from '@contracts/auth.js';
import { CAPABILITIES, type Capability } from '@contracts/capabilities.js';
import { createFirstAdmin, fetchNeedsAdmin, fetchSession, signIn, signOut } from '../api/auth.js';
import { setSessionLostHandler } from '../api/http.js';

/**
 * `unknown` until the core has answered once (or while it cannot be reached), so an unreachable
 * controller never bounces the user to the sign-in page.
 */
export type SessionState = 'unknown' | 'signed-in' | 'signed-out';

const isCapability = (name: string): name is Capability => Object.hasOwn(CAPABILITIES, name);

/** The signed-in principal and what its role may do (capabilities come from the core). */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  const state = ref<SessionState>('unknown');
  /** Whether the controller still has no account (first run); null until asked. */
  const needsAdmin = ref<boolean | null>(null);

  const principal = computed<Principal | null>(() => {
    if (!me.value) return null;
    const { name, role, via, user_id } = me.value;
    return { name, role, via, user_id };
  });
  const capabilities = computed<Capability[]>(() =>
    (me.value?.capabilities ?? []).filter(isCapability),
  );

  /** Whether the signed-in role may do this (the core enforces the same table). */
  function can(capability: Capability): boolean {
    return capabilities.value.includes(capability);
  }

  let inflight: Promise<void> | null = null;

  /** Fetches the principal; calls made while a fetch is running share it. */
  function load(): Promise<void> {
    inflight ??= fetchPrincipal().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  async function fetchPrincipal(): Promise<void> {
    try {
      take(await fetchSession());
    } catch (cause) {
      // Unreachable or confused core: keep what we knew; the System page reports reachability.
      console.warn('Could not load the current session', cause);
    }
  }

  function take(next: Me | null): void {
    me.value = next;
    state.value = next ? 'signed-in' : 'signed-out';
    if (next) needsAdmin.value = false;
  }

  /** Loads the session once; later navigations reuse the answer. */
  async function ensureLoaded(): Promise<void> {
    if (state.value === 'unknown') await load();
  }

  async function checkSetup(): Promise<boolean> {
    needsAdmin.value = await fetchNeedsAdmin();
    return needsAdmin.value;
  }

  async function login(email: string, password: string): Promise<void> {
    await signIn({ email, password });
    await load();
  }

  async function createAdmin(input: { email: string; name: string; password: string }) {
    await createFirstAdmin(input);
    needsAdmin.value = false;
    await load();
  }

  async function logout(): Promise<void> {
    await signOut();
    take(null);
  }

  // Any API call answering 401 means the session is gone; the router then asks to sign in.
  setSessionLostHandler(() => take(null));

  return {
    me,
    principal,
    state,
    needsAdmin,
    capabilities,
    can,
    load,
    ensureLoaded,
    checkSetup,
    login,
    createAdmin,
    logout,
  };
});
