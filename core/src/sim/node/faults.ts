/**
 * Faults a simulated node can be told to have, switched at runtime by tests and the demo UI.
 * Every field is independent; `NO_FAULTS` is a healthy node.
 */
export type ForcedStatus = 'ERROR' | 'INVALID' | 'BUSY' | 'NO_EFFECT';

export interface ForcedResponse {
  readonly status: ForcedStatus;
  readonly error_code?: string;
  readonly error_message?: string;
}

export interface NodeFaults {
  /** Probability 0..1 that a command response is lost after the node acted on the command. */
  readonly dropResponses: number;
  /** Every command response leaves this much later. */
  readonly delayResponsesMs: number;
  /** Every command response is published twice (QoS 1 redelivery seen from the backend). */
  readonly duplicateResponses: boolean;
  /** The command task hangs: commands are neither executed nor answered. */
  readonly ignoreCommands: boolean;
  /** By command name (or by `cmd_id`): answer with this status instead of executing. */
  readonly forcedResponses: Readonly<Record<string, ForcedResponse>>;
  /** By channel: the sensor is stuck at this value, or (null) at its last reading. */
  readonly stuckSensors: Readonly<Record<string, number | null>>;
  /** By channel: noise is multiplied by this factor. */
  readonly noisySensors: Readonly<Record<string, number>>;
  /** Sensor channels whose reads fail. */
  readonly failedSensors: readonly string[];
  /** Dosing pumps with an empty reagent bottle: they run and report DONE, the tank gets nothing. */
  readonly emptyReagents: readonly string[];
  /**
   * INA209 reading for a running pump in mA: a number overrides the realistic value, null means
   * no valid reading (`current_unavailable`).
   */
  readonly pumpCurrentMa?: number | null;
}

export const NO_FAULTS: NodeFaults = {
  dropResponses: 0,
  delayResponsesMs: 0,
  duplicateResponses: false,
  ignoreCommands: false,
  forcedResponses: {},
  stuckSensors: {},
  noisySensors: {},
  failedSensors: [],
  emptyReagents: [],
};

export type FaultPatch = Partial<NodeFaults>;
