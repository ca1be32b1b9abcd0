import { z } from 'zod';
import {
  EmergencyStopResultSchema,
  ManualStepResultSchema,
  StartedTaskSchema,
  ZoneAutomationStateSchema,
  type EmergencyStopResult,
  type ManualStepResult,
  type StartIrrigationRequest,
  type StartedTask,
  type ZoneAutomationState,
} from '@contracts/automation.js';
import { CommandViewSchema, type CommandView } from '@contracts/devices.js';
import { ZoneScheduleViewSchema, type ZoneScheduleView } from '@contracts/schedule.js';
import { getData, sendData } from './http.js';

/** The zone runtime and its scheduler (reference-backend-ui §2.3, §2.4). */

export function fetchAutomationState(zoneId: number): Promise<ZoneAutomationState> {
  return getData(`/api/zones/${zoneId}/state`, ZoneAutomationStateSchema);
}

/** The zone's newest commands (every node of the zone), newest first. */
export function fetchZoneCommands(zoneId: number, perPage = 100): Promise<CommandView[]> {
  return getData(`/api/zones/${zoneId}/commands?per_page=${perPage}`, z.array(CommandViewSchema));
}

export function fetchZoneSchedule(
  zoneId: number,
  horizon: ZoneScheduleView['horizon'],
): Promise<ZoneScheduleView> {
  return getData(`/api/zones/${zoneId}/schedule?horizon=${horizon}`, ZoneScheduleViewSchema);
}

/** Tasks an operator starts by hand; irrigation takes its mode and duration. */
export type StartKind = 'start-cycle' | 'start-solution-topup' | 'start-solution-change';

export function startTask(zoneId: number, kind: StartKind): Promise<StartedTask> {
  return sendData('POST', `/api/zones/${zoneId}/${kind}`, {}, StartedTaskSchema);
}

export function startIrrigation(
  zoneId: number,
  request: StartIrrigationRequest,
): Promise<StartedTask> {
  return sendData('POST', `/api/zones/${zoneId}/start-irrigation`, request, StartedTaskSchema);
}

export function sendManualStep(zoneId: number, step: string): Promise<ManualStepResult> {
  return sendData(
    'POST',
    `/api/zones/${zoneId}/manual-step`,
    { manual_step: step },
    ManualStepResultSchema,
  );
}

export function emergencyStop(
  zoneId: number,
  reason: string | undefined,
): Promise<EmergencyStopResult> {
  return sendData(
    'POST',
    `/api/zones/${zoneId}/emergency-stop`,
    reason ? { reason } : {},
    EmergencyStopResultSchema,
  );
}
