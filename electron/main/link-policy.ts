/**
 * Hosts the window may open in the user's browser. The renderer is treated as untrusted
 * (style-anchors.md §9), so `shell.openExternal` only ever sees https links to these sites: the
 * project's home and issue tracker, and the ESP-IDF docs the firmware pages link to.
 */
export const VETTED_LINK_HOSTS: readonly string[] = ['github.com', 'docs.espressif.com'];

const MAX_LINK_LENGTH = 2048;

/** True for an https link, without credentials or an explicit port, to an allow-listed host. */
export function isVettedExternalLink(
  raw: string,
  hosts: readonly string[] = VETTED_LINK_HOSTS,
): boolean {
  if (raw.length > MAX_LINK_LENGTH || !URL.canParse(raw)) return false;
  const url = new URL(raw);
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    hosts.includes(url.hostname)
  );
}

/** True when `raw` is a URL on exactly `origin` (scheme, host and port). */
export function isSameOrigin(raw: string, origin: string | null): boolean {
  if (origin === null || !URL.canParse(raw)) return false;
  return new URL(raw).origin === origin;
}

export type NavigationDecision = 'allow' | 'open-external' | 'deny';

/**
 * What to do when the window tries to leave its page. Only the core's own pages may load in it;
 * a vetted link goes to the user's browser instead; everything else is refused.
 */
export function decideNavigation(raw: string, coreOrigin: string | null): NavigationDecision {
  if (isSameOrigin(raw, coreOrigin)) return 'allow';
  return isVettedExternalLink(raw) ? 'open-external' : 'deny';
}

/** New windows are never created; a vetted link opens in the user's browser. */
export function decideWindowOpen(raw: string): Exclude<NavigationDecision, 'allow'> {
  return isVettedExternalLink(raw) ? 'open-external' : 'deny';
}
