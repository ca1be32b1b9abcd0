import { ApiRequestError, NETWORK_ERROR } from '../api/http.js';

export interface LoadError {
  code: string;
  message: string;
}

/** What a store keeps of a failed call: the stable code (translated by pages) and the text. */
export function toLoadError(cause: unknown): LoadError {
  if (cause instanceof ApiRequestError) return { code: cause.code, message: cause.message };
  return { code: NETWORK_ERROR, message: cause instanceof Error ? cause.message : String(cause) };
}
