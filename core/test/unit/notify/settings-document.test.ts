import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  NotificationSettingsSchema,
  UpdateNotificationSettingsRequestSchema,
  type NotificationSettings,
} from '../../../src/contracts/settings.js';
import {
  maskNotificationSettings,
  mergeNotificationSettings,
  notificationSettingsDiff,
} from '../../../src/notify/settings-document.js';

const TOKEN = '123456:AAbbCCddEEffGGhhIIjjKKll';
const stored: NotificationSettings = {
  webhook: {
    enabled: true,
    url: 'https://hooks.farm/x',
    secret: 'old-secret',
    min_severity: 'error',
  },
  telegram: { enabled: true, bot_token: TOKEN, chat_id: '-1001', min_severity: 'warning' },
  desktop: { enabled: true, min_severity: 'error' },
};
const request = (webhook: object = {}, telegram: object = {}) =>
  UpdateNotificationSettingsRequestSchema.parse({
    webhook: { enabled: true, url: 'https://hooks.farm/x', min_severity: 'error', ...webhook },
    telegram: { enabled: true, chat_id: '-1001', min_severity: 'warning', ...telegram },
    desktop: { enabled: true, min_severity: 'error' },
  });

describe('notification settings documents', () => {
  it('keeps a secret left out or blank, removes it on null, replaces it otherwise', () => {
    expect(mergeNotificationSettings(stored, request()).webhook.secret).toBe('old-secret');
    expect(mergeNotificationSettings(stored, request({ secret: '  ' })).webhook.secret).toBe(
      'old-secret',
    );
    expect(mergeNotificationSettings(stored, request({ secret: null })).webhook.secret).toBeNull();
    expect(
      mergeNotificationSettings(stored, request({ secret: 'new-secret' })).webhook.secret,
    ).toBe('new-secret');
    expect(mergeNotificationSettings(stored, request({}, { bot_token: null })).telegram).toEqual({
      ...stored.telegram,
      bot_token: null,
    });
  });

  it('masks secrets as *_set flags', () => {
    const view = maskNotificationSettings(stored, { updatedAt: 0, updatedBy: 'user:1 ana' });
    expect(view.webhook).toEqual({
      enabled: true,
      url: 'https://hooks.farm/x',
      secret_set: true,
      min_severity: 'error',
    });
    expect(view.telegram).toEqual({
      enabled: true,
      bot_token_set: true,
      chat_id: '-1001',
      min_severity: 'warning',
    });
    expect(view).toMatchObject({
      updated_at: '1970-01-01T00:00:00.000Z',
      updated_by: 'user:1 ana',
    });
    expect(JSON.stringify(view)).not.toMatch(/old-secret|AAbbCC/);
  });

  it('diffs changed fields, secrets only as set / replaced / unset', () => {
    const next = mergeNotificationSettings(
      stored,
      request({ secret: 'new-secret', min_severity: 'critical' }, { bot_token: null }),
    );
    expect(notificationSettingsDiff(stored, next)).toEqual({
      'webhook.min_severity': ['error', 'critical'],
      'webhook.secret': ['set', 'replaced'],
      'telegram.bot_token': ['set', 'unset'],
    });
    expect(notificationSettingsDiff(stored, stored)).toEqual({});
  });

  it('accepts chat ids and @channels, bot tokens as @BotFather issues them, http(s) URLs only', () => {
    const check = (patch: Partial<NotificationSettings['telegram']>) =>
      NotificationSettingsSchema.safeParse({
        ...DEFAULT_NOTIFICATION_SETTINGS,
        telegram: { ...stored.telegram, ...patch },
      }).success;
    expect(check({ chat_id: '123456789' })).toBe(true);
    expect(check({ chat_id: '@farm_alerts' })).toBe(true);
    expect(check({ chat_id: 'farm alerts' })).toBe(false);
    expect(check({ bot_token: '123:short' })).toBe(false);
    expect(check({ bot_token: `${TOKEN}/../../other` })).toBe(false);
    const blank = UpdateNotificationSettingsRequestSchema.parse({
      webhook: { enabled: false, url: '', min_severity: 'error' },
      telegram: { enabled: false, chat_id: ' ', min_severity: 'error' },
      desktop: { enabled: false, min_severity: 'info' },
    });
    expect(blank.webhook.url).toBeNull();
    expect(blank.telegram.chat_id).toBeNull();
    expect(
      UpdateNotificationSettingsRequestSchema.safeParse({
        ...blank,
        webhook: { ...blank.webhook, url: 'file:///etc/passwd' },
      }).success,
    ).toBe(false);
  });
});
