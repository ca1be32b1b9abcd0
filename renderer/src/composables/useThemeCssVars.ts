import { watchEffect } from 'vue';
import { useThemeVars } from 'naive-ui';

/**
 * Shared colours for plain CSS in every component, taken from the active naive-ui theme. They sit
 * on <html> because drawers and tooltips are teleported outside the layout. Call it from a layout
 * inside NConfigProvider.
 */
export function useThemeCssVars(): void {
  const vars = useThemeVars();
  watchEffect(() => {
    const v = vars.value;
    const root = document.documentElement.style;
    root.setProperty('--hydro-success', v.successColor);
    root.setProperty('--hydro-warning', v.warningColor);
    root.setProperty('--hydro-error', v.errorColor);
    root.setProperty('--hydro-info', v.infoColor);
    root.setProperty('--hydro-muted', v.textColor3);
    root.setProperty('--hydro-primary', v.primaryColor);
    root.setProperty('--hydro-border', v.borderColor);
    root.setProperty('--hydro-mono', v.fontFamilyMono);
    root.setProperty('--hydro-text', v.textColor2);
  });
}
