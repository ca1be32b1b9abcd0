import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Principal } from '@contracts/auth.js';
import { fetchCurrentPrincipal } from '../api/auth.js';

/** The signed-in principal, when the core tells us one. */
export const useSessionStore = defineStore('session', () => {
  const principal = ref<Principal | null>(null);

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
      principal.value = await fetchCurrentPrincipal();
    } catch (cause) {
      // The header simply shows no one; the System page reports reachability problems.
      console.warn('Could not load the current principal', cause);
      principal.value = null;
    }
  }

  return { principal, load };
});
