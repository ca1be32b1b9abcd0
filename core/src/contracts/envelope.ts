import { z } from 'zod';

/** Error envelope of every API failure (reference-backend-ui.md §2.0). Codes are snake_case. */
export const ApiErrorSchema = z.object({
  status: z.literal('error'),
  code: z.string().regex(/^[a-z][a-z0-9_]*$/),
  message: z.string(),
  errors: z.record(z.string(), z.array(z.string())).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Success envelope: `{ status: "ok", data }`. */
export function okEnvelope<T extends z.ZodType>(data: T) {
  return z.object({ status: z.literal('ok'), data });
}
