import { ref } from 'vue';
import { ApiRequestError } from '@/api/http';
import { useErrorText } from '@/composables/useErrorText';

/**
 * A small form's submit state: busy, the core's per-field messages (422) and any other failure in
 * the UI language. Local checks show once the form was submitted.
 */
export function useFormErrors() {
  const errorText = useErrorText();
  const busy = ref(false);
  const touched = ref(false);
  const failure = ref('');
  const server = ref<Record<string, string>>({});

  function feedback(field: string, local: string): string {
    return server.value[field] ?? (touched.value ? local : '');
  }

  async function run<T>(call: () => Promise<T>): Promise<T | null> {
    busy.value = true;
    failure.value = '';
    server.value = {};
    try {
      return await call();
    } catch (cause) {
      if (cause instanceof ApiRequestError && Object.keys(cause.fieldErrors).length > 0) {
        server.value = Object.fromEntries(
          Object.entries(cause.fieldErrors).map(([field, messages]) => [
            field,
            messages.join('; '),
          ]),
        );
      } else {
        failure.value = errorText(cause);
      }
      return null;
    } finally {
      busy.value = false;
    }
  }

  return { busy, touched, failure, feedback, run };
}
