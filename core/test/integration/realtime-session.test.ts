import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { AccessService } from '../../src/access/access-service.js';
import type { AuthSecrets } from '../../src/api/auth.js';
import { installErrorEnvelope } from '../../src/api/envelope.js';
import { RealtimeHub } from '../../src/api/realtime-hub.js';
import { registerAuthRoutes } from '../../src/api/routes/auth.js';
import { registerRealtime, SESSION_ENDED } from '../../src/api/routes/realtime.js';
import type { Health } from '../../src/contracts/health.js';
import { EventLog } from '../../src/events/event-log.js';
import { silentLogger } from '../../src/runtime/logger.js';
import { FakeClock } from '../fakes/fake-clock.js';
import { memoryStorage } from '../helpers/access-app.js';

const HEALTH: Health = {
  state: 'ok',
  version: '0.0.0',
  started_at: '2026-06-01T08:00:00.000Z',
  uptime_s: 0,
  components: [],
};

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The auth routes and the realtime socket on a real server, with a clock the test moves. */
async function serve() {
  const clock = new FakeClock(Date.UTC(2026, 5, 1, 8));
  const storage = memoryStorage();
  const access = new AccessService({
    storage: () => storage,
    clock,
    logger: silentLogger(),
    bootstrapAdmin: { email: 'olga@farm', password: 'pass-word-1' },
  });
  await access.start();
  const log = new EventLog({ repo: () => storage.eventLog, clock, logger: silentLogger() });
  await log.start();
  const hub = new RealtimeHub({ clock, log, logger: silentLogger() });
  const secrets: AuthSecrets = { accounts: access.authenticator };
  app = Fastify({ logger: false });
  installErrorEnvelope(app, silentLogger());
  await app.register(fastifyWebsocket);
  registerAuthRoutes(app, { secrets, access });
  registerRealtime(app, hub, { health: () => HEALTH, secrets, clock });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { clock, url };
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'olga@farm', password: 'pass-word-1' }),
  });
  expect(res.status).toBe(200);
  return /hydro_session=[^;]*/.exec(res.headers.get('set-cookie') ?? '')![0];
}

function open(url: string, cookie: string): Promise<WebSocket> {
  const socket = new WebSocket(`${url.replace('http', 'ws')}/api/ws`, { headers: { cookie } });
  return new Promise((resolve, reject) => {
    socket.once('message', () => resolve(socket));
    socket.once('error', reject);
  });
}

const closed = (socket: WebSocket) =>
  new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));

describe('realtime socket and its session', () => {
  it('closes an open socket once its session has ended, and keeps one whose session lives', async () => {
    const { clock, url } = await serve();
    const ended = await signIn(url);
    const alive = await signIn(url);
    const doomed = await open(url, ended);
    const kept = await open(url, alive);
    const doomedClosed = closed(doomed);

    const logout = await fetch(`${url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: ended },
    });
    expect(logout.status).toBeLessThan(300);
    // Nothing happens before the next check…
    clock.advance(59_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(doomed.readyState).toBe(WebSocket.OPEN);
    // …which closes the socket of the ended session only.
    clock.advance(1_000);
    expect(await doomedClosed).toBe(SESSION_ENDED);
    await new Promise((r) => setTimeout(r, 100));
    expect(kept.readyState).toBe(WebSocket.OPEN);
    kept.close();
  });
});
