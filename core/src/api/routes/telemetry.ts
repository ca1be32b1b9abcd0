import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { ExportQuerySchema, HistoryQuerySchema } from '../../contracts/telemetry.js';
import type { SqliteTelemetryHistory } from '../../storage/sqlite/telemetry-history.js';
import type { AuthSecrets } from '../auth.js';
import { sendOk } from '../envelope.js';
import { handle, parseBody, parseId, requirePrincipal } from '../guards.js';

export interface TelemetryRouteDeps {
  secrets: AuthSecrets;
  history: () => SqliteTelemetryHistory;
}

/** History with a point budget, last values, CSV export and disk usage (reference §2.8). */
export function registerTelemetryRoutes(api: FastifyInstance, deps: TelemetryRouteDeps): void {
  api.get('/api/telemetry/history', (request, reply) =>
    handle(reply, () => {
      requirePrincipal(request, reply, deps.secrets);
      const q = parseBody(reply, HistoryQuerySchema, request.query);
      const series = q.series.map((s) =>
        deps.history().series({
          nodeId: s.nodeId,
          channel: s.channel,
          fromMs: q.from,
          toMs: q.to,
          budget: q.points,
        }),
      );
      return Promise.resolve(sendOk(reply, { from: q.from, to: q.to, series }));
    }),
  );

  api.get<{ Params: { id: string } }>('/api/nodes/:id/telemetry/last', (request, reply) =>
    handle(reply, () => {
      requirePrincipal(request, reply, deps.secrets);
      return Promise.resolve(
        sendOk(reply, deps.history().lastValues(parseId(reply, request.params.id))),
      );
    }),
  );

  api.get('/api/telemetry/export.csv', (request, reply) =>
    handle(reply, () => {
      requirePrincipal(request, reply, deps.secrets);
      const q = parseBody(reply, ExportQuerySchema, request.query);
      const rows = deps.history().rows(q.node_id, q.channel, q.from, q.to);
      // Streamed row by row from a lazy cursor: a year of samples never sits in memory.
      const csv = Readable.from(
        (function* () {
          let chunk = 'ts_iso,ts_ms,node_id,channel,metric_type,value,quality\n';
          for (const r of rows) {
            chunk += `${new Date(r.ts).toISOString()},${r.ts},${q.node_id},${q.channel},${r.metric_type},${r.value},${r.quality}\n`;
            // ~64 KB per write: few enough chunks to be fast, small enough to yield to ingest often.
            if (chunk.length >= 65_536) {
              yield chunk;
              chunk = '';
            }
          }
          yield chunk;
        })(),
      );
      const name = `telemetry-${q.node_id}-${q.channel}.csv`;
      return Promise.resolve(
        reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(csv),
      );
    }),
  );

  api.get('/api/storage/usage', (request, reply) =>
    handle(reply, () => {
      requirePrincipal(request, reply, deps.secrets);
      return Promise.resolve(sendOk(reply, deps.history().diskUsage()));
    }),
  );
}
