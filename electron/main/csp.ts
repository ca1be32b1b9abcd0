/**
 * Content-Security-Policy for the core's pages in the desktop window, added as a response header
 * by the shell so it holds even if a core build forgets its own (Electron security checklist #7).
 *
 * - Scripts only from the core's origin: no inline scripts, no eval (the Vue build needs neither).
 * - `style-src 'unsafe-inline'`: naive-ui injects <style> elements at runtime and Vue binds
 *   `style` attributes; styles cannot run code, so this is the accepted trade-off.
 * - `connect-src` names the realtime WebSocket origin explicitly rather than relying on CSP3's
 *   rule that 'self' also covers ws: on the same host.
 */
export function buildContentSecurityPolicy(coreOrigin: string): string {
  const url = new URL(coreOrigin);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RangeError(`Not an http(s) origin: ${coreOrigin}`);
  }
  const socketOrigin = `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
  const directives: [string, ...string[]][] = [
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'", socketOrigin],
    ['manifest-src', "'self'"],
    ['worker-src', "'self'", 'blob:'],
    ['form-action', "'self'"],
    ['base-uri', "'none'"],
    ['object-src', "'none'"],
    ['frame-src', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((parts) => parts.join(' ')).join('; ');
}

/** The status pages the shell renders itself: no scripts, no network, inline styles only. */
export const STATUS_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'";

/**
 * Adds `policy` to response headers. An existing CSP header (any spelling) is kept, so both
 * policies apply and the stricter one wins per directive.
 */
export function withContentSecurityPolicy(
  headers: Record<string, string[]>,
  policy: string,
): Record<string, string[]> {
  const existing = Object.keys(headers).find(
    (name) => name.toLowerCase() === 'content-security-policy',
  );
  const name = existing ?? 'Content-Security-Policy';
  return { ...headers, [name]: [...(headers[name] ?? []), policy] };
}
