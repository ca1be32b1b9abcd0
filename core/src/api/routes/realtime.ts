import type { FastifyInstance } from 'fastify';
import type { Health } from '../../contracts/health.js';
import { REALTIME_PATH } from '../../contracts/realtime.js';
import type { RealtimeHub } from '../realtime-hub.js';

/**
 * The realtime socket. A page from another origin must not read a controller's live state, so
 * a browser's Origin has to match the Host it connected to (tools without Origin are allowed).
 */
export function registerRealtime(
  api: FastifyInstance,
  hub: RealtimeHub,
  health: () => Health,
): void {
  api.get(REALTIME_PATH, { websocket: true }, (socket, request) => {
    const origin = request.headers.origin;
    if (origin !== undefined && !sameHost(origin, request.headers.host)) {
      socket.close(1008, 'origin not allowed');
      return;
    }
    hub.attach(socket, [{ channel: 'hydro.system', event: 'system.health', data: health() }]);
  });
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
