// tsc compiles only TypeScript; the SQL migrations ship beside their compiled modules.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = 'core/src';
const OUT = 'dist/core';

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.sql')) cpSync(path, join(OUT, relative(SRC, path)));
  }
}

walk(SRC);
