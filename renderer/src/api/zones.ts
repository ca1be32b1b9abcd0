import { z } from 'zod';
import { BindingViewSchema, type BindingRole, type BindingView } from '@contracts/bindings.js';
import { ZoneEventsPageSchema } from '@contracts/events.js';
import { GreenhouseViewSchema, type GreenhouseView } from '@contracts/greenhouses.js';
import {
  EffectiveTargetsSchema,
  ZoneDetailSchema,
  ZoneViewSchema,
  type ControlMode,
  type EffectiveTargets,
  type UpdateZoneRequest,
  type ZoneDetail,
  type ZoneTopology,
  type ZoneView,
} from '@contracts/zones.js';
import { getData, sendData } from './http.js';

/** Greenhouses, zones, their targets, role bindings and timeline (reference-backend-ui §2.2–2.5). */

export function fetchGreenhouses(): Promise<GreenhouseView[]> {
  return getData('/api/greenhouses', z.array(GreenhouseViewSchema));
}

export function createGreenhouse(input: {
  name: string;
  timezone: string;
}): Promise<GreenhouseView> {
  return sendData('POST', '/api/greenhouses', input, GreenhouseViewSchema);
}

export function fetchZones(): Promise<ZoneView[]> {
  return getData('/api/zones', z.array(ZoneViewSchema));
}

/** The zone with its nodes and running cycle. */
export function fetchZone(id: number): Promise<ZoneDetail> {
  return getData(`/api/zones/${id}`, ZoneDetailSchema);
}

export function createZone(input: {
  greenhouse_id: number;
  name: string;
  topology: ZoneTopology;
}): Promise<ZoneView> {
  return sendData('POST', '/api/zones', input, ZoneViewSchema);
}

/** Name, description, topology or settings; `settings` replaces the stored document whole. */
export function updateZone(id: number, body: UpdateZoneRequest): Promise<ZoneDetail> {
  return sendData('PATCH', `/api/zones/${id}`, body, ZoneDetailSchema);
}

/** An operator may only switch to manual, and must say why (the core enforces both). */
export function setControlMode(
  id: number,
  mode: ControlMode,
  reason: string | undefined,
): Promise<ZoneView> {
  const body = reason ? { control_mode: mode, reason } : { control_mode: mode };
  return sendData('PATCH', `/api/zones/${id}/control-mode`, body, ZoneViewSchema);
}

export function fetchEffectiveTargets(id: number): Promise<EffectiveTargets> {
  return getData(`/api/zones/${id}/effective-targets`, EffectiveTargetsSchema);
}

export function fetchBindings(zoneId: number): Promise<BindingView[]> {
  return getData(`/api/zones/${zoneId}/bindings`, z.array(BindingViewSchema));
}

export function putBinding(
  zoneId: number,
  role: BindingRole,
  target: { node_id: number; channel: string },
): Promise<BindingView> {
  return sendData('PUT', `/api/zones/${zoneId}/bindings/${role}`, target, BindingViewSchema);
}

export function deleteBinding(zoneId: number, role: BindingRole): Promise<unknown> {
  return sendData('DELETE', `/api/zones/${zoneId}/bindings/${role}`, undefined, z.unknown());
}

/** One page of the zone's timeline, older than `beforeId` (the newest page without it). */
export function fetchZoneEvents(zoneId: number, beforeId: number | null, limit = 50) {
  const query = new URLSearchParams({ limit: String(limit) });
  if (beforeId !== null) query.set('before_id', String(beforeId));
  return getData(`/api/zones/${zoneId}/events?${query.toString()}`, ZoneEventsPageSchema);
}
