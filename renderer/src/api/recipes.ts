import { z } from 'zod';
import { PlantViewSchema, type PlantView } from '@contracts/catalog.js';
import {
  RecipePhaseViewSchema,
  RecipeViewSchema,
  RevisionDetailSchema,
  type CreateRecipeRequest,
  type RecipePhaseView,
  type RecipeView,
  type RevisionDetail,
} from '@contracts/recipes.js';
import { getData, sendData } from './http.js';

/** Recipes, their revisions and phases (reference-backend-ui.md §2.6). */

/** A phase as the editor sends it: every stored column but the ids. */
export type PhaseFields = Omit<RecipePhaseView, 'id' | 'revision_id'>;

export function fetchRecipes(): Promise<RecipeView[]> {
  return getData('/api/recipes', z.array(RecipeViewSchema));
}

export function fetchRecipe(id: number): Promise<RecipeView> {
  return getData(`/api/recipes/${id}`, RecipeViewSchema);
}

/** Creates the recipe with an empty DRAFT revision 1. */
export function createRecipe(input: CreateRecipeRequest): Promise<RecipeView> {
  return sendData('POST', '/api/recipes', input, RecipeViewSchema);
}

export function fetchRevision(id: number): Promise<RevisionDetail> {
  return getData(`/api/recipe-revisions/${id}`, RevisionDetailSchema);
}

/** A new DRAFT copying `fromRevisionId` (the latest revision when left out). */
export function createRevision(recipeId: number, fromRevisionId?: number) {
  const body = fromRevisionId === undefined ? {} : { from_revision_id: fromRevisionId };
  return sendData('POST', `/api/recipes/${recipeId}/revisions`, body, RevisionDetailSchema);
}

export function publishRevision(id: number): Promise<RevisionDetail> {
  return sendData('POST', `/api/recipe-revisions/${id}/publish`, undefined, RevisionDetailSchema);
}

export function archiveRevision(id: number): Promise<RevisionDetail> {
  return sendData('POST', `/api/recipe-revisions/${id}/archive`, undefined, RevisionDetailSchema);
}

export function addPhase(revisionId: number, phase: PhaseFields): Promise<RecipePhaseView> {
  return sendData(
    'POST',
    `/api/recipe-revisions/${revisionId}/phases`,
    phase,
    RecipePhaseViewSchema,
  );
}

export function updatePhase(id: number, phase: PhaseFields): Promise<RecipePhaseView> {
  return sendData('PATCH', `/api/recipe-revision-phases/${id}`, phase, RecipePhaseViewSchema);
}

export async function deletePhase(id: number): Promise<void> {
  await sendData('DELETE', `/api/recipe-revision-phases/${id}`, undefined, z.unknown());
}

export function fetchPlants(): Promise<PlantView[]> {
  return getData('/api/plants', z.array(PlantViewSchema));
}
