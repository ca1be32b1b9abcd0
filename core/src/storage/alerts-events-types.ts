import type { AlertSeverity, AlertSource, AlertStatus } from '../contracts/alerts.js';
import type { NodeEventRepo } from './storage.js';

/** Alerts, the zone timeline and the realtime event log (times are Unix ms). */
export interface AlertRecord {
  id: number;
  /** Null for infrastructure alerts that belong to no zone. */
  zoneId: number | null;
  code: string;
  source: AlertSource;
  severity: AlertSeverity;
  status: AlertStatus;
  dedupeKey: string;
  count: number;
  message: string;
  details: Record<string, unknown> | null;
  firstSeenAt: number;
  lastSeenAt: number;
  resolvedAt: number | null;
  resolvedBy: string | null;
}

export type NewAlert = Pick<
  AlertRecord,
  'zoneId' | 'code' | 'source' | 'severity' | 'dedupeKey' | 'message' | 'details'
>;

/** A repeat of an active alert: the newest message, details merged over the old ones. */
export interface AlertRepeat {
  message: string;
  details: Record<string, unknown> | null;
}

export interface AlertQuery {
  status?: AlertStatus;
  zoneId?: number;
  severity?: AlertSeverity;
  source?: AlertSource;
  code?: string;
  limit: number;
  offset: number;
}

export interface AlertRepo {
  /** Count a repeat of the ACTIVE alert with this key; null when there is none. */
  repeat(dedupeKey: string, repeat: AlertRepeat, now: number): Promise<AlertRecord | null>;
  /**
   * Open an ACTIVE alert; if one with the same key became active meanwhile, that one is
   * repeated instead (`created` false). At most one ACTIVE alert exists per key.
   */
  open(alert: NewAlert, now: number): Promise<{ alert: AlertRecord; created: boolean }>;
  byId(id: number): Promise<AlertRecord | null>;
  byIds(ids: number[]): Promise<AlertRecord[]>;
  /** Newest first, with the total matching count for pagination. */
  list(q: AlertQuery): Promise<{ alerts: AlertRecord[]; total: number }>;
  /** Resolve those of `ids` that are ACTIVE; returns the alerts it resolved. */
  resolve(ids: number[], by: string, now: number): Promise<AlertRecord[]>;
  resolveByKey(dedupeKey: string, by: string, now: number): Promise<AlertRecord | null>;
  hasActive(zoneId: number, severities: AlertSeverity[]): Promise<boolean>;
  countActiveBySeverity(): Promise<Record<AlertSeverity, number>>;
}

/** A timeline entry: a row of `node_events` that belongs to a zone. */
export interface ZoneEventRecord {
  id: number;
  zoneId: number;
  nodeId: number | null;
  channel: string | null;
  type: string;
  payload: Record<string, unknown>;
  ts: number;
}

export interface ZoneEventQuery {
  afterId?: number;
  beforeId?: number;
  limit: number;
}

/** Node and zone events: written by `insert`, read per zone as its timeline. */
export interface ZoneEventRepo extends NodeEventRepo {
  /**
   * In id order: the first `limit` after `afterId`, or the last `limit` before `beforeId` (the
   * newest when neither is given).
   */
  list(zoneId: number, q: ZoneEventQuery): Promise<ZoneEventRecord[]>;
  /** The newest entry's id, 0 when the zone has none. */
  latestId(zoneId: number): Promise<number>;
}

/** A realtime event as the event log keeps it; `id` is its `event_id`. */
export interface LoggedEvent {
  id: number;
  channel: string;
  event: string;
  zoneId: number | null;
  /** Capability needed to see it beyond `view`, or null. */
  capability: string | null;
  data: unknown;
  serverTs: number;
}

export interface EventLogState {
  /** The newest stored id, 0 when empty. */
  lastId: number;
  /** Ids up to here may have been handed out by an earlier run (see EventLog). */
  reservedId: number;
  /** Events up to this id were trimmed; 0 when nothing was. */
  trimmedThrough: number;
}

export interface EventLogQuery {
  afterId: number;
  /** Inclusive upper bound. */
  upTo: number;
  /** Restricted capabilities the reader holds: other restricted events are left out. */
  capabilities: string[];
  limit: number;
}

export interface EventLogRepo {
  append(events: LoggedEvent[]): Promise<void>;
  /** In id order. */
  after(q: EventLogQuery): Promise<LoggedEvent[]>;
  state(): Promise<EventLogState>;
  reserve(id: number): Promise<void>;
  /**
   * Delete events older than `before` and all but the newest `keep`, as an id prefix. Returns
   * how many went and the id everything up to which is now gone (0 when nothing ever was).
   */
  trim(before: number, keep: number): Promise<{ deleted: number; through: number }>;
}
