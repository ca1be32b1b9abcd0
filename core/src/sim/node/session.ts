import type { Clock, TimerHandle } from '../../runtime/clock.js';

/** Firmware periods (§9.1, §10.1); tests and the demo may shorten them. */
export interface NodeTiming {
  readonly heartbeatMs: number;
  /** Periodic retained status on ph/ec/irrig/relay. */
  readonly statusMs: number;
  readonly timeRequestRetryMs: number;
  readonly timeRequestMaxAttempts: number;
  /** esp-mqtt auto-reconnect period. */
  readonly reconnectMs: number;
  /** `restart`: DONE first, reboot this much later. */
  readonly restartDelayMs: number;
  /** Boot time until the next MQTT connect after a reboot. */
  readonly bootMs: number;
}

export const FIRMWARE_TIMING: NodeTiming = {
  heartbeatMs: 15_000,
  statusMs: 60_000,
  timeRequestRetryMs: 15_000,
  timeRequestMaxAttempts: 40,
  reconnectMs: 5000,
  restartDelayMs: 1000,
  bootMs: 2000,
};

export interface TelemetrySchedule {
  readonly channel: string;
  readonly intervalMs: number;
}

/** What a session does on the node's behalf. */
export interface SessionHost {
  isSynced(): boolean;
  publishTimeRequest(): void;
  /** node_hello (while unbound) and config_report, right after the first time request. */
  announce(): void;
  publishHeartbeat(): void;
  publishStatus(): void;
  publishTelemetry(channel: string): void;
  telemetrySchedule(): TelemetrySchedule[];
  /** Once per session, when the clock is (or becomes) synced. */
  onSessionSynced(): void;
}

/**
 * One MQTT connection's worth of periodic work: time requests until synced, heartbeats, and once
 * synced the status and telemetry loops. Ends with the connection; nothing is queued across it,
 * because the firmware drops what it cannot publish.
 */
export class Session {
  private readonly timers: TimerHandle[] = [];
  private telemetry: TimerHandle[] = [];
  private timeRequest: TimerHandle | undefined;
  private synced = false;

  constructor(
    private readonly clock: Clock,
    private readonly timing: NodeTiming,
    private readonly host: SessionHost,
    private readonly periodicStatus: boolean,
  ) {}

  get syncedInSession(): boolean {
    return this.synced;
  }

  start(): void {
    this.host.publishTimeRequest();
    this.host.announce();
    this.host.publishHeartbeat();
    this.timers.push(
      this.clock.setInterval(() => this.host.publishHeartbeat(), this.timing.heartbeatMs),
    );
    if (this.host.isSynced()) {
      this.clockSynced();
      return;
    }
    let attempts = 1;
    this.timeRequest = this.clock.setInterval(() => {
      if (this.host.isSynced() || attempts >= this.timing.timeRequestMaxAttempts) {
        this.stopTimeRequests();
        return;
      }
      attempts += 1;
      this.host.publishTimeRequest();
    }, this.timing.timeRequestRetryMs);
  }

  /** The node's clock got set (time_response or set_time). */
  clockSynced(): void {
    if (this.synced) return;
    this.synced = true;
    this.stopTimeRequests();
    this.host.publishStatus();
    if (this.periodicStatus) {
      this.timers.push(
        this.clock.setInterval(() => this.host.publishStatus(), this.timing.statusMs),
      );
    }
    this.rescheduleTelemetry();
    this.host.onSessionSynced();
  }

  /** Poll loops per sensor channel; restarted when an applied config changes the channels. */
  rescheduleTelemetry(): void {
    for (const timer of this.telemetry.splice(0)) timer.cancel();
    if (!this.synced) return;
    this.telemetry = this.host
      .telemetrySchedule()
      .map(({ channel, intervalMs }) =>
        this.clock.setInterval(() => this.host.publishTelemetry(channel), intervalMs),
      );
  }

  stop(): void {
    this.stopTimeRequests();
    for (const timer of [...this.timers.splice(0), ...this.telemetry.splice(0)]) timer.cancel();
  }

  private stopTimeRequests(): void {
    this.timeRequest?.cancel();
    this.timeRequest = undefined;
  }
}
