import { z } from 'zod';

/** Canonical node types (§2). Firmware project names such as `pump_node` are not types. */
export const NODE_TYPES = [
  'ph',
  'ec',
  'climate',
  'irrig',
  'light',
  'relay',
  'water_sensor',
  'recirculation',
  'unknown',
] as const;
export const NodeTypeSchema = z.enum(NODE_TYPES);
export type NodeType = z.infer<typeof NodeTypeSchema>;

/**
 * The backend rejects aliases rather than guessing: anything outside the canonical set, including
 * other casings, becomes `unknown` (§2, §4.5).
 */
export function normalizeNodeType(raw: unknown): NodeType {
  const parsed = NodeTypeSchema.safeParse(raw);
  return parsed.success ? parsed.data : 'unknown';
}

/**
 * Statuses a node may put in a `command_response` (§4.9). The firmware never emits `TIMEOUT`,
 * but it is part of the node-side contract and accepted.
 */
export const NODE_COMMAND_STATUSES = [
  'ACK',
  'DONE',
  'ERROR',
  'INVALID',
  'BUSY',
  'NO_EFFECT',
  'TIMEOUT',
] as const;
export const NodeCommandStatusSchema = z.enum(NODE_COMMAND_STATUSES);
export type NodeCommandStatus = z.infer<typeof NodeCommandStatusSchema>;

/** Statuses of a stored command: the node set plus the backend-only ones (§7.2). */
export const COMMAND_STATUSES = [
  'QUEUED',
  'SENT',
  'SEND_FAILED',
  ...NODE_COMMAND_STATUSES,
] as const;
export const CommandStatusSchema = z.enum(COMMAND_STATUSES);
export type CommandStatus = z.infer<typeof CommandStatusSchema>;

export const TERMINAL_COMMAND_STATUSES = [
  'DONE',
  'NO_EFFECT',
  'ERROR',
  'INVALID',
  'BUSY',
  'TIMEOUT',
  'SEND_FAILED',
] as const satisfies readonly CommandStatus[];
export type TerminalCommandStatus = (typeof TERMINAL_COMMAND_STATUSES)[number];

export function isTerminalCommandStatus(status: CommandStatus): status is TerminalCommandStatus {
  return (TERMINAL_COMMAND_STATUSES as readonly CommandStatus[]).includes(status);
}

/** Ranks of the monotonic status machine (§7.2): QUEUED 0 < SENT 2 < ACK 3 < terminal 4. */
export const COMMAND_STATUS_RANK: Readonly<Record<CommandStatus, number>> = {
  QUEUED: 0,
  SENT: 2,
  ACK: 3,
  DONE: 4,
  NO_EFFECT: 4,
  ERROR: 4,
  INVALID: 4,
  BUSY: 4,
  TIMEOUT: 4,
  SEND_FAILED: 4,
};

/**
 * Whether a stored command may move from `from` to `to`. Only forward moves are allowed, so the
 * first terminal status wins and a late SENT or ACK is ignored. The one way back out of a
 * terminal status is a republish of a SEND_FAILED row, which never reached the node (§7.6).
 */
export function canAdvanceCommandStatus(from: CommandStatus, to: CommandStatus): boolean {
  if (from === 'SEND_FAILED' && to === 'SENT') return true;
  return COMMAND_STATUS_RANK[to] > COMMAND_STATUS_RANK[from];
}
