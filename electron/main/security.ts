import { app, shell, type Session } from 'electron';
import { buildContentSecurityPolicy, withContentSecurityPolicy } from './csp.js';
import { decideNavigation, decideWindowOpen, isSameOrigin } from './link-policy.js';

/** The origin the window may show: the running core's, or null while it is down. */
export type CoreOriginSource = () => string | null;

/**
 * Locks down the window's session: every permission request (camera, geolocation, notifications,
 * USB…) is refused, since the UI needs none and native notifications come from main; and the
 * core's responses carry the shell's CSP.
 */
export function hardenSession(session: Session, coreOrigin: CoreOriginSource): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    const origin = coreOrigin();
    if (origin === null || !isSameOrigin(details.url, origin)) {
      callback({});
      return;
    }
    const policy = buildContentSecurityPolicy(origin);
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders ?? {}, policy) });
  });
}

/**
 * Guards every web contents the app creates: no <webview>, no new windows, and no navigation away
 * from the core's pages. Vetted https links (see link-policy.ts) open in the user's browser.
 */
export function installWebContentsGuards(coreOrigin: CoreOriginSource): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    const guard = (event: { url: string; preventDefault(): void }) => {
      const decision = decideNavigation(event.url, coreOrigin());
      if (decision === 'allow') return;
      event.preventDefault();
      if (decision === 'open-external') openVettedLink(event.url);
    };
    contents.on('will-navigate', guard);
    contents.on('will-redirect', guard);
    contents.setWindowOpenHandler(({ url }) => {
      if (decideWindowOpen(url) === 'open-external') openVettedLink(url);
      return { action: 'deny' };
    });
  });
}

/** Opens a link that already passed `isVettedExternalLink` in the user's browser. */
export function openVettedLink(url: string): void {
  shell.openExternal(url).catch((error: unknown) => {
    console.warn(`hydro: could not open ${url} in the browser: ${String(error)}`);
  });
}
