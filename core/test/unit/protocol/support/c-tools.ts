import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Real C programs as test oracles: compiled once per test file into a temp dir with the system
 * compiler. When that is impossible the reason is returned so the test can skip visibly.
 */
export type CompiledProgram =
  | { readonly ok: true; readonly run: (lines: readonly string[]) => string[]; dispose(): void }
  | { readonly ok: false; readonly reason: string };

export function compileC(name: string, source: string, libraries: string[] = []): CompiledProgram {
  const dir = mkdtempSync(join(tmpdir(), `hydro-${name}-`));
  const sourcePath = join(dir, `${name}.c`);
  const exe = join(dir, name);
  writeFileSync(sourcePath, source);
  const built = spawnSync('cc', ['-O1', '-o', exe, sourcePath, ...libraries], { encoding: 'utf8' });
  if (built.error !== undefined || built.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    const why = built.error?.message ?? built.stderr.split('\n')[0] ?? 'unknown error';
    return { ok: false, reason: `cannot compile ${name}.c with cc: ${why}` };
  }
  return {
    ok: true,
    run(lines) {
      const result = spawnSync(exe, [], {
        input: lines.map((line) => `${line}\n`).join(''),
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      });
      if (result.status !== 0) throw new Error(`${name} exited ${result.status}: ${result.stderr}`);
      return result.stdout.split('\n').slice(0, lines.length);
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Prints `printf("%.*g", precision, value)` for input lines `<precision> <IEEE-754 bits hex>`. */
export const PRINTF_G_SOURCE = String.raw`
#include <stdio.h>
#include <string.h>

int main(void) {
    char line[128];
    while (fgets(line, sizeof line, stdin) != NULL) {
        int precision;
        unsigned long long bits;
        double value;
        if (sscanf(line, "%d %llx", &precision, &bits) != 2) return 2;
        memcpy(&value, &bits, sizeof value);
        printf("%.*g\n", precision, value);
    }
    return 0;
}
`;

/**
 * The node's signing canonicaliser rebuilt on the system cJSON: parse each input line, order
 * every object's members by strcmp, print unformatted. Prints `!parse` for unparsable lines.
 */
export const CJSON_CANONICAL_SOURCE = String.raw`
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>

static void sort_members(cJSON *node) {
    for (cJSON *child = node->child; child != NULL; child = child->next) sort_members(child);
    if (!cJSON_IsObject(node) || node->child == NULL) return;
    cJSON *sorted = NULL;
    cJSON *child = node->child;
    while (child != NULL) {
        cJSON *next = child->next;
        cJSON **slot = &sorted;
        while (*slot != NULL && strcmp((*slot)->string, child->string) <= 0) slot = &(*slot)->next;
        child->next = *slot;
        *slot = child;
        child = next;
    }
    cJSON *prev = NULL;
    for (cJSON *item = sorted; item != NULL; item = item->next) {
        item->prev = prev;
        prev = item;
    }
    sorted->prev = prev; /* cJSON keeps the tail in the head's prev */
    node->child = sorted;
}

int main(void) {
    static char line[1 << 20];
    while (fgets(line, sizeof line, stdin) != NULL) {
        cJSON *json = cJSON_Parse(line);
        if (json == NULL) {
            puts("!parse");
            continue;
        }
        sort_members(json);
        char *out = cJSON_PrintUnformatted(json);
        puts(out);
        free(out);
        cJSON_Delete(json);
    }
    return 0;
}
`;
