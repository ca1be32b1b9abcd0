import type {
  ChannelRecord,
  CommandRecord,
  CommandStatus,
  NodeErrorInput,
  NodeEventInput,
  NodePatch,
  NodeRecord,
  SampleInput,
} from './types.js';
import type {
  ApiTokenRecord,
  AuditEntryInput,
  AuditQuery,
  AuditRecord,
  SessionRecord,
  UserPatch,
  UserRecord,
} from './access-types.js';
import type { TelemetryHistory } from './telemetry-history.js';
import type {
  BindingRepo,
  CatalogRepo,
  CycleRepo,
  GreenhouseRepo,
  NutrientProductRecord,
  PlantRecord,
  RecipeRepo,
  ZoneRepo,
} from './domain-types.js';
import type { AlertRepo, EventLogRepo, ZoneEventRepo } from './alerts-events-types.js';
import type { SettingsRepo } from './settings-types.js';
import type { CalibrationRepo } from './calibration-types.js';
import type { ScheduleRepo, TaskRepo, ZoneRuntimeRepo } from './automation-types.js';

/**
 * The storage seam (architecture.md §5): repositories speak domain records, never SQL. Every
 * method is async so a PostgreSQL implementation fits the same interface.
 */
export interface Storage {
  greenhouses: GreenhouseRepo;
  zones: ZoneRepo;
  nodes: NodeRepo;
  commands: CommandRepo;
  telemetry: TelemetryRepo;
  /** History, export, retention and disk usage over the telemetry tables. */
  telemetryHistory: TelemetryHistory;
  /** Node and zone events: the zone timeline. */
  events: ZoneEventRepo;
  alerts: AlertRepo;
  /** Realtime events kept for catch-up after a reconnect. */
  eventLog: EventLogRepo;
  users: UserRepo;
  sessions: SessionRepo;
  apiTokens: ApiTokenRepo;
  audit: AuditRepo;
  /** Which node channel plays which role in a zone. */
  bindings: BindingRepo;
  plants: CatalogRepo<PlantRecord>;
  nutrientProducts: CatalogRepo<NutrientProductRecord>;
  recipes: RecipeRepo;
  cycles: CycleRepo;
  /** Runtime settings documents (notification channels…). */
  settings: SettingsRepo;
  /** Pump calibration records and sensor calibration sessions. */
  calibrations: CalibrationRepo;
  /** Zone automation tasks: at most one active task (the single writer) per zone. */
  tasks: TaskRepo;
  /** Scheduler cursors and the record of what became of each slot. */
  schedule: ScheduleRepo;
  /** Per-zone runtime memory that outlives a task (baselines, latches, learned gains). */
  zoneRuntime: ZoneRuntimeRepo;
}

export type { GreenhouseRepo, ZoneRepo } from './domain-types.js';

export interface NodeRepo {
  list(): Promise<NodeRecord[]>;
  byId(id: number): Promise<NodeRecord | null>;
  byUid(uid: string): Promise<NodeRecord | null>;
  byHardwareId(hardwareId: string): Promise<NodeRecord | null>;
  create(input: Omit<NodeRecord, 'id'>): Promise<NodeRecord>;
  update(id: number, patch: NodePatch): Promise<NodeRecord>;
  /** Replace the node's channels with the reported set (firmware owns the channel map). */
  replaceChannels(nodeId: number, channels: ChannelRecord[]): Promise<void>;
  channels(nodeId: number): Promise<ChannelRecord[]>;
  addError(input: NodeErrorInput): Promise<void>;
  /** Attach errors kept for an unknown hardware id to the node that now owns it. */
  adoptErrors(hardwareId: string, nodeId: number): Promise<number>;
  errors(nodeId: number, limit: number): Promise<NodeErrorInput[]>;
}

export interface CommandRepo {
  insert(input: Omit<CommandRecord, 'id'>): Promise<CommandRecord>;
  byCmdId(cmdId: string): Promise<CommandRecord | null>;
  /**
   * Move to `status` only if the current status is one of `from` (a conditional update, so
   * concurrent responses cannot move a command backwards). Returns the row when it moved.
   */
  transition(
    cmdId: string,
    from: CommandStatus[],
    to: CommandStatus,
    fields: Partial<
      Pick<
        CommandRecord,
        | 'errorCode'
        | 'errorMessage'
        | 'details'
        | 'sentAt'
        | 'ackAt'
        | 'terminalAt'
        | 'deadlineAt'
        | 'attempts'
        | 'ts'
      >
    >,
    now: number,
  ): Promise<CommandRecord | null>;
  /** Commands still waiting (SENT or ACK) whose deadline has passed. */
  overdue(now: number): Promise<CommandRecord[]>;
  listForNode(nodeId: number, limit: number, beforeId?: number): Promise<CommandRecord[]>;
  /** A zone's commands, newest first; `statuses` (when given) keeps only those statuses. */
  listForZone(zoneId: number, limit: number, statuses?: CommandStatus[]): Promise<CommandRecord[]>;
}

export interface TelemetryRepo {
  insertSamples(samples: SampleInput[]): Promise<number>;
  latest(nodeId: number, limit: number): Promise<SampleInput[]>;
}

export interface NodeEventRepo {
  insert(event: NodeEventInput): Promise<number>;
}

export interface UserRepo {
  /** Throws EmailTakenError when another account has the email. */
  create(
    input: Omit<UserRecord, 'id' | 'createdAt' | 'updatedAt'>,
    now: number,
  ): Promise<UserRecord>;
  byId(id: number): Promise<UserRecord | null>;
  /** Emails are stored lower-cased; pass the lower-cased form. */
  byEmail(email: string): Promise<UserRecord | null>;
  list(): Promise<UserRecord[]>;
  count(): Promise<number>;
  /** Enabled admins other than `exceptId`: what is left if that user stops being one. */
  countActiveAdmins(exceptId?: number): Promise<number>;
  /** Null when there is no such user; throws EmailTakenError on a duplicate email. */
  update(id: number, patch: UserPatch, now: number): Promise<UserRecord | null>;
  delete(id: number): Promise<boolean>;
}

export interface SessionRepo {
  create(input: { tokenHash: string; userId: number }, now: number): Promise<SessionRecord>;
  byTokenHash(tokenHash: string): Promise<SessionRecord | null>;
  touch(id: number, now: number): Promise<void>;
  delete(id: number): Promise<boolean>;
  deleteForUser(userId: number): Promise<number>;
  /** Remove sessions idle since before `cutoff`; returns how many went. */
  deleteIdleBefore(cutoff: number): Promise<number>;
}

export interface ApiTokenRepo {
  create(
    input: { userId: number; name: string; tokenHash: string },
    now: number,
  ): Promise<ApiTokenRecord>;
  /** The token with this hash, revoked or not (the caller decides what a revoked one means). */
  byTokenHash(tokenHash: string): Promise<ApiTokenRecord | null>;
  listForUser(userId: number): Promise<ApiTokenRecord[]>;
  /** Revoke the user's token; false when it is not theirs or already revoked. */
  revoke(id: number, userId: number, now: number): Promise<boolean>;
  touch(id: number, now: number): Promise<void>;
}

export interface AuditRepo {
  insert(entry: AuditEntryInput): Promise<number>;
  list(q: AuditQuery): Promise<AuditRecord[]>;
}
