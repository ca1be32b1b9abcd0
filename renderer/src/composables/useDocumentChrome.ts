import { watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute } from 'vue-router';
import { usePreferencesStore } from '../stores/preferences.js';

/**
 * Mirrors app state onto the document: the title ("System · Hydro", for the window and the
 * taskbar), `<html lang>` for screen readers and hyphenation, and `data-theme` for plain CSS.
 */
export function useDocumentChrome(): void {
  const { t } = useI18n();
  const route = useRoute();
  const preferences = usePreferencesStore();

  watchEffect(() => {
    const { page, titleKey } = route.meta;
    const title = titleKey
      ? t(titleKey)
      : page
        ? t(`pages.${page}.title`)
        : t('pages.notFound.title');
    document.title = `${title} · ${t('app.name')}`;
    document.documentElement.lang = preferences.locale;
    document.documentElement.dataset.theme = preferences.theme;
  });
}
