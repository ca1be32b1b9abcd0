import { darkTheme, lightTheme, type GlobalTheme, type GlobalThemeOverrides } from 'naive-ui';
import type { ThemeName } from './stores/preferences.js';

// A dense, quiet industrial look: near-black surfaces, one teal accent for navigation and
// actions, and saturated colour reserved for status (green OK, amber warning, red alarm,
// grey idle), as in reference-backend-ui.md §4.1.
const FONT = 'Inter, "Segoe UI", Roboto, "Helvetica Neue", system-ui, sans-serif';
const MONO =
  '"JetBrains Mono", "Cascadia Mono", SFMono-Regular, Consolas, "Liberation Mono", monospace';

const shared: GlobalThemeOverrides['common'] = {
  fontFamily: FONT,
  fontFamilyMono: MONO,
  fontSize: '13px',
  fontSizeMedium: '13px',
  borderRadius: '4px',
  borderRadiusSmall: '3px',
};

const dark: GlobalThemeOverrides = {
  common: {
    ...shared,
    bodyColor: '#0d0f11',
    cardColor: '#14171a',
    modalColor: '#181b1f',
    popoverColor: '#1c2024',
    tableColor: '#14171a',
    borderColor: '#262b31',
    dividerColor: '#21262b',
    textColor1: '#e6e8eb',
    textColor2: '#c2c7cd',
    textColor3: '#868e97',
    primaryColor: '#4db6ac',
    primaryColorHover: '#63c7bd',
    primaryColorPressed: '#3a9990',
    primaryColorSuppl: '#4db6ac',
    successColor: '#3fb950',
    warningColor: '#d9a52b',
    errorColor: '#f0524f',
    infoColor: '#58a6ff',
  },
  Layout: { siderColor: '#111316', headerColor: '#111316' },
  Menu: { itemHeight: '36px' },
};

const light: GlobalThemeOverrides = {
  common: {
    ...shared,
    bodyColor: '#f3f4f6',
    cardColor: '#ffffff',
    borderColor: '#dadde2',
    dividerColor: '#e4e7eb',
    primaryColor: '#1f7f76',
    primaryColorHover: '#27958b',
    primaryColorPressed: '#186861',
    primaryColorSuppl: '#1f7f76',
    successColor: '#1f883d',
    warningColor: '#9a6700',
    errorColor: '#cf222e',
    infoColor: '#0969da',
  },
  Layout: { siderColor: '#fafbfc', headerColor: '#fafbfc' },
  Menu: { itemHeight: '36px' },
};

export const NAIVE_THEMES: Record<
  ThemeName,
  { base: GlobalTheme; overrides: GlobalThemeOverrides }
> = {
  dark: { base: darkTheme, overrides: dark },
  light: { base: lightTheme, overrides: light },
};
