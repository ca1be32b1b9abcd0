import { describe, expect, it } from 'vitest';
import { formatDuration, presentMetric } from '../src/i18n/format.js';

const short = (unit: string, n: number): string => `${n}${unit[0]}`;
const yesNo = { yes: 'yes', no: 'no' };

describe('formatDuration', () => {
  it('shows the largest unit and the one below it', () => {
    expect(formatDuration(3 * 86_400 + 4 * 3_600 + 5 * 60 + 6, short)).toBe('3d 4h');
    expect(formatDuration(2 * 3_600 + 59, short)).toBe('2h 0m');
    expect(formatDuration(65, short)).toBe('1m 5s');
    expect(formatDuration(42.9, short)).toBe('42s');
  });

  it('treats zero and clock skew as zero seconds', () => {
    expect(formatDuration(0, short)).toBe('0s');
    expect(formatDuration(-5, short)).toBe('0s');
  });
});

describe('presentMetric', () => {
  it('shows byte counts in readable units and drops the suffix from the label', () => {
    expect(presentMetric('size_bytes', 4096, 'en', yesNo)).toEqual({
      label: 'size',
      value: '4.1 kB',
    });
    expect(presentMetric('wal_bytes', 512, 'en', yesNo)).toEqual({
      label: 'wal',
      value: '512 byte',
    });
    expect(presentMetric('size_bytes', 2_500_000, 'ru', yesNo).value).toBe('2,5 МБ');
  });

  it('does not group numbers, which are often ports or ids', () => {
    expect(presentMetric('port', 42631, 'en', yesNo)).toEqual({ label: 'port', value: '42631' });
    expect(presentMetric('ws_clients', 3, 'en', yesNo)).toEqual({
      label: 'ws clients',
      value: '3',
    });
    expect(presentMetric('load', 0.12345, 'ru', yesNo).value).toBe('0,123');
  });

  it('translates flags and keeps text as it is', () => {
    expect(presentMetric('tls', true, 'en', { yes: 'да', no: 'нет' }).value).toBe('да');
    expect(presentMetric('tls', false, 'en', yesNo).value).toBe('no');
    expect(presentMetric('bind', '0.0.0.0', 'en', yesNo).value).toBe('0.0.0.0');
  });
});
