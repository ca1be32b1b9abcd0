import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { CommandView, SendCommandRequest } from '@contracts/devices.js';
import type { RealtimeEvent } from '@contracts/realtime.js';
import { fetchNodeCommands, sendNodeCommand } from '../api/nodes.js';

type CommandEvent = Extract<RealtimeEvent, { event: 'command.status' }>;

/** How many commands per node the detail page keeps (newest first). */
export const RECENT_COMMANDS = 20;

/**
 * Recent commands per node, kept current by `command.status` events so a page shows the
 * ACK → DONE progression as the node reports it.
 */
export const useCommandsStore = defineStore('commands', () => {
  const byNode = shallowRef<ReadonlyMap<number, readonly CommandView[]>>(new Map());
  let lastEventId = -1;

  function recentFor(nodeId: number): readonly CommandView[] {
    return byNode.value.get(nodeId) ?? [];
  }

  function find(nodeId: number, cmdId: string): CommandView | undefined {
    return recentFor(nodeId).find((c) => c.cmd_id === cmdId);
  }

  async function load(nodeId: number): Promise<void> {
    const fetched = await fetchNodeCommands(nodeId, RECENT_COMMANDS);
    // Events that arrived during the fetch may be newer than the fetched rows: keep those.
    let merged: readonly CommandView[] = fetched;
    for (const live of recentFor(nodeId)) merged = merge(merged, live);
    set(nodeId, merged);
  }

  async function send(nodeId: number, request: SendCommandRequest): Promise<CommandView> {
    const command = await sendNodeCommand(nodeId, request);
    take(command);
    return find(nodeId, command.cmd_id) ?? command;
  }

  function applyEvent(event: CommandEvent): void {
    if (event.event_id <= lastEventId) return;
    lastEventId = event.event_id;
    take(event.data.command);
  }

  function take(command: CommandView): void {
    if (command.node_id === null) return;
    set(command.node_id, merge(recentFor(command.node_id), command));
  }

  function set(nodeId: number, list: readonly CommandView[]): void {
    byNode.value = new Map(byNode.value).set(nodeId, list);
  }

  function restartStream(): void {
    lastEventId = -1;
  }

  return { recentFor, find, load, send, applyEvent, restartStream };
});

/** Status order of a command's life: a late ACK must never overwrite a DONE already shown. */
function progress(command: CommandView): number {
  if (command.terminal_at !== null) return 3;
  if (command.ack_at !== null) return 2;
  if (command.sent_at !== null) return 1;
  return 0;
}

/** Inserts or replaces by `cmd_id` (never moving a command backwards), newest first, capped. */
export function merge(list: readonly CommandView[], command: CommandView): CommandView[] {
  const existing = list.find((c) => c.cmd_id === command.cmd_id);
  if (existing && progress(existing) > progress(command)) return [...list];
  const rest = list.filter((c) => c.cmd_id !== command.cmd_id);
  return [command, ...rest]
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
    .slice(0, RECENT_COMMANDS);
}
