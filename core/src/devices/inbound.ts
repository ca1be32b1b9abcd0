import type { ParsedTopic } from '../protocol/topics.js';
import type { DirectoryEntry, NodeDirectory } from './node-directory.js';

/** Why an inbound message was dropped; counted per topic kind for the System page and /metrics. */
export type DropReason =
  | 'bad_topic'
  | 'oversized'
  | 'invalid_json'
  | 'not_object'
  | 'schema'
  | 'unknown_node'
  | 'namespace_mismatch'
  | 'unassigned'
  | 'unknown_command'
  | 'stale';

export class DropCounter {
  private readonly counts = new Map<string, number>();
  private accepted = 0;

  drop(kind: string, reason: DropReason): void {
    const key = `${kind}:${reason}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  accept(): void {
    this.accepted++;
  }

  /** `{ "telemetry:schema": 3, … }` plus totals. */
  snapshot(): { accepted: number; dropped: number; byReason: Record<string, number> } {
    const byReason = Object.fromEntries(this.counts);
    const dropped = [...this.counts.values()].reduce((a, b) => a + b, 0);
    return { accepted: this.accepted, dropped, byReason };
  }
}

export type NodeScopedTopic = Extract<ParsedTopic, { scope: 'node' | 'channel' }>;

/**
 * Which node sent a message, by the topic alone (the topic, not the payload, is authoritative,
 * reference §13.6). A node must publish in its current namespace, or in the namespace of a bind in
 * progress (it moves there before it confirms); in the temp namespace the segment is a hardware
 * id. Stale retained topics of a namespace the node has left therefore resolve to
 * `namespace_mismatch`, never to the node that has moved on.
 */
export function resolveSender(
  directory: NodeDirectory,
  topic: NodeScopedTopic,
): { entry: DirectoryEntry } | { reason: 'unknown_node' | 'namespace_mismatch' } {
  const entry = topic.temp ? directory.byHardwareId(topic.node) : directory.get(topic.node);
  if (!entry || entry.decommissioned) return { reason: 'unknown_node' };
  const inCurrent = entry.gh === topic.gh && entry.zone === topic.zone;
  const inPending = entry.pending?.gh === topic.gh && entry.pending.zone === topic.zone;
  if (!inCurrent && !inPending) return { reason: 'namespace_mismatch' };
  return { entry };
}
