import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InstanceLock, LOCK_FILE_NAME, prepareDataDir } from '../../src/runtime/data-dir.js';
import { DataDirError, InstanceLockedError } from '../../src/runtime/errors.js';

const dir = () => mkdtempSync(join(tmpdir(), 'hydro-lock-'));

describe('InstanceLock', () => {
  it('writes the owner pid and removes the lock on release', () => {
    const d = dir();
    const lock = new InstanceLock(d, 4242, () => true);
    lock.acquire();
    expect(readFileSync(join(d, LOCK_FILE_NAME), 'utf8').trim()).toBe('4242');
    lock.release();
    expect(existsSync(join(d, LOCK_FILE_NAME))).toBe(false);
  });

  it('refuses while the owner is alive', () => {
    const d = dir();
    new InstanceLock(d, 100, () => true).acquire();
    const second = new InstanceLock(d, 200, () => true);
    expect(() => second.acquire()).toThrow(InstanceLockedError);
    expect(() => second.acquire()).toThrow(/pid 100.*already using data dir/);
    second.release();
    expect(readFileSync(join(d, LOCK_FILE_NAME), 'utf8').trim()).toBe('100');
  });

  it('takes over a lock left by a dead process', () => {
    const d = dir();
    writeFileSync(join(d, LOCK_FILE_NAME), '999999\n');
    const lock = new InstanceLock(d, 300, (pid) => pid !== 999999);
    lock.acquire();
    expect(readFileSync(join(d, LOCK_FILE_NAME), 'utf8').trim()).toBe('300');
  });

  it('takes over an unreadable lock file', () => {
    const d = dir();
    writeFileSync(join(d, LOCK_FILE_NAME), 'garbage');
    new InstanceLock(d, 301, () => true).acquire();
    expect(readFileSync(join(d, LOCK_FILE_NAME), 'utf8').trim()).toBe('301');
  });
});

describe('prepareDataDir', () => {
  it('creates a missing dir', () => {
    const d = join(dir(), 'a', 'b');
    prepareDataDir(d);
    expect(existsSync(d)).toBe(true);
  });

  it('explains a dir that cannot be used', () => {
    const file = join(dir(), 'plain-file');
    writeFileSync(file, '');
    expect(() => prepareDataDir(join(file, 'data'))).toThrow(DataDirError);
    expect(() => prepareDataDir(join(file, 'data'))).toThrow(
      /is not writable .*--data-dir or HYDRO_DATA_DIR/,
    );
  });
});
