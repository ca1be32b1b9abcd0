import type { Duplex } from 'node:stream';
import { connectAsync, MqttClient, type IClientOptions, type IClientPublishOptions } from 'mqtt';
import type { Component, ComponentStatus } from '../runtime/component.js';
import { HydroError } from '../runtime/errors.js';
import type { Logger } from '../runtime/logger.js';

export interface InboundMessage {
  topic: string;
  payload: Buffer;
  retain: boolean;
}

export type MessageHandler = (message: InboundMessage) => void;

export interface MqttBusOptions {
  /** Broker URL, resolved at start (the embedded broker knows its port only once listening). */
  url: () => string;
  /** An in-memory stream to an embedded broker; when given, it is used instead of the URL. */
  localStream?: () => Duplex;
  /** Absent for an external broker whose URL carries the credentials. */
  username?: string;
  password?: string;
  clientId: string;
  logger: Logger;
}

/** A PUBACK that never comes must fail the publish, not hang the caller (reference §7.2: 5 s). */
const PUBLISH_ACK_TIMEOUT_MS = 5000;

/**
 * The core's only MQTT connection, to the embedded broker or an external one alike, so both run
 * the same protocol code. Handlers are isolated: one that throws is logged and counted, and the
 * client keeps running. Only exact topics are published (no wildcards).
 */
export class MqttBus implements Component {
  readonly name = 'mqtt-bus';
  private client: MqttClient | undefined;
  private readonly routes: { filter: string[]; handler: MessageHandler }[] = [];
  private handlerErrors = 0;
  private received = 0;

  constructor(private readonly options: MqttBusOptions) {}

  async start(): Promise<void> {
    const options: IClientOptions = {
      clientId: this.options.clientId,
      ...(this.options.username === undefined ? {} : { username: this.options.username }),
      ...(this.options.password === undefined ? {} : { password: this.options.password }),
      protocolVersion: 4,
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
    };
    const local = this.options.localStream;
    const client = local
      ? await connectLocal(local, options)
      : await connectAsync(this.options.url(), options);
    // Commands and time responses are small QoS 1 packets: send them now, not after Nagle's delay.
    const noDelay = () =>
      (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
    noDelay();
    client.on('connect', noDelay);
    client.on('message', (topic, payload, packet) =>
      this.dispatch({ topic, payload, retain: packet.retain }),
    );
    client.on('error', (err) => this.options.logger.warn({ err: err.message }, 'mqtt bus error'));
    client.on('reconnect', () => this.options.logger.info('mqtt bus reconnecting'));
    this.client = client;
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.endAsync(true);
  }

  /** Route messages matching any of `filters` to `handler`; subscriptions survive reconnects. */
  async subscribe(filters: string[], handler: MessageHandler): Promise<void> {
    const client = this.connected();
    for (const filter of filters) this.routes.push({ filter: filter.split('/'), handler });
    await client.subscribeAsync(filters, { qos: 1 });
  }

  /** Publish at QoS 1 (the protocol's QoS everywhere) and resolve on PUBACK. */
  async publish(
    topic: string,
    payload: string | Buffer,
    options: { retain?: boolean } = {},
  ): Promise<void> {
    if (/[+#]/.test(topic))
      throw new HydroError('invalid_topic', `refusing to publish to wildcard topic ${topic}`);
    const client = this.connected();
    const publishOptions: IClientPublishOptions = { qos: 1, retain: options.retain ?? false };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new HydroError(
              'publish_timeout',
              `no PUBACK for ${topic} within ${PUBLISH_ACK_TIMEOUT_MS} ms`,
            ),
          ),
        PUBLISH_ACK_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([client.publishAsync(topic, payload, publishOptions), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  status(): ComponentStatus {
    const metrics = { received: this.received, handler_errors: this.handlerErrors };
    if (!this.client) return { state: 'stopped', detail: null, metrics };
    if (!this.client.connected)
      return { state: 'degraded', detail: 'reconnecting to the broker', metrics };
    return { state: 'healthy', detail: `connected as ${this.options.clientId}`, metrics };
  }

  private connected(): MqttClient {
    if (!this.client) throw new HydroError('bus_stopped', 'the MQTT bus is not running');
    return this.client;
  }

  private dispatch(message: InboundMessage): void {
    this.received++;
    const segments = message.topic.split('/');
    for (const route of this.routes) {
      if (!matches(route.filter, segments)) continue;
      try {
        route.handler(message);
      } catch (error) {
        this.handlerErrors++;
        this.options.logger.error({ err: error, topic: message.topic }, 'mqtt handler failed');
      }
    }
  }
}

function matches(filter: string[], topic: string[]): boolean {
  for (let i = 0; i < filter.length; i++) {
    const f = filter[i];
    if (f === '#') return true;
    if (i >= topic.length) return false;
    if (f !== '+' && f !== topic[i]) return false;
  }
  return filter.length === topic.length;
}

function connectLocal(stream: () => Duplex, options: IClientOptions): Promise<MqttClient> {
  const client = new MqttClient(() => stream(), options);
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', (error) => {
      client.end(true);
      reject(error);
    });
  });
}
