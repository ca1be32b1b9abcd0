import type { ComponentStatus } from '../runtime/component.js';
import type { BrokerHost } from './broker-host.js';

/**
 * The server build's broker (e.g. Mosquitto from docker/): nothing to run here, the core's MQTT
 * bus connects to it. Access control is the broker's own configuration.
 */
export class ExternalBrokerHost implements BrokerHost {
  readonly name = 'broker';
  readonly kind = 'external';
  private started = false;

  constructor(private readonly brokerUrl: string) {}

  start(): Promise<void> {
    this.started = true;
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.started = false;
    return Promise.resolve();
  }

  url(): string {
    return this.brokerUrl;
  }

  endpointSeenBy(): null {
    return null;
  }

  status(): ComponentStatus {
    const url = new URL(this.brokerUrl);
    const where = `${url.protocol}//${url.host}`;
    return {
      state: this.started ? 'healthy' : 'stopped',
      detail: `external broker ${where}`,
      metrics: { external: true, url: where },
    };
  }
}
