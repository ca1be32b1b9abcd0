import { z } from 'zod';

const time = z.union([
  z.string().regex(/^\d+$/).transform(Number),
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
]);

/** GET /api/telemetry/history: several `node_id:channel` series over one range. */
export const HistoryQuerySchema = z
  .object({
    series: z
      .string()
      .regex(/^\d+:[a-z0-9_]+(,\d+:[a-z0-9_]+)*$/, 'node_id:channel pairs separated by commas')
      .transform((s) =>
        s.split(',').map((pair) => {
          const [node, channel] = pair.split(':') as [string, string];
          return { nodeId: Number(node), channel };
        }),
      )
      .refine((list) => list.length <= 20, 'at most 20 series'),
    from: time,
    to: time,
    points: z.coerce.number().int().min(10).max(5000).default(500),
  })
  .refine((q) => q.to > q.from, { message: 'to must be after from', path: ['to'] });

/** GET /api/telemetry/export.csv */
export const ExportQuerySchema = z
  .object({
    node_id: z.coerce.number().int().positive(),
    channel: z.string().regex(/^[a-z0-9_]+$/),
    from: time,
    to: time,
  })
  .refine((q) => q.to > q.from, { message: 'to must be after from', path: ['to'] });
