import type {
  ChannelRecord,
  CommandRecord,
  CommandStatus,
  GreenhouseRecord,
  NodeErrorInput,
  NodeEventInput,
  NodePatch,
  NodeRecord,
  SampleInput,
  ZoneRecord,
} from './types.js';

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
  events: NodeEventRepo;
}

export interface GreenhouseRepo {
  create(
    input: { uid: string; name: string; timezone: string },
    now: number,
  ): Promise<GreenhouseRecord>;
  byUid(uid: string): Promise<GreenhouseRecord | null>;
}

export interface ZoneRepo {
  create(
    input: { greenhouseId: number; uid: string; name: string },
    now: number,
  ): Promise<ZoneRecord>;
  byId(id: number): Promise<ZoneRecord | null>;
  byUid(uid: string): Promise<ZoneRecord | null>;
  list(): Promise<ZoneRecord[]>;
}

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
}

export interface TelemetryRepo {
  insertSamples(samples: SampleInput[]): Promise<number>;
  latest(nodeId: number, limit: number): Promise<SampleInput[]>;
}

export interface NodeEventRepo {
  insert(event: NodeEventInput): Promise<number>;
}
