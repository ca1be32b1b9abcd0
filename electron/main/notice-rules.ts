import type { ComponentHealth, Health } from '../../core/src/contracts/health.js';
import type { RealtimeEvent } from '../../core/src/contracts/realtime.js';

/** A native notification to show. */
export interface Notice {
  title: string;
  body: string;
  /** Stays on screen until dismissed (critical alerts). */
  urgent?: boolean;
}

/**
 * Maps one realtime event to a notification, or null. Rules may keep state (to notify on
 * transitions only); a new event kind, such as alerts, plugs in as one more rule.
 */
export type NoticeRule = (event: RealtimeEvent) => Notice | null;

/** Runs every rule on each event and collects the notifications they produce. */
export function createNoticeFeed(rules: readonly NoticeRule[]): (event: RealtimeEvent) => Notice[] {
  return (event) => rules.map((rule) => rule(event)).filter((notice) => notice !== null);
}

/** The rules of one core run. Create a fresh set per run so a restarted core is judged afresh. */
export function defaultNoticeRules(): NoticeRule[] {
  return [healthFailureRule(), coreNotificationRule()];
}

const MAX_BODY_LENGTH = 240;

/**
 * Notifies when the core (or one of its components: broker, storage, automation…) enters `failed`.
 * Staying failed, recovering and degrading are shown in the tray and the window, not as popups:
 * a grower should be woken by a failure, not by every flicker.
 */
export function healthFailureRule(): NoticeRule {
  let failedBefore = new Set<string>();
  let overallBefore: Health['state'] | null = null;
  return (event) => {
    if (event.event !== 'system.health') return null;
    const health = event.data;
    const failedNow = health.components.filter((component) => component.state === 'failed');
    const newlyFailed = failedNow.filter((component) => !failedBefore.has(component.name));
    const overallNewlyFailed = health.state === 'failed' && overallBefore !== 'failed';
    failedBefore = new Set(failedNow.map((component) => component.name));
    overallBefore = health.state;
    if (newlyFailed.length > 0) return componentFailureNotice(newlyFailed);
    if (overallNewlyFailed) {
      return {
        title: 'Hydro controller failed',
        body: 'The controller reports a failure. Open Hydro for details.',
      };
    }
    return null;
  };
}

/**
 * Shows what the core asks the desktop to show: alerts that meet the desktop channel's minimum
 * severity (the core decides, per the notification settings) and test messages.
 */
export function coreNotificationRule(): NoticeRule {
  return (event) => {
    if (event.event !== 'notification.show') return null;
    const { title, body, severity } = event.data;
    return severity === 'critical'
      ? { title, body: clip(body), urgent: true }
      : { title, body: clip(body) };
  };
}

function clip(body: string): string {
  return body.length > MAX_BODY_LENGTH ? `${body.slice(0, MAX_BODY_LENGTH - 1)}…` : body;
}

function componentFailureNotice(components: readonly ComponentHealth[]): Notice {
  const names = components.map((component) => component.name).join(', ');
  const details = components.map((component) =>
    component.detail ? `${component.name}: ${component.detail}` : `${component.name} failed`,
  );
  return { title: `Hydro: ${names} failed`, body: clip(details.join('; ')) };
}
