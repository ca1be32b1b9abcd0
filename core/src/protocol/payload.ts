import type { z } from 'zod';
import { lwtState, type OnlineState } from '../contracts/mqtt/status.js';

/** Larger payloads are dropped by the backend as invalid (§1). */
export const BACKEND_MAX_PAYLOAD_BYTES = 64 * 1024;

export type PayloadRejection =
  | { readonly ok: false; readonly reason: 'oversized' | 'invalid_json' | 'not_object' }
  | { readonly ok: false; readonly reason: 'schema'; readonly issues: readonly z.core.$ZodIssue[] };

export type DecodedPayload<T> = { readonly ok: true; readonly value: T } | PayloadRejection;

// Strict UTF-8, and a BOM is kept so that JSON.parse refuses it as the reference backend does.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** An MQTT payload as a JSON object, without looking at its fields. Never throws. */
export function decodeJsonObject(
  payload: Uint8Array,
  maxBytes: number = BACKEND_MAX_PAYLOAD_BYTES,
): DecodedPayload<Record<string, unknown>> {
  if (payload.byteLength > maxBytes) return { ok: false, reason: 'oversized' };
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(payload));
  } catch {
    // Whatever failed (bad UTF-8, bad JSON, absurd nesting), the payload is not JSON to us.
    return { ok: false, reason: 'invalid_json' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'not_object' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** An MQTT payload checked against a message schema. Never throws. */
export function decodePayload<S extends z.ZodType>(
  payload: Uint8Array,
  schema: S,
  maxBytes: number = BACKEND_MAX_PAYLOAD_BYTES,
): DecodedPayload<z.output<S>> {
  const decoded = decodeJsonObject(payload, maxBytes);
  if (!decoded.ok) return decoded;
  const parsed = schema.safeParse(decoded.value);
  if (!parsed.success) return { ok: false, reason: 'schema', issues: parsed.error.issues };
  return { ok: true, value: parsed.data };
}

const lenientUtf8 = new TextDecoder('utf-8');

/** The retained LWT is a bare string, not JSON: `online` (any case) or else OFFLINE (§4.3). */
export function decodeLwt(payload: Uint8Array): OnlineState {
  return lwtState(lenientUtf8.decode(payload));
}
