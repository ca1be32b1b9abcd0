import { createServer, type Server } from 'node:net';
import { Aedes, type Client } from 'aedes';
import type { ComponentStatus } from '../runtime/component.js';
import { PortInUseError } from '../runtime/errors.js';
import type { Logger } from '../runtime/logger.js';
import type { BrokerHost } from './broker-host.js';
import { streamPair } from './stream-pair.js';
import type { Duplex } from 'node:stream';
import {
  authenticate,
  canPublish,
  canSubscribe,
  type AccessDeps,
  type MqttPrincipal,
} from './mqtt-access.js';
import { closeServer, listen, localUrl } from '../runtime/net.js';

const CLOSE_TIMEOUT_MS = 3000;

export interface AedesBrokerOptions {
  port: number;
  bind: string;
  access: AccessDeps;
  logger: Logger;
}

/** MQTT 3.1.1 CONNACK return code 4: bad user name or password. */
const BAD_CREDENTIALS = 4;

/** The embedded broker the ESP32 nodes on the LAN connect to. */
export class AedesBrokerHost implements BrokerHost {
  readonly name = 'broker';
  readonly kind = 'embedded';
  private aedes: Aedes | undefined;
  private server: Server | undefined;
  private port = 0;
  private readonly principals = new WeakMap<Client, MqttPrincipal>();
  /** Clients already logged for a denial: a misbehaving node must not flood the log. */
  private readonly deniedClients = new Set<string>();
  private denials = 0;

  constructor(private readonly options: AedesBrokerOptions) {}

  async start(): Promise<void> {
    const { access } = this.options;
    const aedes = await Aedes.createBroker({
      id: 'hydro',
      authenticate: (client, username, password, done) => {
        const principal = authenticate(access, client.id, username, password?.toString('utf8'));
        if (!principal) {
          this.deny(client, 'connect', username ?? '(anonymous)');
          const error = Object.assign(new Error('bad user name or password'), {
            returnCode: BAD_CREDENTIALS,
          });
          return done(error, false);
        }
        this.principals.set(client, principal);
        done(null, true);
      },
      authorizePublish: (client, packet, done) => {
        const principal = client ? this.principals.get(client) : { kind: 'service' as const };
        if (principal && canPublish(access, principal, packet.topic)) return done(null);
        if (client) this.deny(client, 'publish', packet.topic);
        done(new Error(`not allowed to publish to ${packet.topic}`));
      },
      authorizeSubscribe: (client, subscription, done) => {
        const principal = this.principals.get(client);
        if (principal && canSubscribe(access, principal, subscription.topic))
          return done(null, subscription);
        this.deny(client, 'subscribe', subscription.topic);
        done(null, null);
      },
    });
    const server = createServer((socket) => {
      // Small QoS 1 packets and their acks otherwise wait on Nagle and delayed ACKs (~40 ms each way).
      socket.setNoDelay(true);
      aedes.handle(socket);
    });
    try {
      // A restart (after a store restore) keeps the port picked first, so clients find it again.
      this.port = await listen(server, this.port || this.options.port, this.options.bind);
    } catch (error) {
      await closeAedes(aedes);
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new PortInUseError(
          'mqtt',
          this.options.port,
          this.options.bind,
          'choose another with --mqtt-port or HYDRO_MQTT_PORT',
        );
      }
      throw error;
    }
    aedes.on('clientError', (client, err) =>
      this.options.logger.debug({ client: client.id, err: err.message }, 'mqtt client error'),
    );
    this.aedes = aedes;
    this.server = server;
    this.options.logger.info({ port: this.port, bind: this.options.bind }, 'mqtt broker listening');
  }

  async stop(): Promise<void> {
    const { aedes, server } = this;
    this.aedes = undefined;
    this.server = undefined;
    // Close the broker before its TCP server, or clients' sockets keep the server open (aedes#640).
    if (aedes) await closeAedes(aedes);
    if (server) await closeServer(server, CLOSE_TIMEOUT_MS);
  }

  url(): string {
    return localUrl('mqtt', this.options.bind, this.port);
  }

  status(): ComponentStatus {
    const clients = this.aedes?.connectedClients ?? 0;
    return {
      state: this.aedes ? 'healthy' : 'stopped',
      detail: `${clients} client${clients === 1 ? '' : 's'} on port ${this.port}, access ${this.options.access.mode}`,
      metrics: {
        port: this.port,
        bind: this.options.bind,
        clients,
        access: this.options.access.mode,
        denials: this.denials,
      },
    };
  }

  connectLocal(): Duplex {
    if (!this.aedes) throw new Error('the embedded broker is not running');
    const [server, client] = streamPair();
    this.aedes.handle(server);
    return client;
  }

  endpointSeenBy(clientId: string): { host: string; port: number } | null {
    // Aedes keeps connected clients by id; its type definitions do not declare the map.
    const clients = (this.aedes as unknown as { clients?: Record<string, Client> } | undefined)
      ?.clients;
    const conn = clients?.[clientId]?.conn as
      { localAddress?: string; localPort?: number } | undefined;
    if (!conn?.localAddress || !conn.localPort) return null;
    return { host: conn.localAddress.replace(/^::ffff:/, ''), port: conn.localPort };
  }

  private deny(client: Client, action: 'connect' | 'publish' | 'subscribe', what: string): void {
    this.denials++;
    if (this.deniedClients.has(client.id)) return;
    if (this.deniedClients.size > 10_000) this.deniedClients.clear();
    this.deniedClients.add(client.id);
    this.options.logger.warn(
      { client: client.id, action, what },
      'mqtt access denied (logged once per client)',
    );
  }
}

function closeAedes(aedes: Aedes): Promise<void> {
  return new Promise((resolve) => aedes.close(() => resolve()));
}
