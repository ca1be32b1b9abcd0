import type { ConfigReport } from '../contracts/mqtt/config-report.js';
import type { Clock } from '../runtime/clock.js';

/** Reference §4.7: CONFIG_REPORT_BUFFER_TTL_SEC and CONFIG_REPORT_BUFFER_MAX. */
export const REPORT_BUFFER_TTL_MS = 120_000;
export const REPORT_BUFFER_MAX = 128;

/** Config reports of not-yet-registered hardware, oldest evicted first, expiring after 120 s. */
export class ReportBuffer {
  private readonly entries = new Map<string, { report: ConfigReport; at: number }>();

  constructor(private readonly clock: Clock) {}

  put(hardwareId: string, report: ConfigReport): void {
    this.entries.delete(hardwareId);
    this.entries.set(hardwareId, { report, at: this.clock.now() });
    while (this.entries.size > REPORT_BUFFER_MAX) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  take(hardwareId: string): ConfigReport | undefined {
    const entry = this.entries.get(hardwareId);
    this.entries.delete(hardwareId);
    if (!entry || this.clock.now() - entry.at > REPORT_BUFFER_TTL_MS) return undefined;
    return entry.report;
  }

  get size(): number {
    return this.entries.size;
  }
}
