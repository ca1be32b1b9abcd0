// Locale-aware formatting for values that come from the core: counts, timestamps and durations.

type DurationUnit = 'days' | 'hours' | 'minutes' | 'seconds';

const UNIT_SECONDS: readonly [DurationUnit, number][] = [
  ['days', 86_400],
  ['hours', 3_600],
  ['minutes', 60],
  ['seconds', 1],
];

/**
 * A duration as its largest non-zero unit and the unit below it ("3 d 4 h", "5 min 0 s"), which
 * is as much precision as an uptime needs. `label` renders one part in the UI language.
 */
export function formatDuration(
  totalSeconds: number,
  label: (unit: DurationUnit, n: number) => string,
): string {
  let rest = Math.max(0, Math.floor(totalSeconds));
  const parts: string[] = [];
  for (const [unit, size] of UNIT_SECONDS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || (parts.length > 0 && parts.length < 2)) parts.push(label(unit, n));
    if (parts.length === 2) break;
  }
  return parts.length > 0 ? parts.join(' ') : label('seconds', 0);
}

export function formatDateTime(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(ms);
}

export interface MetricView {
  label: string;
  value: string;
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/**
 * A component metric as a grower reads it. Names are snake_case with the unit as a suffix
 * (Prometheus style), so `size_bytes: 4096` becomes "size: 4.1 kB". Other numbers are not
 * grouped, because most are identifiers such as ports, where "42,631" would look wrong.
 */
export function presentMetric(
  name: string,
  value: number | string | boolean,
  locale: string,
  yesNo: { yes: string; no: string },
): MetricView {
  if (typeof value === 'number' && name.endsWith('_bytes')) {
    return { label: humanize(name.slice(0, -'_bytes'.length)), value: formatBytes(value, locale) };
  }
  const label = humanize(name);
  if (typeof value === 'boolean') return { label, value: value ? yesNo.yes : yesNo.no };
  if (typeof value === 'string') return { label, value };
  const format = new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 3 });
  return { label, value: format.format(value) };
}

function humanize(name: string): string {
  return name.replaceAll('_', ' ');
}

function formatBytes(bytes: number, locale: string): string {
  let size = bytes;
  let unit = 0;
  while (Math.abs(size) >= 1000 && unit < BYTE_UNITS.length - 1) {
    size /= 1000;
    unit += 1;
  }
  const format = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: BYTE_UNITS[unit],
    maximumFractionDigits: unit === 0 ? 0 : 1,
  });
  return format.format(size);
}
