import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli/args.js';
import { UsageError } from '../../src/runtime/errors.js';

describe('hydro CLI parsing', () => {
  it('parses serve with all its flags', () => {
    const cli = parseCli([
      'serve',
      '--data-dir',
      '/d',
      '--http-port',
      '0',
      '--mqtt-port=1884',
      '--bind',
      '0.0.0.0',
    ]);
    expect(cli).toEqual({
      command: 'serve',
      flags: { 'data-dir': '/d', 'http-port': '0', 'mqtt-port': '1884', bind: '0.0.0.0' },
      demo: false,
    });
  });

  it('shows help with no command, help or --help', () => {
    expect(parseCli([])).toEqual({ command: 'help' });
    expect(parseCli(['--help'])).toEqual({ command: 'help' });
    expect(parseCli(['serve', '-h'])).toEqual({ command: 'help' });
  });

  it('prints the version', () => {
    expect(parseCli(['--version'])).toEqual({ command: 'version' });
  });

  it('rejects an unknown flag', () => {
    expect(() => parseCli(['serve', '--http-prot', '1'])).toThrow(UsageError);
    expect(() => parseCli(['serve', '--http-prot', '1'])).toThrow(/--http-prot/);
  });

  it('parses --demo and --mqtt-url', () => {
    expect(parseCli(['serve', '--demo', '--mqtt-url', 'mqtt://10.0.0.2:1883'])).toEqual({
      command: 'serve',
      flags: { 'mqtt-url': 'mqtt://10.0.0.2:1883' },
      demo: 'fresh',
    });
  });

  it('parses --demo-prepared, which needs --demo', () => {
    expect(parseCli(['serve', '--demo', '--demo-prepared'])).toMatchObject({ demo: 'prepared' });
    expect(() => parseCli(['serve', '--demo-prepared'])).toThrow('--demo-prepared needs --demo');
  });

  it('hands everything after sim to the simulator', () => {
    expect(parseCli(['sim', '--broker', 'mqtt://x', '--count', '2'])).toEqual({
      command: 'sim',
      argv: ['--broker', 'mqtt://x', '--count', '2'],
    });
  });

  it('rejects positional arguments and unknown commands', () => {
    expect(() => parseCli(['serve', 'extra'])).toThrow(UsageError);
    expect(() => parseCli(['srve'])).toThrow(/unknown command "srve"/);
  });

  it('rejects a flag given without a value', () => {
    expect(() => parseCli(['serve', '--http-port'])).toThrow(UsageError);
  });
});
