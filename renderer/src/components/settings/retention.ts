import type { Health } from '@contracts/health.js';

/** How long each resolution of telemetry is kept, in days; null keeps it forever. */
export interface RetentionView {
  rawDays: number;
  minuteDays: number;
  hourDays: number;
  dayDays: number | null;
  /** Core time (ms) of the last retention pass, null before the first. */
  lastRun: number | null;
  lastDeletedRows: number | null;
}

// The retention component states its policy only in its detail line
// ("raw 30 d, 1 min 90 d, 1 h 730 d, 1 d ∞"); anything else yields null and the page shows the
// line as it is.
const POLICY =
  /^raw (\d+(?:\.\d+)?) d, 1 min (\d+(?:\.\d+)?) d, 1 h (\d+(?:\.\d+)?) d, 1 d (\d+(?:\.\d+)?|∞)$/;

/** The retention policy as the core reports it in `/api/health`, or null if it is not there. */
export function retentionOf(health: Health): RetentionView | null {
  const component = health.components.find((c) => c.name === 'retention');
  const match = component?.detail ? POLICY.exec(component.detail) : null;
  if (!component || !match) return null;
  const { last_run: lastRun, last_deleted_rows: deleted } = component.metrics;
  return {
    rawDays: Number(match[1]),
    minuteDays: Number(match[2]),
    hourDays: Number(match[3]),
    dayDays: match[4] === '∞' ? null : Number(match[4]),
    lastRun: typeof lastRun === 'number' && lastRun > 0 ? lastRun : null,
    lastDeletedRows: typeof deleted === 'number' ? deleted : null,
  };
}

/** How often scheduled backups run, in hours (0: off), or null when not reported. */
export function backupIntervalOf(health: Health): number | null {
  const value = health.components.find((c) => c.name === 'backups')?.metrics.interval_hours;
  return typeof value === 'number' ? value : null;
}
