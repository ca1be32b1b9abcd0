import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runSimCommand } from '../../../src/sim/cli.js';

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const io = { stdout, stderr, env: {}, stopRequested: new Promise<string>(() => undefined) };
  return { io, out: () => out, err: () => err };
}

describe('hydro sim arguments', () => {
  it.each([
    [['--broker', 'mqtt://127.0.0.1:1', '--bogus']],
    [[]],
    [['--broker', 'not a url']],
    [['--broker', 'mqtt://127.0.0.1:1', '--nodes', 'ph,toaster']],
    [['--broker', 'mqtt://127.0.0.1:1', '--count', '0']],
    [['--broker', 'mqtt://127.0.0.1:1', '--speed', 'fast']],
    [['--broker', 'mqtt://127.0.0.1:1', 'extra']],
  ])('refuses %j with usage on stderr and exit 2', async (argv) => {
    const c = capture();
    expect(await runSimCommand(argv, c.io)).toBe(2);
    expect(c.err()).toContain('Usage: hydro sim');
    expect(c.out()).toBe('');
  });

  it('prints the usage for --help and exits 0', async () => {
    const c = capture();
    expect(await runSimCommand(['--help'], c.io)).toBe(0);
    expect(c.out()).toContain('--broker URL');
  });
});
