/**
 * Headers on every response. Naive UI injects its styles at runtime, hence 'unsafe-inline' for
 * styles only; scripts come from this origin alone.
 */
export const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
} as const;

/** Shown instead of the app when the renderer was never built, so the fix is obvious. */
export function uiMissingPage(uiDir: string): string {
  const escaped = uiDir.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hydro: UI not built</title></head>
<body style="font-family:sans-serif;background:#111;color:#eee;padding:2rem">
<h1>Hydro is running, but its UI is not built</h1>
<p>No <code>index.html</code> in <code>${escaped}</code>. Run <code>npm run build</code> and reload.</p>
<p>The API is up: <a style="color:#8cf" href="/api/health">/api/health</a></p></body></html>`;
}
