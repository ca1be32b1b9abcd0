import { z } from 'zod';

/**
 * `.../heartbeat` every 15 s, no `ts` (§4.4). The firmware adds `fw_version`, which the schema
 * file omits; `free_heap_bytes` is an accepted alias of `free_heap`.
 */
export const HeartbeatSchema = z
  .looseObject({
    uptime: z.number().nonnegative(),
    free_heap: z.number().nonnegative().optional(),
    free_heap_bytes: z.number().nonnegative().optional(),
    rssi: z.number().optional(),
    fw_version: z.string().optional(),
  })
  .refine((h) => h.free_heap !== undefined || h.free_heap_bytes !== undefined, {
    message: 'free_heap (or free_heap_bytes) is required',
    path: ['free_heap'],
  });
export type Heartbeat = z.infer<typeof HeartbeatSchema>;

export function heartbeatFreeHeap(heartbeat: Heartbeat): number {
  // The refinement guarantees one of the two; `free_heap` wins when both are present.
  return heartbeat.free_heap ?? heartbeat.free_heap_bytes ?? 0;
}
