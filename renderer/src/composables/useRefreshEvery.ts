import { onBeforeUnmount, onMounted } from 'vue';

/**
 * Calls `refresh` every `intervalMs` while the calling component is mounted and the page is
 * visible: for figures the core does not push (a node's routine heartbeat updates its "last
 * seen" without a realtime event, so the list would otherwise age while the node is fine).
 */
export function useRefreshEvery(refresh: () => unknown, intervalMs: number): void {
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, intervalMs);
  });
  onBeforeUnmount(() => clearInterval(timer));
}
