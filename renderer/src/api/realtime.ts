import { REALTIME_PATH, RealtimeEventSchema, type RealtimeEvent } from '@contracts/realtime.js';
import { openReconnectingSocket, type ConnectionStatus } from './reconnecting-socket.js';

export type { ConnectionStatus } from './reconnecting-socket.js';

/**
 * Opens the realtime WebSocket on the page's own origin and feeds every event that matches the
 * contract to `onEvent`; anything else is dropped (the core and the UI may briefly disagree on
 * versions during an update). Each (re)connect asks the core to replay the events after
 * `resumeFrom()` first, so nothing sent while the socket was down is lost. Returns the function
 * that closes the connection for good.
 */
export function subscribeRealtime(
  onEvent: (event: RealtimeEvent) => void,
  onStatus: (status: ConnectionStatus) => void,
  resumeFrom: () => number | null = () => null,
): () => void {
  return openReconnectingSocket({
    url: () => realtimeUrl(window.location.href, resumeFrom()),
    parse: parseRealtimeEvent,
    onMessage: onEvent,
    onStatus,
  });
}

export function parseRealtimeEvent(message: unknown): RealtimeEvent | null {
  const result = RealtimeEventSchema.safeParse(message);
  if (result.success) return result.data;
  console.warn('Ignored a realtime message that does not match the contract', result.error.issues);
  return null;
}

/**
 * `ws:`/`wss:` URL of the realtime endpoint for a page served from `pageUrl`; with `afterId` the
 * core replays the kept events after it before going live (contracts/events.ts).
 */
export function realtimeUrl(pageUrl: string, afterId: number | null = null): string {
  const url = new URL(REALTIME_PATH, pageUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (afterId !== null) url.searchParams.set('after_id', String(afterId));
  return url.toString();
}
