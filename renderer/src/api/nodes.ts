import { z } from 'zod';
import {
  CommandViewSchema,
  NodeViewSchema,
  type CommandView,
  type NodeView,
  type SendCommandRequest,
} from '@contracts/devices.js';
import { getData, sendData } from './http.js';

/** An error a node reported (`GET /api/nodes/{id}` `recent_errors`). */
const NodeErrorSchema = z.object({
  level: z.string(),
  component: z.string(),
  errorCode: z.string(),
  message: z.string(),
  ts: z.number(),
});
export type NodeError = z.infer<typeof NodeErrorSchema>;

/** A node with its stored NodeConfig (secrets already removed by the core) and recent errors. */
const NodeDetailSchema = NodeViewSchema.extend({
  config: z.record(z.string(), z.unknown()).nullable(),
  recent_errors: z.array(NodeErrorSchema),
});
export type NodeDetail = z.infer<typeof NodeDetailSchema>;

const LastValueSchema = z.object({
  channel: z.string(),
  metric_type: z.string(),
  ts: z.number(),
  value: z.number(),
  quality: z.string(),
});
export type LastValue = z.infer<typeof LastValueSchema>;

const SentCommandSchema = z.object({ command: CommandViewSchema, skipped: z.boolean() });

export function fetchNodes(): Promise<NodeView[]> {
  return getData('/api/nodes', z.array(NodeViewSchema));
}

export function fetchNode(id: number): Promise<NodeDetail> {
  return getData(`/api/nodes/${id}`, NodeDetailSchema);
}

export function fetchLastValues(id: number): Promise<LastValue[]> {
  return getData(`/api/nodes/${id}/telemetry/last`, z.array(LastValueSchema));
}

export function fetchNodeCommands(id: number, limit = 20): Promise<CommandView[]> {
  return getData(`/api/nodes/${id}/commands?limit=${limit}`, z.array(CommandViewSchema));
}

/** Sends a signed command through the core's gateway; resolves once it is queued or sent. */
export async function sendNodeCommand(id: number, request: SendCommandRequest) {
  const result = await sendData('POST', `/api/nodes/${id}/commands`, request, SentCommandSchema);
  return result.command;
}

/** Unbinds the node from its zone; it keeps reporting in the temp namespace. */
export function detachNode(id: number): Promise<NodeView> {
  return sendData('POST', `/api/nodes/${id}/detach`, undefined, NodeViewSchema);
}

/**
 * Moves the node into a zone. The core only marks it pending and sends the node its NodeConfig;
 * the node is bound when it confirms with a config report (a `device.updated` says so).
 */
export function assignNode(id: number, zoneId: number): Promise<NodeView> {
  return sendData('PATCH', `/api/nodes/${id}`, { zone_id: zoneId }, NodeViewSchema);
}
