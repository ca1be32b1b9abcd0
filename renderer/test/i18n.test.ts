import { describe, expect, it } from 'vitest';
import { RoleSchema } from '../../core/src/contracts/auth.js';
import { ComponentStateSchema, OverallStateSchema } from '../../core/src/contracts/health.js';
import en from '../src/i18n/en.js';
import ru from '../src/i18n/ru.js';
import { pickLocale } from '../src/i18n/index.js';
import { NAV_ENTRIES, NAV_GROUPS } from '../src/navigation.js';

type Messages = { [key: string]: string | Messages };

/** Every leaf of a message tree as `dotted.key → text`. */
function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const leaves = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') leaves.set(path, value);
    else for (const [leaf, text] of flatten(value, path)) leaves.set(leaf, text);
  }
  return leaves;
}

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

const EN = flatten(en);
const RU = flatten(ru);

// Every app source file as text, bundled by Vite's glob import (no Node APIs in this project).
const SOURCES = import.meta.glob<string>('../src/**/*.{ts,vue}', {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('messages', () => {
  it('has the same keys in English and Russian', () => {
    expect([...RU.keys()].sort()).toEqual([...EN.keys()].sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, text] of EN) {
      expect(placeholders(RU.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('has no empty texts', () => {
    for (const [key, text] of [...EN, ...RU]) expect(text.trim(), key).not.toBe('');
  });

  it('translates the Russian UI rather than copying English', () => {
    const copied = [...EN].filter(([key, text]) => RU.get(key) === text).map(([key]) => key);
    expect(copied).toEqual(['app.name']);
  });

  it('covers every literal key the app asks for', () => {
    const used = Object.values(SOURCES).flatMap((text) =>
      [...text.matchAll(/\bt\(\s*'([\w.]+)'/g)].map((m) => m[1]!),
    );
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((key) => !EN.has(key))).toEqual([]);
  });

  it('covers every key the app builds from pages, groups and core enums', () => {
    const built = [
      ...NAV_ENTRIES.flatMap(({ page }) => [`pages.${page}.title`, `pages.${page}.summary`]),
      ...NAV_GROUPS.map((group) => `nav.${group}`),
      ...RoleSchema.options.map((role) => `roles.${role}`),
      ...OverallStateSchema.options.map((state) => `overallState.${state}`),
      ...ComponentStateSchema.options.map((state) => `componentState.${state}`),
      ...['desktop', 'token'].map((via) => `principal.${via}`),
      ...['days', 'hours', 'minutes', 'seconds'].map((unit) => `duration.${unit}`),
    ];
    expect(built.filter((key) => !EN.has(key))).toEqual([]);
  });
});

describe('pickLocale', () => {
  it('takes the first supported browser language', () => {
    expect(pickLocale(['ru-RU', 'en-US'])).toBe('ru');
    expect(pickLocale(['de-DE', 'RU', 'en'])).toBe('ru');
    expect(pickLocale(['en-GB', 'ru'])).toBe('en');
  });

  it('falls back to English', () => {
    expect(pickLocale(['de-DE', 'fr'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
});
