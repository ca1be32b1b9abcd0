// Per-browser UI preferences. They live in localStorage rather than on the core, so a phone on the
// LAN and the desktop window can each keep their own language and theme.
const PREFIX = 'hydro.';

/** The stored value of `key` if it is one of `allowed`, else null. */
export function readPreference<T extends string>(key: string, allowed: readonly T[]): T | null {
  let value: string | null;
  try {
    value = localStorage.getItem(PREFIX + key);
  } catch {
    // Storage can be disabled by browser policy; the defaults then apply.
    return null;
  }
  return allowed.find((candidate) => candidate === value) ?? null;
}

export function writePreference(key: string, value: string): void {
  try {
    localStorage.setItem(PREFIX + key, value);
  } catch {
    // Disabled or full storage only costs remembering the choice across restarts.
  }
}
