import type { Database } from 'better-sqlite3';
import type { AlertSeverity } from '../../contracts/alerts.js';
import type {
  AlertQuery,
  AlertRecord,
  AlertRepeat,
  AlertRepo,
  NewAlert,
} from '../alerts-events-types.js';
import { fromJson, toJson } from './rows.js';

const ALERT_COLUMNS = `id, zone_id AS zoneId, code, source, severity, status, dedupe_key AS dedupeKey,
  count, message, details, first_seen_at AS firstSeenAt, last_seen_at AS lastSeenAt,
  resolved_at AS resolvedAt, resolved_by AS resolvedBy`;

type AlertRow = Omit<AlertRecord, 'details'> & { details: string | null };

const toAlert = (row: AlertRow): AlertRecord => ({
  ...row,
  details: fromJson<Record<string, unknown>>(row.details),
});

/** New details are merged over the old ones, key by key; none leaves the old ones. */
export function mergeDetails(
  old: Record<string, unknown> | null,
  update: Record<string, unknown> | null,
): Record<string, unknown> | null {
  return update === null ? old : { ...(old ?? {}), ...update };
}

export class SqliteAlertRepo implements AlertRepo {
  constructor(private readonly db: Database) {}

  async repeat(dedupeKey: string, repeat: AlertRepeat, now: number): Promise<AlertRecord | null> {
    return this.db.transaction(() => this.repeatActive(dedupeKey, repeat, now))();
  }

  async open(alert: NewAlert, now: number): Promise<{ alert: AlertRecord; created: boolean }> {
    return this.db.transaction(() => {
      const repeated = this.repeatActive(alert.dedupeKey, alert, now);
      if (repeated) return { alert: repeated, created: false };
      const row = this.db
        .prepare(
          `INSERT INTO alerts (zone_id, code, source, severity, status, dedupe_key, count, message,
             details, first_seen_at, last_seen_at)
           VALUES (?, ?, ?, ?, 'ACTIVE', ?, 1, ?, ?, CAST(? AS INTEGER), CAST(? AS INTEGER))
           RETURNING ${ALERT_COLUMNS}`,
        )
        .get(
          alert.zoneId,
          alert.code,
          alert.source,
          alert.severity,
          alert.dedupeKey,
          alert.message,
          toJson(alert.details),
          now,
          now,
        ) as AlertRow;
      return { alert: toAlert(row), created: true };
    })();
  }

  async byId(id: number): Promise<AlertRecord | null> {
    const row = this.db.prepare(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = ?`).get(id) as
      AlertRow | undefined;
    return row ? toAlert(row) : null;
  }

  async byIds(ids: number[]): Promise<AlertRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT ${ALERT_COLUMNS} FROM alerts WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
      )
      .all(JSON.stringify(ids)) as AlertRow[];
    return rows.map(toAlert);
  }

  async list(q: AlertQuery): Promise<{ alerts: AlertRecord[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const filter = (sql: string, value: unknown) => {
      if (value === undefined) return;
      where.push(sql);
      params.push(value);
    };
    filter('status = ?', q.status);
    filter('zone_id = ?', q.zoneId);
    filter('severity = ?', q.severity);
    filter('source = ?', q.source);
    filter('code = ?', q.code);
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const { total } = this.db
      .prepare(`SELECT COUNT(*) AS total FROM alerts ${clause}`)
      .get(...params) as { total: number };
    const rows = this.db
      .prepare(
        `SELECT ${ALERT_COLUMNS} FROM alerts ${clause} ORDER BY id DESC
         LIMIT CAST(? AS INTEGER) OFFSET CAST(? AS INTEGER)`,
      )
      .all(...params, q.limit, q.offset) as AlertRow[];
    return { alerts: rows.map(toAlert), total };
  }

  async resolve(ids: number[], by: string, now: number): Promise<AlertRecord[]> {
    const rows = this.db
      .prepare(
        `UPDATE alerts SET status = 'RESOLVED', resolved_at = CAST(? AS INTEGER), resolved_by = ?
         WHERE status = 'ACTIVE' AND id IN (SELECT value FROM json_each(?))
         RETURNING ${ALERT_COLUMNS}`,
      )
      .all(now, by, JSON.stringify(ids)) as AlertRow[];
    return rows.map(toAlert).sort((a, b) => a.id - b.id);
  }

  async resolveByKey(dedupeKey: string, by: string, now: number): Promise<AlertRecord | null> {
    const row = this.db
      .prepare(
        `UPDATE alerts SET status = 'RESOLVED', resolved_at = CAST(? AS INTEGER), resolved_by = ?
         WHERE status = 'ACTIVE' AND dedupe_key = ? RETURNING ${ALERT_COLUMNS}`,
      )
      .get(now, by, dedupeKey) as AlertRow | undefined;
    return row ? toAlert(row) : null;
  }

  async hasActive(zoneId: number, severities: AlertSeverity[]): Promise<boolean> {
    const row = this.db
      .prepare(
        `SELECT 1 FROM alerts WHERE zone_id = ? AND status = 'ACTIVE'
           AND severity IN (SELECT value FROM json_each(?)) LIMIT 1`,
      )
      .get(zoneId, JSON.stringify(severities));
    return row !== undefined;
  }

  async countActiveBySeverity(): Promise<Record<AlertSeverity, number>> {
    const counts: Record<AlertSeverity, number> = { info: 0, warning: 0, error: 0, critical: 0 };
    const rows = this.db
      .prepare(
        "SELECT severity, COUNT(*) AS n FROM alerts WHERE status = 'ACTIVE' GROUP BY severity",
      )
      .all() as { severity: AlertSeverity; n: number }[];
    for (const { severity, n } of rows) counts[severity] = n;
    return counts;
  }

  /** Runs inside the caller's transaction, so the read and the update see the same row. */
  private repeatActive(dedupeKey: string, repeat: AlertRepeat, now: number): AlertRecord | null {
    const current = this.db
      .prepare(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE dedupe_key = ? AND status = 'ACTIVE'`)
      .get(dedupeKey) as AlertRow | undefined;
    if (!current) return null;
    const details = mergeDetails(fromJson(current.details), repeat.details);
    const row = this.db
      .prepare(
        `UPDATE alerts SET count = count + 1, last_seen_at = CAST(? AS INTEGER), message = ?,
           details = ? WHERE id = ? RETURNING ${ALERT_COLUMNS}`,
      )
      .get(now, repeat.message, toJson(details), current.id) as AlertRow;
    return toAlert(row);
  }
}
