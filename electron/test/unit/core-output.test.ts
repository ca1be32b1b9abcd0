import { describe, expect, it } from 'vitest';
import { parseReadyLine, summarizeStderrLine } from '../../main/core-output.js';

describe('parseReadyLine', () => {
  it('reads the ready line of hydro serve', () => {
    const line = '{"event":"ready","http":"http://127.0.0.1:51234","mqtt":"mqtt://127.0.0.1:1883"}';
    expect(parseReadyLine(line)).toEqual({
      http: 'http://127.0.0.1:51234',
      mqtt: 'mqtt://127.0.0.1:1883',
    });
  });

  it('normalises the HTTP URL to its origin and tolerates surrounding whitespace', () => {
    const line =
      '  {"event":"ready","http":"http://localhost:8080/","mqtt":"mqtts://[::1]:8883"}\r';
    expect(parseReadyLine(line)).toEqual({
      http: 'http://localhost:8080',
      mqtt: 'mqtts://[::1]:8883',
    });
  });

  it.each([
    ['an empty line', ''],
    ['plain text', 'listening on 8080'],
    ['broken JSON', '{"event":"ready","http":'],
    ['a JSON array', '["ready"]'],
    [
      'another event',
      '{"event":"stopping","http":"http://127.0.0.1:1","mqtt":"mqtt://127.0.0.1:2"}',
    ],
    ['a missing mqtt URL', '{"event":"ready","http":"http://127.0.0.1:1"}'],
    ['a non-URL', '{"event":"ready","http":"127.0.0.1:1","mqtt":"mqtt://127.0.0.1:2"}'],
    [
      'a non-loopback host',
      '{"event":"ready","http":"http://192.168.1.5:1","mqtt":"mqtt://127.0.0.1:2"}',
    ],
    [
      'a lookalike host',
      '{"event":"ready","http":"http://127.0.0.1.evil.test:1","mqtt":"mqtt://127.0.0.1:2"}',
    ],
    [
      'credentials in the URL',
      '{"event":"ready","http":"http://a:b@127.0.0.1:1","mqtt":"mqtt://127.0.0.1:2"}',
    ],
    [
      'a URL without a port',
      '{"event":"ready","http":"http://127.0.0.1","mqtt":"mqtt://127.0.0.1:2"}',
    ],
    ['a wrong scheme', '{"event":"ready","http":"file://127.0.0.1:1","mqtt":"mqtt://127.0.0.1:2"}'],
    [
      'an https URL (the core serves plain http)',
      '{"event":"ready","http":"https://127.0.0.1:1","mqtt":"mqtt://127.0.0.1:2"}',
    ],
  ])('rejects %s', (_name, line) => {
    expect(parseReadyLine(line)).toBeNull();
  });
});

describe('summarizeStderrLine', () => {
  it('keeps the one-line refusal message', () => {
    const line =
      'hydro: MQTT port 1883 on 0.0.0.0 is already in use; choose another with --mqtt-port';
    expect(summarizeStderrLine(line)).toBe(line);
  });

  it('keeps error-level log entries and adds their error message', () => {
    const line = JSON.stringify({
      level: 60,
      msg: 'hydro crashed',
      err: { message: 'disk full', stack: 'x' },
    });
    expect(summarizeStderrLine(line)).toBe('hydro crashed: disk full');
    expect(summarizeStderrLine(JSON.stringify({ level: 50, msg: 'broker failed' }))).toBe(
      'broker failed',
    );
  });

  it('skips info and warning log entries', () => {
    expect(summarizeStderrLine(JSON.stringify({ level: 30, msg: 'http listening' }))).toBeNull();
    expect(summarizeStderrLine(JSON.stringify({ level: 40, msg: 'slow flush' }))).toBeNull();
  });

  it('skips stack frames, object dumps and the Node.js version trailer', () => {
    expect(
      summarizeStderrLine('    at Module._compile (node:internal/modules/cjs/loader:1554:14)'),
    ).toBeNull();
    expect(summarizeStderrLine("  code: 'ERR_MODULE_NOT_FOUND',")).toBeNull();
    expect(summarizeStderrLine('}')).toBeNull();
    expect(summarizeStderrLine('Node.js v22.20.0')).toBeNull();
    expect(summarizeStderrLine('   ')).toBeNull();
  });

  it('keeps the headline of an uncaught exception', () => {
    const line = "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/app/dist/core/cli.js'";
    expect(summarizeStderrLine(line)).toBe(line);
  });

  it('shortens very long lines', () => {
    const summary = summarizeStderrLine(`hydro: ${'x'.repeat(1_000)}`);
    expect(summary).toHaveLength(300);
    expect(summary?.endsWith('…')).toBe(true);
  });
});
