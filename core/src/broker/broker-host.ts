import type { Duplex } from 'node:stream';
import type { Component } from '../runtime/component.js';

/**
 * Where the nodes' MQTT broker lives: embedded (Aedes in this process) or, in the server build,
 * an external Mosquitto the core connects to (architecture.md §5). The core's own protocol code
 * talks to either through an MQTT client, so both run the same paths.
 */
export interface BrokerHost extends Component {
  readonly kind: 'embedded' | 'external';
  /** The URL nodes and the core connect to; known once started. */
  url(): string;
  /**
   * The broker address as a connected node reached it (its socket's local end), for the MQTT
   * settings pushed in its NodeConfig; null when the node is not connected or it is unknowable.
   */
  endpointSeenBy(clientId: string): { host: string; port: number } | null;
  /**
   * An in-memory connection to an embedded broker, for the core's own client: the same MQTT
   * protocol without a socket's syscalls per packet. Absent for an external broker.
   */
  connectLocal?(): Duplex;
}
