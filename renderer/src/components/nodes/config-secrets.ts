/** Keys whose values are credentials. The core already strips them; the UI never shows one. */
const SECRET_KEY = /secret|password|passwd|token|psk|(^|_)key$/i;

export const HIDDEN = '••••••';

/** A deep copy with every credential-looking value replaced by a mask. */
export function hideSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hideSecrets);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      SECRET_KEY.test(key) ? HIDDEN : hideSecrets(inner),
    ]),
  );
}
