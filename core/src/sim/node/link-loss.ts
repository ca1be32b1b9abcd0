import type { Clock, TimerHandle } from '../../runtime/clock.js';
import type { StopReport } from '../devices/device.js';

/**
 * §11.1: after `link_loss_timeout_sec` without MQTT the node stops every pump and relay; the
 * `link_loss_failsafe` event goes out once it is back and synced.
 */
export class LinkLossFailsafe {
  private timer: TimerHandle | undefined;
  private pending: Record<string, unknown> | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly stopAll: () => StopReport,
  ) {}

  /** Link lost; a timeout of 0 means the fail-safe is disabled. */
  arm(timeoutSec: number): void {
    if (timeoutSec <= 0 || this.timer) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      const stopped = this.stopAll();
      this.pending = {
        event_code: 'link_loss_failsafe',
        timeout_sec: timeoutSec,
        stopped_pumps: stopped.pumps,
        stopped_relays: stopped.relays,
      };
    }, timeoutSec * 1000);
  }

  /** Link back before the timeout. */
  disarm(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** The event to publish now that the node is synced again, once. */
  takeEvent(): Record<string, unknown> | undefined {
    const event = this.pending;
    this.pending = undefined;
    return event;
  }

  reset(): void {
    this.disarm();
    this.pending = undefined;
  }
}
