import { describe, expect, it } from 'vitest';
import {
  decideNavigation,
  decideWindowOpen,
  isSameOrigin,
  isVettedExternalLink,
} from '../../main/link-policy.js';

const CORE = 'http://127.0.0.1:40001';

describe('isVettedExternalLink', () => {
  it('accepts https links to allow-listed hosts', () => {
    expect(isVettedExternalLink('https://github.com/hydro/hydro/issues/12')).toBe(true);
    expect(isVettedExternalLink('https://docs.espressif.com/projects/esp-idf/en/latest/')).toBe(
      true,
    );
  });

  it.each([
    ['plain http', 'http://github.com/'],
    ['another host', 'https://evil.example/'],
    ['a subdomain trick', 'https://github.com.evil.example/'],
    ['a lookalike prefix', 'https://notgithub.com/'],
    ['an unlisted subdomain', 'https://gist.github.com/'],
    ['credentials', 'https://user:pass@github.com/'],
    ['an explicit port', 'https://github.com:8443/'],
    ['a file URL', 'file:///etc/passwd'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['a custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['a relative link', '/settings'],
    ['garbage', 'not a url'],
    ['an overlong URL', `https://github.com/${'a'.repeat(2_100)}`],
  ])('rejects %s', (_name, url) => {
    expect(isVettedExternalLink(url)).toBe(false);
  });

  it('uses the allow-list it is given', () => {
    expect(isVettedExternalLink('https://example.org/', ['example.org'])).toBe(true);
    expect(isVettedExternalLink('https://github.com/', ['example.org'])).toBe(false);
  });
});

describe('isSameOrigin', () => {
  it('matches scheme, host and port exactly', () => {
    expect(isSameOrigin(`${CORE}/zones/3?tab=ph#chart`, CORE)).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:40002/', CORE)).toBe(false);
    expect(isSameOrigin('http://localhost:40001/', CORE)).toBe(false);
    expect(isSameOrigin('https://127.0.0.1:40001/', CORE)).toBe(false);
  });

  it('never matches while there is no core', () => {
    expect(isSameOrigin(`${CORE}/`, null)).toBe(false);
  });
});

describe('navigation decisions', () => {
  it('lets the window move between the core’s own pages', () => {
    expect(decideNavigation(`${CORE}/login`, CORE)).toBe('allow');
  });

  it('sends vetted links to the browser and refuses the rest', () => {
    expect(decideNavigation('https://github.com/hydro', CORE)).toBe('open-external');
    expect(decideNavigation('https://evil.example/', CORE)).toBe('deny');
    expect(decideNavigation('data:text/html,<h1>x</h1>', CORE)).toBe('deny');
    expect(decideNavigation(`${CORE}/`, null)).toBe('deny');
  });

  it('never opens new windows, not even for the core’s own pages', () => {
    expect(decideWindowOpen(`${CORE}/popup`)).toBe('deny');
    expect(decideWindowOpen('https://github.com/hydro')).toBe('open-external');
  });
});
