import { STATUS_PAGE_CSP } from './csp.js';
import type { DesktopStatus, StatusLevel } from './core-status.js';

const ACCENTS: Record<StatusLevel, string> = {
  ok: '#2e9d4f',
  warning: '#d89a00',
  error: '#d33a2c',
  idle: '#8a8f98',
};

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/**
 * The page the window shows while the core is not serving: starting, or down and being retried.
 * It is rendered here (not by the core, which is the thing that is down) as a data: URL with no
 * scripts; the shell replaces it on every state change, so it never goes stale for long.
 */
export function renderStatusPage(status: DesktopStatus): string {
  const footer =
    status.level === 'error'
      ? '<p class="note">Hydro retries automatically. This page updates by itself.</p>'
      : '';
  const detail = status.detail === null ? '' : `<p>${escapeHtml(status.detail)}</p>`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${STATUS_PAGE_CSP}">
<title>Hydro: ${escapeHtml(status.headline)}</title>
<style>
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #16181d;
    color: #e6e8eb; font: 15px/1.5 system-ui, sans-serif; }
  main { max-width: 36rem; padding: 2rem; border-left: 4px solid ${ACCENTS[status.level]}; }
  h1 { font-size: 1.4rem; margin: 0 0 0.75rem; }
  p { margin: 0.5rem 0; overflow-wrap: anywhere; }
  .note { color: #a4a9b1; font-size: 0.9rem; }
</style>
</head>
<body><main role="status"><h1>${escapeHtml(status.headline)}</h1>${detail}${footer}</main></body>
</html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
