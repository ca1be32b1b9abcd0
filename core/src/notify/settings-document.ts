import type {
  NotificationSettings,
  NotificationSettingsView,
  UpdateNotificationSettingsRequest,
} from '../contracts/settings.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** What the API shows: every field but the secrets, which become `*_set` flags. */
export function maskNotificationSettings(
  settings: NotificationSettings,
  saved: { updatedAt: number; updatedBy: string | null } | null,
): NotificationSettingsView {
  const { webhook, telegram, desktop } = settings;
  return {
    webhook: {
      enabled: webhook.enabled,
      url: webhook.url,
      secret_set: webhook.secret !== null,
      min_severity: webhook.min_severity,
    },
    telegram: {
      enabled: telegram.enabled,
      bot_token_set: telegram.bot_token !== null,
      chat_id: telegram.chat_id,
      min_severity: telegram.min_severity,
    },
    desktop: { ...desktop },
    updated_at: iso(saved?.updatedAt ?? null),
    updated_by: saved?.updatedBy ?? null,
  };
}

/**
 * The document a PUT asks for: its fields replace the stored ones, except secrets left out
 * (undefined), which keep the stored value. The result still has to pass the stored schema
 * (e.g. Telegram enabled needs a token, given now or before).
 */
export function mergeNotificationSettings(
  stored: NotificationSettings,
  update: UpdateNotificationSettingsRequest,
): NotificationSettings {
  return {
    webhook: {
      enabled: update.webhook.enabled,
      url: update.webhook.url,
      secret: update.webhook.secret === undefined ? stored.webhook.secret : update.webhook.secret,
      min_severity: update.webhook.min_severity,
    },
    telegram: {
      enabled: update.telegram.enabled,
      bot_token:
        update.telegram.bot_token === undefined
          ? stored.telegram.bot_token
          : update.telegram.bot_token,
      chat_id: update.telegram.chat_id,
      min_severity: update.telegram.min_severity,
    },
    desktop: { ...update.desktop },
  };
}

type Diff = Record<string, [unknown, unknown]>;

/**
 * The audit entry's diff: `channel.field: [before, after]` for each change. Secrets appear only as
 * `unset` / `set` / `replaced`, never as values.
 */
export function notificationSettingsDiff(
  before: NotificationSettings,
  after: NotificationSettings,
): Diff {
  const diff: Diff = {};
  const compare = (path: string, a: unknown, b: unknown) => {
    if (a !== b) diff[path] = [a, b];
  };
  const secret = (path: string, a: string | null, b: string | null) => {
    if (a === b) return;
    diff[path] = [
      a === null ? 'unset' : 'set',
      b === null ? 'unset' : a === null ? 'set' : 'replaced',
    ];
  };
  for (const field of ['enabled', 'url', 'min_severity'] as const) {
    compare(`webhook.${field}`, before.webhook[field], after.webhook[field]);
  }
  secret('webhook.secret', before.webhook.secret, after.webhook.secret);
  for (const field of ['enabled', 'chat_id', 'min_severity'] as const) {
    compare(`telegram.${field}`, before.telegram[field], after.telegram[field]);
  }
  secret('telegram.bot_token', before.telegram.bot_token, after.telegram.bot_token);
  for (const field of ['enabled', 'min_severity'] as const) {
    compare(`desktop.${field}`, before.desktop[field], after.desktop[field]);
  }
  return diff;
}
