import type pg from 'pg';
import type {
  EventLogQuery,
  EventLogRepo,
  EventLogState,
  LoggedEvent,
  ZoneEventQuery,
  ZoneEventRecord,
  ZoneEventRepo,
} from '../alerts-events-types.js';
import { inTransaction } from './pool.js';
import { selectList } from './rows.js';
import { PostgresNodeEventRepo } from './small-repos.js';

const ZONE_EVENT_COLUMNS = selectList<ZoneEventRecord>({
  id: true,
  zoneId: true,
  nodeId: true,
  channel: true,
  type: true,
  payload: true,
  ts: true,
});

/** The zone timeline over `node_events`, where nodes' events and the core's own are stored. */
export class PostgresZoneEventRepo extends PostgresNodeEventRepo implements ZoneEventRepo {
  constructor(private readonly db: pg.Pool) {
    super(db);
  }

  async list(zoneId: number, q: ZoneEventQuery): Promise<ZoneEventRecord[]> {
    if (q.afterId !== undefined) {
      const result = await this.db.query<ZoneEventRecord>(
        `SELECT ${ZONE_EVENT_COLUMNS} FROM node_events WHERE zone_id = $1 AND id > $2
         ORDER BY id LIMIT $3`,
        [zoneId, q.afterId, q.limit],
      );
      return result.rows;
    }
    const result = await this.db.query<ZoneEventRecord>(
      `SELECT ${ZONE_EVENT_COLUMNS} FROM node_events WHERE zone_id = $1 AND id < $2
       ORDER BY id DESC LIMIT $3`,
      [zoneId, q.beforeId ?? Number.MAX_SAFE_INTEGER, q.limit],
    );
    return result.rows.reverse();
  }

  async latestId(zoneId: number): Promise<number> {
    const result = await this.db.query<{ id: number }>(
      'SELECT COALESCE(MAX(id), 0) AS id FROM node_events WHERE zone_id = $1',
      [zoneId],
    );
    return result.rows[0]!.id;
  }
}

const RESERVED_KEY = 'event_id_reserved';
const TRIMMED_KEY = 'event_log_trimmed_through';

const LOG_COLUMNS = selectList<LoggedEvent>({
  id: true,
  channel: true,
  event: true,
  zoneId: true,
  capability: true,
  data: true,
  serverTs: true,
});

const UPSERT_META = `INSERT INTO meta (key, value) VALUES ($1, $2)
  ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`;

export class PostgresEventLogRepo implements EventLogRepo {
  constructor(private readonly pool: pg.Pool) {}

  async append(events: LoggedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.pool.query(
      `INSERT INTO event_log (id, channel, event, zone_id, capability, data, server_ts)
       SELECT id, channel, event, zone_id, capability, data::json, server_ts
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[],
         $7::bigint[]) AS t(id, channel, event, zone_id, capability, data, server_ts)`,
      [
        events.map((e) => e.id),
        events.map((e) => e.channel),
        events.map((e) => e.event),
        events.map((e) => e.zoneId),
        events.map((e) => e.capability),
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => e.serverTs),
      ],
    );
  }

  async after(q: EventLogQuery): Promise<LoggedEvent[]> {
    const result = await this.pool.query<LoggedEvent>(
      `SELECT ${LOG_COLUMNS} FROM event_log WHERE id > $1 AND id <= $2
         AND (capability IS NULL OR capability = ANY($3::text[]))
       ORDER BY id LIMIT $4`,
      [q.afterId, q.upTo, q.capabilities, q.limit],
    );
    return result.rows;
  }

  async state(): Promise<EventLogState> {
    const result = await this.pool.query<EventLogState>(
      `SELECT (SELECT COALESCE(MAX(id), 0) FROM event_log) AS "lastId",
         COALESCE((SELECT value::bigint FROM meta WHERE key = $1), 0) AS "reservedId",
         COALESCE((SELECT value::bigint FROM meta WHERE key = $2), 0) AS "trimmedThrough"`,
      [RESERVED_KEY, TRIMMED_KEY],
    );
    return result.rows[0]!;
  }

  async reserve(id: number): Promise<void> {
    await this.pool.query(UPSERT_META, [RESERVED_KEY, String(id)]);
  }

  async trim(before: number, keep: number): Promise<{ deleted: number; through: number }> {
    return inTransaction(this.pool, async (client) => {
      const bounds = await client.query<{ cut: number; previous: number }>(
        `SELECT GREATEST(
           COALESCE((SELECT id FROM event_log ORDER BY id DESC LIMIT 1 OFFSET $1), 0),
           COALESCE((SELECT MAX(id) FROM event_log WHERE server_ts < $2), 0)) AS cut,
         COALESCE((SELECT value::bigint FROM meta WHERE key = $3), 0) AS previous`,
        [keep, before, TRIMMED_KEY],
      );
      // The log is trimmed as an id prefix, so "everything up to N is gone" stays exact.
      const { cut, previous } = bounds.rows[0]!;
      if (cut <= previous) return { deleted: 0, through: previous };
      const deleted = await client.query('DELETE FROM event_log WHERE id <= $1', [cut]);
      await client.query(UPSERT_META, [TRIMMED_KEY, String(cut)]);
      return { deleted: deleted.rowCount ?? 0, through: cut };
    });
  }
}
