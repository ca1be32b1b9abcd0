import type pg from 'pg';
import type { AlertSeverity } from '../../contracts/alerts.js';
import type {
  AlertQuery,
  AlertRecord,
  AlertRepeat,
  AlertRepo,
  NewAlert,
} from '../alerts-events-types.js';
import { selectList } from './rows.js';

const ALERT_COLUMNS = selectList<AlertRecord>({
  id: true,
  zoneId: true,
  code: true,
  source: true,
  severity: true,
  status: true,
  dedupeKey: true,
  count: true,
  message: true,
  details: true,
  firstSeenAt: true,
  lastSeenAt: true,
  resolvedAt: true,
  resolvedBy: true,
});

/** Same meaning as SQLite's mergeDetails: new keys over old ones; null new details keep the old. */
const MERGED_DETAILS = (current: string, update: string) =>
  `CASE WHEN ${update} IS NULL THEN ${current} ELSE COALESCE(${current}, '{}'::jsonb) || ${update} END`;

const json = (value: Record<string, unknown> | null) =>
  value === null ? null : JSON.stringify(value);

export class PostgresAlertRepo implements AlertRepo {
  constructor(private readonly pool: pg.Pool) {}

  async repeat(dedupeKey: string, repeat: AlertRepeat, now: number): Promise<AlertRecord | null> {
    const result = await this.pool.query<AlertRecord>(
      `UPDATE alerts SET count = count + 1, last_seen_at = $2, message = $3,
         details = ${MERGED_DETAILS('details', '$4::jsonb')}
       WHERE dedupe_key = $1 AND status = 'ACTIVE' RETURNING ${ALERT_COLUMNS}`,
      [dedupeKey, now, repeat.message, json(repeat.details)],
    );
    return result.rows[0] ?? null;
  }

  async open(alert: NewAlert, now: number): Promise<{ alert: AlertRecord; created: boolean }> {
    // One statement: a concurrent open of the same key lands on the partial unique index and
    // becomes a repeat. xmax is 0 only for a freshly inserted row.
    const result = await this.pool.query<AlertRecord & { inserted: boolean }>(
      `INSERT INTO alerts (zone_id, code, source, severity, status, dedupe_key, count, message,
         details, first_seen_at, last_seen_at)
       VALUES ($1, $2, $3, $4, 'ACTIVE', $5, 1, $6, $7::jsonb, $8, $8)
       ON CONFLICT (dedupe_key) WHERE status = 'ACTIVE' DO UPDATE SET
         count = alerts.count + 1, last_seen_at = EXCLUDED.last_seen_at,
         message = EXCLUDED.message,
         details = ${MERGED_DETAILS('alerts.details', 'EXCLUDED.details')}
       RETURNING ${ALERT_COLUMNS}, (xmax = 0) AS inserted`,
      [
        alert.zoneId,
        alert.code,
        alert.source,
        alert.severity,
        alert.dedupeKey,
        alert.message,
        json(alert.details),
        now,
      ],
    );
    const { inserted, ...row } = result.rows[0]!;
    return { alert: row, created: inserted };
  }

  async byId(id: number): Promise<AlertRecord | null> {
    const result = await this.pool.query<AlertRecord>(
      `SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = $1`,
      [id],
    );
    return result.rows[0] ?? null;
  }

  async byIds(ids: number[]): Promise<AlertRecord[]> {
    const result = await this.pool.query<AlertRecord>(
      `SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [ids],
    );
    return result.rows;
  }

  async list(q: AlertQuery): Promise<{ alerts: AlertRecord[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const filter = (col: string, value: unknown) => {
      if (value === undefined) return;
      params.push(value);
      where.push(`${col} = $${params.length}`);
    };
    filter('status', q.status);
    filter('zone_id', q.zoneId);
    filter('severity', q.severity);
    filter('source', q.source);
    filter('code', q.code);
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const count = await this.pool.query<{ total: number }>(
      `SELECT COUNT(*) AS total FROM alerts ${clause}`,
      params,
    );
    const n = params.length;
    const result = await this.pool.query<AlertRecord>(
      `SELECT ${ALERT_COLUMNS} FROM alerts ${clause} ORDER BY id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, q.limit, q.offset],
    );
    return { alerts: result.rows, total: count.rows[0]!.total };
  }

  async resolve(ids: number[], by: string, now: number): Promise<AlertRecord[]> {
    const result = await this.pool.query<AlertRecord>(
      `UPDATE alerts SET status = 'RESOLVED', resolved_at = $1, resolved_by = $2
       WHERE status = 'ACTIVE' AND id = ANY($3::bigint[]) RETURNING ${ALERT_COLUMNS}`,
      [now, by, ids],
    );
    return result.rows.sort((a, b) => a.id - b.id);
  }

  async resolveByKey(dedupeKey: string, by: string, now: number): Promise<AlertRecord | null> {
    const result = await this.pool.query<AlertRecord>(
      `UPDATE alerts SET status = 'RESOLVED', resolved_at = $1, resolved_by = $2
       WHERE status = 'ACTIVE' AND dedupe_key = $3 RETURNING ${ALERT_COLUMNS}`,
      [now, by, dedupeKey],
    );
    return result.rows[0] ?? null;
  }

  async hasActive(zoneId: number, severities: AlertSeverity[]): Promise<boolean> {
    const result = await this.pool.query(
      `SELECT 1 FROM alerts WHERE zone_id = $1 AND status = 'ACTIVE'
         AND severity = ANY($2::text[]) LIMIT 1`,
      [zoneId, severities],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async countActiveBySeverity(): Promise<Record<AlertSeverity, number>> {
    const counts: Record<AlertSeverity, number> = { info: 0, warning: 0, error: 0, critical: 0 };
    const result = await this.pool.query<{ severity: AlertSeverity; n: number }>(
      "SELECT severity, COUNT(*) AS n FROM alerts WHERE status = 'ACTIVE' GROUP BY severity",
    );
    for (const { severity, n } of result.rows) counts[severity] = n;
    return counts;
  }
}
