import type { Database } from 'better-sqlite3';
import type {
  EventLogQuery,
  EventLogRepo,
  EventLogState,
  LoggedEvent,
  ZoneEventQuery,
  ZoneEventRecord,
  ZoneEventRepo,
} from '../alerts-events-types.js';
import { SqliteNodeEventRepo } from './small-repos.js';

const ZONE_EVENT_COLUMNS =
  'id, zone_id AS zoneId, node_id AS nodeId, channel, type, payload, ts FROM node_events';

type ZoneEventRow = Omit<ZoneEventRecord, 'payload'> & { payload: string };

const toZoneEvent = (row: ZoneEventRow): ZoneEventRecord => ({
  ...row,
  payload: JSON.parse(row.payload) as Record<string, unknown>,
});

/** The zone timeline over `node_events`, where nodes' events and the core's own are stored. */
export class SqliteZoneEventRepo extends SqliteNodeEventRepo implements ZoneEventRepo {
  constructor(private readonly conn: Database) {
    super(conn);
  }

  async list(zoneId: number, q: ZoneEventQuery): Promise<ZoneEventRecord[]> {
    if (q.afterId !== undefined) {
      const rows = this.conn
        .prepare(
          `SELECT ${ZONE_EVENT_COLUMNS} WHERE zone_id = ? AND id > ? ORDER BY id LIMIT CAST(? AS INTEGER)`,
        )
        .all(zoneId, q.afterId, q.limit) as ZoneEventRow[];
      return rows.map(toZoneEvent);
    }
    const rows = this.conn
      .prepare(
        `SELECT ${ZONE_EVENT_COLUMNS} WHERE zone_id = ? AND id < ? ORDER BY id DESC LIMIT CAST(? AS INTEGER)`,
      )
      .all(zoneId, q.beforeId ?? Number.MAX_SAFE_INTEGER, q.limit) as ZoneEventRow[];
    return rows.reverse().map(toZoneEvent);
  }

  async latestId(zoneId: number): Promise<number> {
    const row = this.conn
      .prepare('SELECT COALESCE(MAX(id), 0) AS id FROM node_events WHERE zone_id = ?')
      .get(zoneId) as { id: number };
    return row.id;
  }
}

const RESERVED_KEY = 'event_id_reserved';
const TRIMMED_KEY = 'event_log_trimmed_through';

const LOG_COLUMNS = `id, channel, event, zone_id AS zoneId, capability, data, server_ts AS serverTs`;

type LoggedRow = Omit<LoggedEvent, 'data'> & { data: string };

export class SqliteEventLogRepo implements EventLogRepo {
  constructor(private readonly db: Database) {}

  async append(events: LoggedEvent[]): Promise<void> {
    const insert = this.db.prepare(
      `INSERT INTO event_log (id, channel, event, zone_id, capability, data, server_ts)
       VALUES (CAST(? AS INTEGER), ?, ?, ?, ?, ?, CAST(? AS INTEGER))`,
    );
    this.db.transaction(() => {
      for (const e of events) {
        insert.run(
          e.id,
          e.channel,
          e.event,
          e.zoneId,
          e.capability,
          JSON.stringify(e.data),
          e.serverTs,
        );
      }
    })();
  }

  async after(q: EventLogQuery): Promise<LoggedEvent[]> {
    const rows = this.db
      .prepare(
        `SELECT ${LOG_COLUMNS} FROM event_log WHERE id > ? AND id <= ?
           AND (capability IS NULL OR capability IN (SELECT value FROM json_each(?)))
         ORDER BY id LIMIT CAST(? AS INTEGER)`,
      )
      .all(q.afterId, q.upTo, JSON.stringify(q.capabilities), q.limit) as LoggedRow[];
    return rows.map((row) => ({ ...row, data: JSON.parse(row.data) as unknown }));
  }

  async state(): Promise<EventLogState> {
    const { lastId } = this.db
      .prepare('SELECT COALESCE(MAX(id), 0) AS lastId FROM event_log')
      .get() as { lastId: number };
    return {
      lastId,
      reservedId: this.meta(RESERVED_KEY),
      trimmedThrough: this.meta(TRIMMED_KEY),
    };
  }

  async reserve(id: number): Promise<void> {
    this.setMeta(RESERVED_KEY, id);
  }

  async trim(before: number, keep: number): Promise<{ deleted: number; through: number }> {
    return this.db.transaction(() => {
      const byCount = this.db
        .prepare('SELECT id FROM event_log ORDER BY id DESC LIMIT 1 OFFSET CAST(? AS INTEGER)')
        .get(keep) as { id: number } | undefined;
      const byAge = this.db
        .prepare('SELECT MAX(id) AS id FROM event_log WHERE server_ts < ?')
        .get(before) as { id: number | null };
      // The log is trimmed as an id prefix, so "everything up to N is gone" stays exact.
      const cut = Math.max(byCount?.id ?? 0, byAge.id ?? 0);
      const previous = this.meta(TRIMMED_KEY);
      if (cut <= previous) return { deleted: 0, through: previous };
      const { changes } = this.db.prepare('DELETE FROM event_log WHERE id <= ?').run(cut);
      this.setMeta(TRIMMED_KEY, cut);
      return { deleted: changes, through: cut };
    })();
  }

  private meta(key: string): number {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row ? Number(row.value) : 0;
  }

  private setMeta(key: string, value: number): void {
    this.db
      .prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, String(value));
  }
}
