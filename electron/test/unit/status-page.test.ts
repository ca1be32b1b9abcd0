import { describe, expect, it } from 'vitest';
import { escapeHtml, renderStatusPage } from '../../main/status-page.js';

function html(dataUrl: string): string {
  const prefix = 'data:text/html;charset=utf-8,';
  expect(dataUrl.startsWith(prefix)).toBe(true);
  return decodeURIComponent(dataUrl.slice(prefix.length));
}

describe('renderStatusPage', () => {
  it('shows the headline and detail, and says it is retrying when something failed', () => {
    const page = html(
      renderStatusPage({
        level: 'error',
        headline: 'Controller stopped unexpectedly',
        detail: 'Retrying in 2 s.',
      }),
    );
    expect(page).toContain('<h1>Controller stopped unexpectedly</h1>');
    expect(page).toContain('<p>Retrying in 2 s.</p>');
    expect(page).toContain('Hydro retries automatically.');
  });

  it('escapes text that comes from the core’s stderr', () => {
    const page = html(
      renderStatusPage({
        level: 'error',
        headline: 'x',
        detail: '<script>alert("boom")</script> & more',
      }),
    );
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(&quot;boom&quot;)&lt;/script&gt; &amp; more');
  });

  it('forbids scripts and network access in the page itself', () => {
    const page = html(
      renderStatusPage({ level: 'idle', headline: 'Starting the controller…', detail: null }),
    );
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(page).not.toContain('retries automatically');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});
