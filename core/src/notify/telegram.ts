import type { NotificationSettings } from '../contracts/settings.js';
import { postJson, type Delivery } from './http-delivery.js';
import { cut, plainText, type Notification } from './notification.js';

export type TelegramConfig = NotificationSettings['telegram'];

/** The Bot API's limit for one message's text. */
const MAX_TEXT = 4096;

/**
 * `sendMessage` through the Bot API at `apiUrl` (https://api.telegram.org, or a local Bot API
 * server or proxy). Plain text, no parse mode: alert messages need no escaping then.
 */
export async function sendTelegram(
  apiUrl: string,
  config: TelegramConfig,
  n: Notification,
  signal: AbortSignal,
): Promise<Delivery> {
  const { bot_token: token, chat_id: chatId } = config;
  if (token === null || chatId === null) {
    return {
      ok: false,
      status: null,
      error: 'no bot token or chat id is saved',
      retryable: false,
    };
  }
  const url = `${apiUrl.replace(/\/+$/, '')}/bot${token}/sendMessage`;
  const body = JSON.stringify({
    chat_id: chatId,
    text: cut(plainText(n), MAX_TEXT),
    disable_web_page_preview: true,
  });
  const delivery = await postJson(url, body, {}, signal);
  // The token is part of the URL; make sure no error text can carry it into a log or the API.
  return delivery.error === null
    ? delivery
    : { ...delivery, error: delivery.error.replaceAll(token, '<bot token>') };
}
