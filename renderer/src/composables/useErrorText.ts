import { useI18n } from 'vue-i18n';
import { NETWORK_ERROR } from '../api/http.js';

/** A failed call as pages hold it: an ApiRequestError, or a store's `{ code, message }`. */
function codeAndMessage(cause: unknown): { code: string; message: string } {
  if (typeof cause === 'object' && cause !== null && 'code' in cause && 'message' in cause) {
    return { code: String(cause.code), message: String(cause.message) };
  }
  return { code: NETWORK_ERROR, message: cause instanceof Error ? cause.message : String(cause) };
}

/**
 * Turns a failed call into a sentence for the grower: the translation of its stable error code
 * when the UI has one (`errors.<code>`), else the core's own message with the code for support.
 */
export function useErrorText(): (cause: unknown) => string {
  const i18n = useI18n();
  const { t } = i18n;
  return (cause) => {
    const { code, message } = codeAndMessage(cause);
    return i18n.te(`errors.${code}`) ? t(`errors.${code}`) : `${message} (${code})`;
  };
}
