import type { BrokerHost } from '../broker/broker-host.js';
import type { MqttBus } from '../bus/mqtt-bus.js';
import type { Clock } from '../runtime/clock.js';
import type { Logger } from '../runtime/logger.js';
import type { Storage } from '../storage/storage.js';
import type { DropCounter } from './inbound.js';
import type { NodeDirectory } from './node-directory.js';
import type { EventSink } from './views.js';

/** What every devices service gets: one object, not a row of positional arguments. */
export interface DevicesContext {
  storage: Storage;
  bus: MqttBus;
  broker: BrokerHost;
  directory: NodeDirectory;
  drops: DropCounter;
  clock: Clock;
  logger: Logger;
  publish: EventSink;
  /** Broker access mode: in `open` mode nodes need no credentials. */
  accessMode: 'default' | 'onboarding' | 'open';
}
