import type { FastifyInstance } from 'fastify';
import type { BindingRole } from '../../contracts/bindings.js';
import { ZoneHistoryQuerySchema, type ZoneLastTelemetry } from '../../contracts/zone-telemetry.js';
import type { Storage } from '../../storage/storage.js';
import type { TelemetryHistory } from '../../storage/telemetry-history.js';
import type { AuthSecrets } from '../auth.js';
import { sendError, sendOk } from '../envelope.js';
import { handle, parseBody, parseId, requireCapability } from '../guards.js';

export interface ZoneTelemetryRouteDeps {
  secrets: AuthSecrets;
  storage: () => Storage;
  history: () => TelemetryHistory;
}

type Headline = Exclude<keyof ZoneLastTelemetry, 'last_updated' | 'channels'>;

/** Which bound sensor role feeds which headline value of the zone. */
const HEADLINE_BY_ROLE: Partial<Record<BindingRole, Headline>> = {
  ph_sensor: 'ph',
  ec_sensor: 'ec',
  temperature_sensor: 'temperature',
  humidity_sensor: 'humidity',
  co2_sensor: 'co2',
  solution_temp_sensor: 'solution_temperature',
  light_sensor: 'light',
};

/** A zone's telemetry read through its role bindings (reference-backend-ui §2.8). */
export function registerZoneTelemetryRoutes(
  api: FastifyInstance,
  deps: ZoneTelemetryRouteDeps,
): void {
  const zoneBindings = async (id: number) =>
    (await deps.storage().zones.byId(id)) ? deps.storage().bindings.listForZone(id) : null;
  const noZone = (id: number) => ({ code: 'zone_not_found', message: `No zone ${id}` });

  api.get<{ Params: { id: string } }>('/api/zones/:id/telemetry/last', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      const id = parseId(reply, request.params.id);
      const bindings = await zoneBindings(id);
      if (!bindings) return sendError(reply, 404, noZone(id));
      const result: ZoneLastTelemetry = {
        ph: null,
        ec: null,
        temperature: null,
        humidity: null,
        co2: null,
        solution_temperature: null,
        light: null,
        last_updated: null,
        channels: [],
      };
      const lastByNode = new Map<number, Awaited<ReturnType<TelemetryHistory['lastValues']>>>();
      for (const binding of bindings) {
        const headline = HEADLINE_BY_ROLE[binding.role];
        if (!headline) continue;
        if (!lastByNode.has(binding.nodeId))
          lastByNode.set(binding.nodeId, await deps.history().lastValues(binding.nodeId));
        const last = lastByNode.get(binding.nodeId)!.find((v) => v.channel === binding.channel);
        if (!last) continue;
        result[headline] = last.value;
        result.last_updated = Math.max(result.last_updated ?? 0, last.ts);
        result.channels.push({ role: binding.role, node_id: binding.nodeId, ...last });
      }
      return sendOk(reply, result);
    }),
  );

  api.get<{ Params: { id: string } }>('/api/zones/:id/telemetry/history', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      const id = parseId(reply, request.params.id);
      const q = parseBody(reply, ZoneHistoryQuerySchema, request.query);
      const bindings = await zoneBindings(id);
      if (!bindings) return sendError(reply, 404, noZone(id));
      // Every bound channel whose node reports it with this metric, each with the point budget.
      const matching = [];
      for (const binding of bindings) {
        const channel = (await deps.storage().nodes.channels(binding.nodeId)).find(
          (c) => c.channel === binding.channel,
        );
        if (channel?.metric?.toUpperCase() === q.metric) matching.push(binding);
      }
      const series = await Promise.all(
        matching.map(async (b) => ({
          role: b.role,
          ...(await deps.history().series({
            nodeId: b.nodeId,
            channel: b.channel,
            fromMs: q.from,
            toMs: q.to,
            budget: q.points,
          })),
        })),
      );
      return sendOk(reply, { metric: q.metric, from: q.from, to: q.to, series });
    }),
  );
}
