import { presentMetric } from '@/i18n/format';

/** A byte count as "4.1 kB" in the UI language (the System page's own byte formatting). */
export function formatBytes(bytes: number, locale: string): string {
  return presentMetric('size_bytes', bytes, locale, { yes: '', no: '' }).value;
}
