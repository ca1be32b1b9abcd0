import type { Clock } from '../../runtime/clock.js';
import { MIN_SYNCED_SECONDS } from '../../protocol/timestamps.js';

/**
 * The node's idea of time (§10.1). Before sync the ESP32 clock counts from the 1970 epoch at
 * boot; a `time_response` or `set_time` sets an offset over the monotonic timer, 1 s precision,
 * no RTT compensation.
 */
export class NodeClock {
  private bootMono: number;
  private offsetMs: number | null = null;

  constructor(private readonly clock: Clock) {
    this.bootMono = clock.monotonic();
  }

  get synced(): boolean {
    return this.offsetMs !== null;
  }

  uptimeS(): number {
    return Math.floor((this.clock.monotonic() - this.bootMono) / 1000);
  }

  nowMs(): number {
    const mono = this.clock.monotonic();
    return this.offsetMs === null ? mono - this.bootMono : mono + this.offsetMs;
  }

  unixS(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** Returns false for values that are not a plausible clock (below 1e9 s). */
  adopt(unixS: number): boolean {
    if (!Number.isFinite(unixS) || unixS < MIN_SYNCED_SECONDS) return false;
    this.offsetMs = Math.floor(unixS) * 1000 - this.clock.monotonic();
    return true;
  }

  reboot(): void {
    this.bootMono = this.clock.monotonic();
    this.offsetMs = null;
  }
}
