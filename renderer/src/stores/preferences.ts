import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { readPreference, writePreference } from '../api/preferences.js';
import { LOCALES, pickLocale, type Locale } from '../i18n/index.js';

export const THEMES = ['dark', 'light'] as const;
export type ThemeName = (typeof THEMES)[number];

/** Theme and language, remembered in this browser. Dark is the default (reference §4.1). */
export const usePreferencesStore = defineStore('preferences', () => {
  const theme = ref<ThemeName>(readPreference('theme', THEMES) ?? 'dark');
  const locale = ref<Locale>(readPreference('locale', LOCALES) ?? pickLocale(navigator.languages));

  watch(theme, (value) => writePreference('theme', value));
  watch(locale, (value) => writePreference('locale', value));

  function toggleTheme(): void {
    theme.value = theme.value === 'dark' ? 'light' : 'dark';
  }

  return { theme, locale, toggleTheme };
});
