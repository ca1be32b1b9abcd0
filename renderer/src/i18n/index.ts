import { createI18n } from 'vue-i18n';
import en from './en.js';
import ru from './ru.js';

export const LOCALES = ['en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];

/** Native names, shown in the language switch whatever the current language is. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ru: 'Русский' };

/** The first supported language among the browser's preferred ones, else English. */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    const match = LOCALES.find((locale) => locale === base);
    if (match) return match;
  }
  return 'en';
}

export function createAppI18n(locale: Locale) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { en, ru },
  });
}
