import { z } from 'zod';
import { TEMP_GH, TEMP_ZONE, TopicSegmentSchema } from './mqtt/identifiers.js';

/** Field schemas the greenhouse, zone, catalog, recipe and cycle contracts share. */

export const IdSchema = z.int().positive();

/** A greenhouse or zone uid is an MQTT topic segment; the temp namespace's names are taken. */
export const UidSchema = TopicSegmentSchema.refine(
  (uid) => uid !== TEMP_GH && uid !== TEMP_ZONE,
  'is reserved for nodes that are not bound yet',
);

export const NameSchema = z.string().trim().min(1, 'must not be empty').max(100);
export const DescriptionSchema = z.string().trim().max(2000).nullable();
export const CommentSchema = z.string().trim().min(1).max(500);

/** Canonical IANA name (`europe/berlin` becomes `Europe/Berlin`); Intl decides what exists. */
export const TimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .transform((zone, ctx) => {
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone, e.g. Europe/Berlin' });
      return z.NEVER;
    }
  });

/** Wall-clock time of day in the greenhouse's time zone. */
export const TimeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)');

/** Instants travel as ISO 8601 strings; requests may carry an offset. */
export const IsoTimeSchema = z.string();
export const IsoTimeInputSchema = z.iso.datetime({ offset: true });
