// Flat config. The import bans below are the architectural boundaries of architecture.md §3–§4:
// core runs under plain Node (no Electron, Vue or DOM); the renderer reaches the core only through
// the HTTP/WS API, so it may import nothing of core but the isomorphic contracts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const UI_PACKAGES = [
  'vue',
  'vue-router',
  'vue-i18n',
  'pinia',
  'echarts',
  'vue-echarts',
  'naive-ui',
];
const SERVER_PACKAGES = ['better-sqlite3', 'aedes', 'fastify', 'pino', 'pg', 'mqtt', 'ws'];

const coreBans = {
  paths: ['electron', ...UI_PACKAGES].map((name) => ({
    name,
    message: 'core/ runs under plain Node: no Electron or UI imports (architecture.md §3).',
  })),
  patterns: [
    {
      group: ['**/electron/**', '**/renderer/**', '@vue/*', '@electron/*'],
      message: 'core/ may not import the desktop shell or the renderer.',
    },
  ],
};

const rendererBans = {
  paths: ['electron', ...SERVER_PACKAGES].map((name) => ({
    name,
    message: 'The renderer reaches the core only through its HTTP/WS API.',
  })),
  patterns: [
    { group: ['node:*'], message: 'The renderer is sandboxed: no Node built-ins.' },
    {
      group: ['**/core/**', '**/electron/**'],
      message: 'Import core contracts through the @contracts alias; nothing else of core.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      'artifacts/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...vue.configs['flat/recommended'],
  {
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.core.json',
          './tsconfig.electron.json',
          './tsconfig.renderer.json',
          './tsconfig.scripts.json',
        ],
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
      },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['warn', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser },
      globals: globals.browser,
    },
    rules: { 'max-lines': ['warn', { max: 250 }] },
  },
  {
    // Plain JS launchers and CI scripts are not part of any TypeScript project.
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: globals.node,
    },
  },
  {
    files: ['core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', coreBans],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
      'no-console': 'error',
    },
  },
  {
    files: ['core/src/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: coreBans.paths,
          patterns: [
            ...coreBans.patterns,
            { group: ['node:*'], message: 'contracts/ is isomorphic: the renderer imports it.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.vue'],
    rules: { 'no-restricted-imports': ['error', rendererBans] },
  },
  {
    // better-sqlite3 is synchronous behind the async Storage seam: async methods without await
    // are what turn its thrown constraint errors into rejections, as with PostgreSQL.
    files: ['core/src/storage/sqlite/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['core/test/**/*.ts', 'electron/test/**/*.ts', 'renderer/e2e/**/*.ts', 'scripts/**'],
    rules: { 'max-lines-per-function': 'off' },
  },
  prettier,
);
