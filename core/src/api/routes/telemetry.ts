import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { ExportQuerySchema, HistoryQuerySchema } from '../../contracts/telemetry.js';
import type { ExportRow, TelemetryHistory } from '../../storage/telemetry-history.js';
import type { AuthSecrets } from '../auth.js';
import { sendOk } from '../envelope.js';
import { handle, parseBody, parseId, requireCapability } from '../guards.js';

export interface TelemetryRouteDeps {
  secrets: AuthSecrets;
  history: () => TelemetryHistory;
}

const CSV_HEADER = 'ts_iso,ts_ms,node_id,channel,metric_type,value,quality\n';
/** ~64 KB per write: few enough chunks to be fast, small enough to yield to ingest often. */
const CSV_CHUNK_CHARS = 65_536;

/** History with a point budget, last values, CSV export and disk usage (reference §2.8). */
export function registerTelemetryRoutes(api: FastifyInstance, deps: TelemetryRouteDeps): void {
  api.get('/api/telemetry/history', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      const q = parseBody(reply, HistoryQuerySchema, request.query);
      const history = deps.history();
      const series = await Promise.all(
        q.series.map((s) =>
          history.series({
            nodeId: s.nodeId,
            channel: s.channel,
            fromMs: q.from,
            toMs: q.to,
            budget: q.points,
          }),
        ),
      );
      return sendOk(reply, { from: q.from, to: q.to, series });
    }),
  );

  api.get<{ Params: { id: string } }>('/api/nodes/:id/telemetry/last', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      const nodeId = parseId(reply, request.params.id);
      return sendOk(reply, await deps.history().lastValues(nodeId));
    }),
  );

  api.get('/api/telemetry/export.csv', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      const q = parseBody(reply, ExportQuerySchema, request.query);
      const rows = deps.history().rows(q.node_id, q.channel, q.from, q.to);
      const line = (r: ExportRow) =>
        `${new Date(r.ts).toISOString()},${r.ts},${q.node_id},${q.channel},${r.metric_type},${r.value},${r.quality}\n`;
      // Streamed page by page: a year of samples never sits in memory, and the stream pulls the
      // next page only when the client has taken the last chunk.
      const csv = Readable.from(
        (async function* () {
          let chunk = CSV_HEADER;
          for await (const r of rows) {
            chunk += line(r);
            if (chunk.length >= CSV_CHUNK_CHARS) {
              yield chunk;
              chunk = '';
            }
          }
          yield chunk;
        })(),
      );
      const name = `telemetry-${q.node_id}-${q.channel}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(csv);
    }),
  );

  api.get('/api/storage/usage', (request, reply) =>
    handle(reply, async () => {
      await requireCapability(request, reply, deps.secrets, 'view');
      return sendOk(reply, await deps.history().diskUsage());
    }),
  );
}
