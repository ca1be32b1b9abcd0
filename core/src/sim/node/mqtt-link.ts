import { connect, type MqttClient } from 'mqtt';
import type { Clock, TimerHandle } from '../../runtime/clock.js';
import type { Logger } from '../../runtime/logger.js';
import type { ConnectOptions } from './connection.js';
import type { NodeUplink } from './node-runtime.js';

/** The part of the runtime the link drives. */
export interface LinkedRuntime {
  connectOptions(): ConnectOptions;
  onConnected(): void;
  onDisconnected(): void;
  handleMessage(topic: string, payload: Uint8Array): void;
}

export interface MqttLinkOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  /** esp-mqtt's auto-reconnect period. */
  readonly reconnectMs: number;
}

/**
 * One esp-mqtt-like connection per node with mqtt.js: MQTT 3.1.1, clean session, QoS 1, the Will
 * on the current namespace, re-subscription on every connect. Reconnects are driven here (not by
 * mqtt.js) so every connect picks up the options of the config applied meanwhile.
 */
export class MqttNodeLink implements NodeUplink {
  private client: MqttClient | undefined;
  private retry: TimerHandle | undefined;
  private running = false;
  private readonly inFlight = new Set<object>();
  private offline = false;
  private connectedOnce: (() => void) | undefined;

  constructor(
    private readonly runtime: LinkedRuntime,
    private readonly options: MqttLinkOptions,
  ) {}

  /** Starts connecting; resolves once connected (or once stopped first). */
  start(): Promise<void> {
    this.running = true;
    const connected = new Promise<void>((resolve) => (this.connectedOnce = resolve));
    this.open();
    return connected;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.cancelRetry();
    this.connectedOnce?.();
    const client = this.detach();
    if (client) await client.endAsync();
  }

  get connected(): boolean {
    return this.client?.connected === true;
  }

  /** Publishes of the current connection the broker has not acknowledged yet. */
  get unacked(): number {
    return this.inFlight.size;
  }

  publish(topic: string, payload: string, retain: boolean): void {
    const client = this.client;
    if (!client) return;
    const token = {};
    this.inFlight.add(token);
    client.publish(topic, payload, { qos: 1, retain }, (err) => {
      this.inFlight.delete(token);
      if (err) this.options.logger.debug({ topic, err: err.message }, 'sim publish failed');
    });
  }

  reconnect(mode: 'graceful' | 'drop', afterMs: number): void {
    const client = this.detach();
    if (!client) return this.schedule(afterMs);
    if (mode === 'drop') {
      // Destroying the socket without DISCONNECT is what a power cut looks like: the Will fires.
      client.end(true);
      this.schedule(afterMs);
      return;
    }
    // Wait for the old session to close, or the broker could see a takeover instead of a disconnect.
    client.end(false, {}, () => this.schedule(afterMs));
  }

  /** Fault: the socket dies without DISCONNECT (broker publishes the LWT); no reconnect until `goOnline`. */
  goOffline(): void {
    this.offline = true;
    this.cancelRetry();
    this.detach()?.end(true);
  }

  goOnline(): void {
    if (!this.offline) return;
    this.offline = false;
    this.schedule(0);
  }

  private open(): void {
    if (!this.running || this.offline || this.client) return;
    const o = this.runtime.connectOptions();
    const client = connect(o.url, {
      clientId: o.clientId,
      username: o.username,
      password: o.password,
      keepalive: o.keepaliveS,
      clean: true,
      protocolVersion: 4,
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      will: { topic: o.will.topic, payload: Buffer.from(o.will.payload), qos: 1, retain: true },
    });
    this.client = client;
    client.on('connect', () => {
      client.subscribe([...o.subscriptions], { qos: 1 }, (err) => {
        if (this.client !== client) return;
        if (err)
          this.options.logger.warn(
            { err: err.message, clientId: o.clientId },
            'sim subscribe failed',
          );
        this.runtime.onConnected();
        this.connectedOnce?.();
        this.connectedOnce = undefined;
      });
    });
    client.on('message', (topic, payload) => {
      if (this.client === client) this.runtime.handleMessage(topic, payload);
    });
    client.on('error', (err) =>
      this.options.logger.debug({ err: err.message, clientId: o.clientId }, 'sim mqtt error'),
    );
    client.on('close', () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.runtime.onDisconnected();
      this.schedule(this.options.reconnectMs);
    });
  }

  /** Forget the current client (its later events are ignored) and tell the runtime it is gone. */
  private detach(): MqttClient | undefined {
    const client = this.client;
    this.client = undefined;
    // Whatever the old connection still had in flight is lost with it, as on a real node.
    this.inFlight.clear();
    if (client) this.runtime.onDisconnected();
    return client;
  }

  private schedule(afterMs: number): void {
    this.cancelRetry();
    if (!this.running || this.offline) return;
    this.retry = this.options.clock.setTimeout(() => {
      this.retry = undefined;
      this.open();
    }, afterMs);
  }

  private cancelRetry(): void {
    this.retry?.cancel();
    this.retry = undefined;
  }
}
