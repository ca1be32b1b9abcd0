import { z } from 'zod';
import { AlertSeveritySchema } from './alerts.js';

/** Where alert notifications go (reference-domain.md §9.4; architecture.md §5 `Notifier`). */
export const NOTIFICATION_CHANNELS = ['webhook', 'telegram', 'desktop'] as const;
export const NotificationChannelSchema = z.enum(NOTIFICATION_CHANNELS);
export type NotificationChannel = z.infer<typeof NotificationChannelSchema>;

/** Form fields left blank mean "none". */
const blankIsNull = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? null : value;

const WebhookUrlSchema = z.preprocess(
  blankIsNull,
  z
    .string()
    .trim()
    .max(2048, 'must be at most 2048 characters')
    .pipe(z.url({ protocol: /^https?$/i, error: 'must be an http:// or https:// URL' }))
    .nullable(),
);

/** Shared with the receiver, which checks `X-Hydro-Signature` with it. */
const WebhookSecretSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(256, 'must be at most 256 characters');

/** `<bot id>:<secret>` as @BotFather issues it; checked so it can only form a Bot API path. */
const BotTokenSchema = z
  .string()
  .trim()
  .regex(/^\d{1,20}:[A-Za-z0-9_-]{20,100}$/, 'must be a bot token from @BotFather (123456:ABC…)');

/** A numeric chat id (groups and channels are negative) or a public channel's @username. */
const ChatIdSchema = z.preprocess(
  blankIsNull,
  z
    .string()
    .trim()
    .regex(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/, 'must be a chat id (-100…) or @channel')
    .nullable(),
);

const required = (ctx: z.RefinementCtx, path: string, what: string) =>
  ctx.addIssue({ code: 'custom', path: [path], message: `is required to enable ${what}` });

/**
 * The notification settings as stored. Secrets are kept in the store (the core needs them to
 * sign and send) but never leave it: the API shows {@link NotificationSettingsViewSchema}.
 */
export const NotificationSettingsSchema = z.object({
  webhook: z
    .object({
      enabled: z.boolean(),
      url: WebhookUrlSchema,
      /** Signs each delivery (HMAC-SHA256) when set. */
      secret: WebhookSecretSchema.nullable(),
      min_severity: AlertSeveritySchema,
    })
    .superRefine((w, ctx) => {
      if (w.enabled && w.url === null) required(ctx, 'url', 'the webhook');
    }),
  telegram: z
    .object({
      enabled: z.boolean(),
      bot_token: BotTokenSchema.nullable(),
      chat_id: ChatIdSchema,
      min_severity: AlertSeveritySchema,
    })
    .superRefine((t, ctx) => {
      if (t.enabled && t.bot_token === null) required(ctx, 'bot_token', 'Telegram');
      if (t.enabled && t.chat_id === null) required(ctx, 'chat_id', 'Telegram');
    }),
  /** Native notifications from the desktop shell (a `notification.show` realtime event). */
  desktop: z.object({ enabled: z.boolean(), min_severity: AlertSeveritySchema }),
});
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

/**
 * Before anything is configured: the desktop shows errors and worse, as the reference's push
 * default does for critical ones; remote channels wait for their address.
 */
export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  webhook: { enabled: false, url: null, secret: null, min_severity: 'error' },
  telegram: { enabled: false, bot_token: null, chat_id: null, min_severity: 'error' },
  desktop: { enabled: true, min_severity: 'error' },
};

/** `GET /api/settings/notifications`: secrets masked, `*_set` tells whether one is stored. */
export const NotificationSettingsViewSchema = z.object({
  webhook: z.object({
    enabled: z.boolean(),
    url: z.string().nullable(),
    secret_set: z.boolean(),
    min_severity: AlertSeveritySchema,
  }),
  telegram: z.object({
    enabled: z.boolean(),
    bot_token_set: z.boolean(),
    chat_id: z.string().nullable(),
    min_severity: AlertSeveritySchema,
  }),
  desktop: z.object({ enabled: z.boolean(), min_severity: AlertSeveritySchema }),
  /** When and by whom they were last saved; null while they are the defaults. */
  updated_at: z.string().nullable(),
  updated_by: z.string().nullable(),
});
export type NotificationSettingsView = z.infer<typeof NotificationSettingsViewSchema>;

/**
 * A secret in a PUT: left out or blank keeps the stored one (a password field left empty),
 * null removes it, anything else replaces it.
 */
const secretUpdate = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.nullish());

/** `PUT /api/settings/notifications`: the whole document; see `secretUpdate` for secrets. */
export const UpdateNotificationSettingsRequestSchema = z.strictObject({
  webhook: z.strictObject({
    enabled: z.boolean(),
    url: WebhookUrlSchema,
    secret: secretUpdate(WebhookSecretSchema),
    min_severity: AlertSeveritySchema,
  }),
  telegram: z.strictObject({
    enabled: z.boolean(),
    bot_token: secretUpdate(BotTokenSchema),
    chat_id: ChatIdSchema,
    min_severity: AlertSeveritySchema,
  }),
  desktop: z.strictObject({ enabled: z.boolean(), min_severity: AlertSeveritySchema }),
});
export type UpdateNotificationSettingsRequest = z.infer<
  typeof UpdateNotificationSettingsRequestSchema
>;

/** `POST /api/settings/notifications/test`: send a test message through one channel now. */
export const TestNotificationRequestSchema = z.strictObject({ channel: NotificationChannelSchema });

/** How one delivery went: `status` is the receiver's HTTP status when it answered at all. */
export const DeliveryResultSchema = z.object({
  channel: NotificationChannelSchema,
  ok: z.boolean(),
  status: z.number().int().nullable(),
  /** What went wrong, in words (null when ok). */
  error: z.string().nullable(),
  duration_ms: z.number().int().nonnegative(),
});
export type DeliveryResult = z.infer<typeof DeliveryResultSchema>;
