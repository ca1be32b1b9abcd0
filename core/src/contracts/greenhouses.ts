import { z } from 'zod';
import {
  DescriptionSchema,
  IsoTimeSchema,
  NameSchema,
  TimeZoneSchema,
  UidSchema,
} from './domain-fields.js';
import { ZoneViewSchema } from './zones.js';

/** Greenhouses (reference-domain §2.1, reference-backend-ui §2.2). */

export const CreateGreenhouseRequestSchema = z.strictObject({
  /** Generated from the name when left out. */
  uid: UidSchema.optional(),
  name: NameSchema,
  /** Lighting windows and day/night targets follow the greenhouse's local time. */
  timezone: TimeZoneSchema.default('UTC'),
  description: DescriptionSchema.default(null),
});
export type CreateGreenhouseRequest = z.infer<typeof CreateGreenhouseRequestSchema>;

/** The uid is not editable: it is the topic segment bound nodes publish under. */
export const UpdateGreenhouseRequestSchema = z.strictObject({
  name: NameSchema.optional(),
  timezone: TimeZoneSchema.optional(),
  description: DescriptionSchema.optional(),
});
export type UpdateGreenhouseRequest = z.infer<typeof UpdateGreenhouseRequestSchema>;

export const GreenhouseViewSchema = z.object({
  id: z.number().int(),
  uid: z.string(),
  name: z.string(),
  timezone: z.string(),
  description: z.string().nullable(),
  created_at: IsoTimeSchema,
  updated_at: IsoTimeSchema,
});
export type GreenhouseView = z.infer<typeof GreenhouseViewSchema>;

export const GreenhouseDetailSchema = GreenhouseViewSchema.extend({
  zones: z.array(ZoneViewSchema),
});
export type GreenhouseDetail = z.infer<typeof GreenhouseDetailSchema>;
