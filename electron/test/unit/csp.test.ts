import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, withContentSecurityPolicy } from '../../main/csp.js';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('buildContentSecurityPolicy', () => {
  const policy = directives(buildContentSecurityPolicy('http://127.0.0.1:40001'));

  it('denies by default and allows scripts only from the core, without eval or inline code', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
  });

  it('lets the page reach its own API and realtime socket only', () => {
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:40001']);
  });

  it('blocks plugins, framing and base-URL tricks', () => {
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
  });

  it('never allows unsafe-eval anywhere', () => {
    expect(buildContentSecurityPolicy('http://127.0.0.1:40001')).not.toContain('unsafe-eval');
  });

  it('uses wss: for an https core', () => {
    const secure = directives(buildContentSecurityPolicy('https://localhost:8443'));
    expect(secure.get('connect-src')).toEqual(["'self'", 'wss://localhost:8443']);
  });

  it('refuses origins that are not http(s)', () => {
    expect(() => buildContentSecurityPolicy('file:///tmp')).toThrow(RangeError);
  });
});

describe('withContentSecurityPolicy', () => {
  it('adds the header when the response has none', () => {
    const headers = withContentSecurityPolicy(
      { 'Content-Type': ['text/html'] },
      "default-src 'none'",
    );
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ["default-src 'none'"],
    });
  });

  it('keeps the core’s own policy beside the shell’s, whatever its spelling', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ["default-src 'self'"] },
      "default-src 'none'",
    );
    expect(headers).toEqual({
      'content-security-policy': ["default-src 'self'", "default-src 'none'"],
    });
  });
});
