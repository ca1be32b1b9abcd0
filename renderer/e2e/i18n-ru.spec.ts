import type { Page } from '@playwright/test';
import en from '../src/i18n/en.js';
import ru from '../src/i18n/ru.js';
import {
  boundDemoNodes,
  byType,
  demoZoneId,
  expect,
  shoot,
  test,
  useLocale,
} from './demo-fixtures.js';

type Messages = { [key: string]: string | Messages };

function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const leaves = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') leaves.set(path, value);
    else for (const [leaf, text] of flatten(value, path)) leaves.set(leaf, text);
  }
  return leaves;
}

const EN = flatten(en);
const RU = flatten(ru);
const NAMESPACES = new Set(Object.keys(en));

/**
 * A message key on screen means a translation is missing everywhere (vue-i18n then prints the
 * key): any `namespace.word…` token whose first segment is one of the catalog's namespaces.
 */
function rawKeys(text: string): string[] {
  return [...text.matchAll(/\b([a-z][A-Za-z]*)(\.[A-Za-z0-9_]+)+\b/g)]
    .map((m) => m[0])
    .filter((token) => NAMESPACES.has(token.split('.')[0]!));
}

/**
 * English catalog texts whose Russian differs, cut at placeholders into fragments long enough
 * (two words, or one long word) not to occur by chance in data shown on the page.
 */
const ENGLISH_ONLY = [
  ...new Set(
    [...EN]
      .filter(([key, text]) => RU.get(key) !== text)
      .flatMap(([, text]) => text.split(/\{\w+\}|<[^>]*>|\|/))
      .map((fragment) => fragment.trim().replace(/[.,:;…]+$/, ''))
      .filter((f) => /[A-Za-z]{3}/.test(f) && (/\w \w/.test(f) || f.length >= 10)),
  ),
];

function englishIn(text: string): string[] {
  return ENGLISH_ONLY.filter((fragment) => text.includes(fragment));
}

async function pageText(page: Page): Promise<string> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.n-skeleton')).toHaveCount(0, { timeout: 15_000 });
  return page.evaluate(() => document.body.innerText);
}

test.use({ viewport: { width: 1366, height: 768 } });
test.setTimeout(180_000);

test('every page in Russian shows no message key and no English catalog text', async ({
  page,
  context,
  demo,
}) => {
  await demo.signIn(context);
  await useLocale(page, 'ru');
  const intlifyWarnings: string[] = [];
  page.on('console', (message) => {
    // Development builds of vue-i18n warn about missing keys and fallbacks to English.
    if (/\[intlify\]|Not found '|Fall back to/.test(message.text()))
      intlifyWarnings.push(message.text());
  });

  const nodes = await boundDemoNodes(page.request);
  const zoneId = await demoZoneId(page.request);
  let recipeId = 0;
  await expect
    .poll(async () => {
      const res = await page.request.get('/api/recipes');
      recipeId = ((await res.json()) as { data: { id: number }[] }).data[0]?.id ?? 0;
      return recipeId;
    })
    .toBeGreaterThan(0);

  const zoneTabs = [
    'overview',
    'telemetry',
    'process',
    'schedule',
    'events',
    'devices',
    'alerts',
    'settings',
  ];
  const routes = [
    '/',
    '/zones',
    ...zoneTabs.map((tab) => `/zones/${zoneId}?tab=${tab}`),
    '/nodes',
    `/nodes/${byType(nodes, 'ph').id}`,
    `/nodes/${byType(nodes, 'irrig').id}`,
    '/recipes',
    `/recipes/${recipeId}`,
    '/alerts',
    '/history',
    ...['data', 'users', 'notifications'].map((tab) => `/settings?tab=${tab}`),
    '/system',
    '/onboarding',
  ];

  const problems: string[] = [];
  for (const route of routes) {
    await page.goto(route);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    const text = await pageText(page);
    for (const key of rawKeys(text)) problems.push(`${route}: message key "${key}"`);
    for (const english of englishIn(text)) problems.push(`${route}: English "${english}"`);
  }
  await page.goto('/nodes');
  await pageText(page);
  await shoot(page, 'nodes-desktop-ru');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/zones/${zoneId}?tab=devices`);
  await pageText(page);
  await shoot(page, 'zone-devices-phone-ru');

  expect(problems).toEqual([]);
  expect(intlifyWarnings).toEqual([]);
});
