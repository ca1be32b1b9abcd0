import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { TaskView, ZoneAutomationState } from '@contracts/automation.js';
import type { CommandView } from '@contracts/devices.js';
import type { ZoneEventView } from '@contracts/events.js';
import type { RealtimeEvent } from '@contracts/realtime.js';
import { fetchAutomationState, fetchZoneCommands } from '../api/automation.js';
import { fetchZoneEvents } from '../api/zones.js';
import { toLoadError, type LoadError } from './load-error.js';
import { useZoneActivityStore } from './zones.js';

type TaskEvent = Extract<RealtimeEvent, { event: 'automation.task' }>;

/** Timeline entries that are a dose the correction gave (reference-domain §4). */
export const DOSE_EVENTS: readonly string[] = ['EC_DOSING', 'PH_CORRECTED'];
/** Timeline entries after which the runtime state (levels, allowed steps) is worth refetching. */
const STATE_EVENTS = new Set([
  'LEVEL_SWITCH_CHANGED',
  'WORKFLOW_PHASE_CHANGED',
  'CONTROL_MODE_CHANGED',
  'AE_TASK_COMPLETED',
  'AE_TASK_FAILED',
]);
const ZONE_COMMANDS = 100;
const DOSES_KEPT = 20;
const REFETCH_DEBOUNCE_MS = 250;

/** What the Process tab shows of one zone. */
export interface ZoneRuntime {
  state: ZoneAutomationState;
  commands: readonly CommandView[];
  doses: readonly ZoneEventView[];
}

/** The newest dose entries of a timeline page (oldest first in the page). */
function recentDoses(events: readonly ZoneEventView[]): ZoneEventView[] {
  return events
    .filter((e) => DOSE_EVENTS.includes(e.type))
    .reverse()
    .slice(0, DOSES_KEPT);
}

/**
 * The zone runtime of the zones a page watches: the state over HTTP, then `automation.task`,
 * `command.status` and timeline events keep it current. A task is saved (and announced) on
 * every poll, so the state is refetched only when something a grower sees changed.
 */
export const useAutomationStore = defineStore('automation', () => {
  const activity = useZoneActivityStore();
  const zones = shallowRef<ReadonlyMap<number, ZoneRuntime>>(new Map());
  const error = ref<LoadError | null>(null);
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  const requests = new Map<number, number>();
  let lastEventId = -1;

  const runtimeOf = (zoneId: number) => zones.value.get(zoneId);

  function put(zoneId: number, patch: Partial<ZoneRuntime>): void {
    const current = zones.value.get(zoneId);
    // Only a full load starts holding a zone.
    if (!current && !(patch.state && patch.commands && patch.doses)) return;
    zones.value = new Map(zones.value).set(zoneId, { ...current!, ...patch });
  }

  /** Everything the Process tab shows of a zone; a reload keeps live entries fetched meanwhile. */
  const load = (zoneId: number) => fetchInto(zoneId, true);
  /** The state and the commands (a poll as well: the tab stays right if events stall). */
  const refreshState = (zoneId: number) => fetchInto(zoneId, false);

  async function fetchInto(zoneId: number, withDoses: boolean): Promise<void> {
    const asked = (requests.get(zoneId) ?? 0) + 1;
    requests.set(zoneId, asked);
    try {
      const [state, commands, events] = await Promise.all([
        fetchAutomationState(zoneId),
        fetchZoneCommands(zoneId, ZONE_COMMANDS),
        withDoses ? fetchZoneEvents(zoneId, null, 200) : null,
      ]);
      // A later request answers for both; an earlier answer arriving late would go backwards.
      if (requests.get(zoneId) !== asked) return;
      const held = runtimeOf(zoneId);
      let merged: readonly CommandView[] = commands;
      for (const live of held?.commands ?? []) merged = mergeCommand(merged, live);
      const doses = events ? recentDoses(events.events) : (held?.doses ?? []);
      put(zoneId, { state: newer(held?.state, state), commands: merged, doses });
      error.value = null;
    } catch (cause) {
      error.value = toLoadError(cause);
    }
  }

  /** Refetches soon, once for a burst of events (a stop plan saves the task per command). */
  function refreshSoon(zoneId: number): void {
    if (!zones.value.has(zoneId) || timers.has(zoneId)) return;
    timers.set(
      zoneId,
      setTimeout(() => {
        timers.delete(zoneId);
        void refreshState(zoneId);
      }, REFETCH_DEBOUNCE_MS),
    );
  }

  function applyEvent(event: TaskEvent): void {
    if (event.event_id <= lastEventId) return;
    lastEventId = event.event_id;
    const { zone_id: zoneId, task } = event.data;
    const held = runtimeOf(zoneId);
    if (!held) return;
    const { state, changed } = withTask(held.state, task);
    put(zoneId, { state });
    if (changed) refreshSoon(zoneId);
  }

  /** A command of any node: kept for the zone it belongs to, if watched. */
  function takeCommand(command: CommandView): void {
    if (command.zone_id === null) return;
    const held = runtimeOf(command.zone_id);
    if (held) put(command.zone_id, { commands: mergeCommand(held.commands, command) });
  }

  // Timeline entries arrive through the zone activity store (newest first): doses are listed,
  // level and phase changes refetch the state.
  let lastLiveId = -1;
  watch(
    () => activity.liveEvents,
    (events) => {
      const fresh = events.filter((e) => e.id > lastLiveId).reverse();
      lastLiveId = Math.max(lastLiveId, ...events.map((e) => e.id));
      for (const event of fresh) takeEvent(event);
    },
  );

  function takeEvent(event: ZoneEventView): void {
    const held = runtimeOf(event.zone_id);
    if (!held) return;
    if (DOSE_EVENTS.includes(event.type) && !held.doses.some((d) => d.id === event.id))
      put(event.zone_id, { doses: [event, ...held.doses].slice(0, DOSES_KEPT) });
    if (STATE_EVENTS.has(event.type)) refreshSoon(event.zone_id);
  }

  const restartStream = () => void (lastEventId = -1);

  return { error, runtimeOf, load, refreshState, applyEvent, takeCommand, restartStream };
});

/** The fetched state, unless an event already brought a later save of the same task. */
function newer(
  held: ZoneAutomationState | undefined,
  fetched: ZoneAutomationState,
): ZoneAutomationState {
  const [mine, theirs] = [held?.active_task, fetched.active_task];
  if (!mine || mine.id !== theirs?.id || mine.updated_at <= theirs.updated_at) return fetched;
  return { ...fetched, active_task: mine, current_stage: mine.stage };
}

/**
 * The state with the task an event announced; `changed` when a grower would see a difference
 * (another task, stage, plan step or an ending), which is worth a refetch of allowed steps.
 */
function withTask(
  state: ZoneAutomationState,
  task: TaskView,
): { state: ZoneAutomationState; changed: boolean } {
  const before = state.active_task;
  const active = task.status === 'active';
  const changed =
    !active ||
    before?.id !== task.id ||
    before.stage !== task.stage ||
    before.plan?.name !== task.plan?.name ||
    before.plan?.index !== task.plan?.index;
  return {
    state: {
      ...state,
      active_task: active ? task : null,
      current_stage: active ? task.stage : null,
      last_terminal_task: active ? state.last_terminal_task : task,
    },
    changed,
  };
}

/** How far a command got: a late ACK must never overwrite a DONE already shown. */
function progress(command: CommandView): number {
  if (command.terminal_at !== null) return 3;
  if (command.ack_at !== null) return 2;
  return command.sent_at !== null ? 1 : 0;
}

/** Inserts or replaces by `cmd_id` (never backwards), newest first, capped. */
function mergeCommand(list: readonly CommandView[], command: CommandView): CommandView[] {
  const existing = list.find((c) => c.cmd_id === command.cmd_id);
  if (existing && progress(existing) > progress(command)) return [...list];
  return [command, ...list.filter((c) => c.cmd_id !== command.cmd_id)]
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
    .slice(0, ZONE_COMMANDS);
}
