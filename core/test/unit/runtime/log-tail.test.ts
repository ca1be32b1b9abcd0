import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecentLogLines } from '../../../src/runtime/log-tail.js';

describe('readRecentLogLines', () => {
  it('reads only the tail of a large file, starting at a whole line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hydro-logs-'));
    // ~3 MB: more than one request reads, so the start of the read falls mid-line.
    const padding = 'x'.repeat(200);
    const lines = Array.from({ length: 15_000 }, (_, i) =>
      JSON.stringify({ level: 30, time: i, module: 'bus', msg: `line ${i} ${padding}` }),
    );
    writeFileSync(join(dir, 'hydro.7.log'), lines.join('\n') + '\n');
    const read = await readRecentLogLines(dir, { limit: 1000, level: 'info' });
    expect(read).toHaveLength(1000);
    expect(read[0]!.msg).toMatch(/^line 14999 /);
    expect(read[999]!.msg).toMatch(/^line 14000 /);
  });

  it('reads a missing log folder as no lines', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'hydro-logs-')), 'logs');
    expect(await readRecentLogLines(dir, { limit: 10, level: 'trace' })).toEqual([]);
  });

  it('ignores files that are not the core log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hydro-logs-'));
    writeFileSync(join(dir, 'other.log'), JSON.stringify({ level: 50, time: 1, msg: 'x' }));
    expect(await readRecentLogLines(dir, { limit: 10, level: 'trace' })).toEqual([]);
  });
});
