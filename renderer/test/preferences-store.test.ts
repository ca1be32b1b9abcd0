import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { usePreferencesStore } from '../src/stores/preferences.js';

let stored: Map<string, string>;

function useBrowser(languages: string[], storage: Partial<Storage> = {}): void {
  vi.stubGlobal('navigator', { languages });
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
    ...storage,
  });
}

beforeEach(() => {
  stored = new Map();
  setActivePinia(createPinia());
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('usePreferencesStore', () => {
  it('starts dark, in the browser language', () => {
    useBrowser(['ru-RU', 'en']);
    const preferences = usePreferencesStore();
    expect(preferences.theme).toBe('dark');
    expect(preferences.locale).toBe('ru');
  });

  it('remembers the choices for the next start', async () => {
    useBrowser(['en-US']);
    const preferences = usePreferencesStore();
    preferences.toggleTheme();
    preferences.locale = 'ru';
    await nextTick();
    expect(stored).toEqual(
      new Map([
        ['hydro.theme', 'light'],
        ['hydro.locale', 'ru'],
      ]),
    );

    setActivePinia(createPinia());
    const restarted = usePreferencesStore();
    expect(restarted.theme).toBe('light');
    expect(restarted.locale).toBe('ru');
  });

  it('ignores stored values it does not know', () => {
    useBrowser(['en-US']);
    stored.set('hydro.theme', 'neon');
    stored.set('hydro.locale', 'de');
    const preferences = usePreferencesStore();
    expect(preferences.theme).toBe('dark');
    expect(preferences.locale).toBe('en');
  });

  it('still works when the browser refuses storage', async () => {
    const refuse = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    useBrowser(['en'], { getItem: refuse, setItem: refuse });
    const preferences = usePreferencesStore();
    expect(preferences.theme).toBe('dark');
    preferences.toggleTheme();
    await nextTick();
    expect(preferences.theme).toBe('light');
  });
});
