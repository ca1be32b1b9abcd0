import { z } from 'zod';
import { UnixSecondsSchema } from './identifiers.js';

/** `hydro/time/request` (§4.13). The backend answers every JSON object sent here. */
export const TimeRequestSchema = z.looseObject({
  message_type: z.string().optional(),
  uptime: z.number().nonnegative().optional(),
});
export type TimeRequest = z.infer<typeof TimeRequestSchema>;

/** `hydro/time/response`, broadcast to every node; both fields carry the same Unix seconds. */
export const TimeResponseSchema = z
  .strictObject({
    message_type: z.literal('time_response'),
    unix_ts: UnixSecondsSchema,
    server_time: UnixSecondsSchema,
  })
  .refine((r) => r.unix_ts === r.server_time, {
    message: 'server_time must equal unix_ts',
    path: ['server_time'],
  });
export type TimeResponse = z.infer<typeof TimeResponseSchema>;

export function timeResponse(unixSeconds: number): TimeResponse {
  return { message_type: 'time_response', unix_ts: unixSeconds, server_time: unixSeconds };
}
