import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import type { ComponentStatus } from '../runtime/component.js';
import { PortInUseError } from '../runtime/errors.js';
import type { Logger } from '../runtime/logger.js';
import type { BrokerHost } from './broker-host.js';
import { listen, closeServer } from '../runtime/net.js';

const CLOSE_TIMEOUT_MS = 3000;

export interface AedesBrokerOptions {
  port: number;
  bind: string;
  logger: Logger;
}

/** The embedded broker the ESP32 nodes on the LAN connect to. */
export class AedesBrokerHost implements BrokerHost {
  readonly name = 'broker';
  readonly kind = 'embedded';
  private aedes: Aedes | undefined;
  private server: Server | undefined;
  private port = 0;

  constructor(private readonly options: AedesBrokerOptions) {}

  async start(): Promise<void> {
    const aedes = await Aedes.createBroker({ id: 'hydro' });
    const server = createServer((socket) => aedes.handle(socket));
    try {
      this.port = await listen(server, this.options.port, this.options.bind);
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
    const host =
      this.options.bind === '0.0.0.0' || this.options.bind === '::'
        ? '127.0.0.1'
        : this.options.bind;
    return `mqtt://${host}:${this.port}`;
  }

  status(): ComponentStatus {
    const clients = this.aedes?.connectedClients ?? 0;
    return {
      state: this.aedes ? 'healthy' : 'stopped',
      detail: `${clients} client${clients === 1 ? '' : 's'} on port ${this.port}`,
      metrics: { port: this.port, bind: this.options.bind, clients },
    };
  }
}

function closeAedes(aedes: Aedes): Promise<void> {
  return new Promise((resolve) => aedes.close(() => resolve()));
}
