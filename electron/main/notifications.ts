import { Notification } from 'electron';
import type { Notice } from './notice-rules.js';

/** Shows a native notification; clicking it runs `onClick` (opens the window). */
export function showNotice(notice: Notice, onClick: () => void): void {
  if (!Notification.isSupported()) {
    console.warn(`hydro: ${notice.title}: ${notice.body}`);
    return;
  }
  const notification = new Notification({
    title: notice.title,
    body: notice.body,
    // Linux honours urgency, Windows the timeout; macOS leaves it to the user's alert style.
    ...(notice.urgent ? { urgency: 'critical', timeoutType: 'never' } : {}),
  });
  notification.on('click', onClick);
  notification.show();
}
