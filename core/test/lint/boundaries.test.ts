import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The architectural boundaries live in eslint.config.js; this proves each one still fails lint,
 * so a config edit cannot silently drop one. Files are linted as text under real paths.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

// Type-aware lint builds whole TypeScript programs on first use: seconds, not milliseconds.
describe('import boundaries', { timeout: 120_000 }, () => {
  it('core may not import vue or electron', async () => {
    const code =
      "import { ref } from 'vue';\nimport { app } from 'electron';\nexport const x = [ref, app];\n";
    const messages = await restrictedImports('core/src/runtime/clock.ts', code);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/'vue' import is restricted/);
  });

  it('contracts may not import node built-ins (the renderer imports them)', async () => {
    const code = "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n";
    expect(await restrictedImports('core/src/contracts/health.ts', code)).toHaveLength(1);
  });

  it('the renderer may import core contracts only, and no node built-ins', async () => {
    const code = [
      "import { loadConfig } from '../../core/src/runtime/config';",
      "import { readFileSync } from 'node:fs';",
      "import Database from 'better-sqlite3';",
      'export const all = [loadConfig, readFileSync, Database];',
      '',
    ].join('\n');
    expect(await restrictedImports('renderer/src/main.ts', code)).toHaveLength(3);
  });
});
