import { z } from 'zod';
import { DescriptionSchema, IsoTimeSchema, NameSchema } from './domain-fields.js';

/** Plants and nutrient products: the catalog recipes and cycles refer to (reference-domain §2.1). */

const OptionalText = z.string().trim().max(100).nullable();

export const CreatePlantRequestSchema = z.strictObject({
  name: NameSchema,
  species: OptionalText.default(null),
  variety: OptionalText.default(null),
  description: DescriptionSchema.default(null),
});
export const UpdatePlantRequestSchema = z.strictObject({
  name: NameSchema.optional(),
  species: OptionalText.optional(),
  variety: OptionalText.optional(),
  description: DescriptionSchema.optional(),
});
export type CreatePlantRequest = z.infer<typeof CreatePlantRequestSchema>;
export type UpdatePlantRequest = z.infer<typeof UpdatePlantRequestSchema>;

export const PlantViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  species: z.string().nullable(),
  variety: z.string().nullable(),
  description: z.string().nullable(),
  created_at: IsoTimeSchema,
  updated_at: IsoTimeSchema,
});
export type PlantView = z.infer<typeof PlantViewSchema>;

/** The four dosing lines of the EC node: pump_a = NPK, b = calcium, c = magnesium, d = micro. */
export const NUTRIENT_COMPONENTS = ['npk', 'calcium', 'magnesium', 'micro'] as const;
export const NutrientComponentSchema = z.enum(NUTRIENT_COMPONENTS);
export type NutrientComponent = z.infer<typeof NutrientComponentSchema>;

export const CreateNutrientProductRequestSchema = z.strictObject({
  name: NameSchema,
  manufacturer: OptionalText.default(null),
  component: NutrientComponentSchema,
  description: DescriptionSchema.default(null),
});
export const UpdateNutrientProductRequestSchema = z.strictObject({
  name: NameSchema.optional(),
  manufacturer: OptionalText.optional(),
  component: NutrientComponentSchema.optional(),
  description: DescriptionSchema.optional(),
});
export type CreateNutrientProductRequest = z.infer<typeof CreateNutrientProductRequestSchema>;
export type UpdateNutrientProductRequest = z.infer<typeof UpdateNutrientProductRequestSchema>;

export const NutrientProductViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  manufacturer: z.string().nullable(),
  component: NutrientComponentSchema,
  description: z.string().nullable(),
  created_at: IsoTimeSchema,
  updated_at: IsoTimeSchema,
});
export type NutrientProductView = z.infer<typeof NutrientProductViewSchema>;
