import type { ProfiledNodeType } from '../../contracts/mqtt/channel-maps.js';
import type { Namespace } from '../../protocol/topics.js';
import {
  decideConfig,
  namespaceOf,
  provisionedConfig,
  type ChannelEntry,
  type ConfigDecision,
  type StoredConfig,
} from './node-config.js';

/**
 * The node's NVS `node_config`: survives reboots, changes only through a pushed NodeConfig
 * (§4.6) or a calibration the node persists itself.
 */
export class ConfigStore {
  private stored: StoredConfig;

  /**
   * `source` is the stored config, or for a factory-fresh node the broker it was provisioned
   * with (URL and optional credentials).
   */
  constructor(
    private readonly nodeType: ProfiledNodeType,
    private readonly hardwareId: string,
    source: StoredConfig | { brokerUrl: string; username?: string; password?: string },
  ) {
    if ('node_id' in source) {
      this.stored = source;
      return;
    }
    const url = new URL(source.brokerUrl);
    this.stored = provisionedConfig(nodeType, hardwareId, {
      host: url.hostname,
      port: Number(url.port || 1883),
      ...(source.username === undefined ? {} : { username: source.username }),
      ...(source.password === undefined ? {} : { password: source.password }),
    });
  }

  get config(): StoredConfig {
    return this.stored;
  }

  channel(name: string): ChannelEntry | undefined {
    return this.stored.channels.find((ch) => ch.name === name);
  }

  namespace(): Namespace {
    return namespaceOf(this.stored, this.hardwareId);
  }

  /** Steps 1–5 for one pushed config; an `apply` decision is saved before it is returned. */
  receive(payload: Uint8Array): ConfigDecision {
    const decision = decideConfig(this.stored, payload, this.nodeType, this.hardwareId);
    if (decision.kind === 'apply') this.stored = decision.config;
    return decision;
  }

  saveCalibration(sensor: string, values: Record<string, unknown>): void {
    const calibration = { ...this.stored.calibration };
    calibration[sensor] = { ...calibration[sensor], ...values };
    this.stored = { ...this.stored, calibration };
  }
}
