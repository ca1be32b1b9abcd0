import { afterAll, describe, expect, it } from 'vitest';
import { formatCNumberG } from '../../../src/protocol/c-printf.js';
import { compileC, PRINTF_G_SOURCE } from './support/c-tools.js';
import { Random, doubleBits, randomDouble } from './support/random.js';

describe('formatCNumberG', () => {
  it.each([
    [1e-7, 15, '1e-07'],
    [1e-5, 15, '1e-05'],
    [0.0001, 15, '0.0001'],
    [0.1, 15, '0.1'],
    [0.1, 17, '0.10000000000000001'],
    [123456.789, 15, '123456.789'],
    [1e14, 15, '100000000000000'],
    [1e15, 15, '1e+15'],
    [1e15, 17, '1000000000000000'],
    [1e21, 17, '1e+21'],
    [1e100, 15, '1e+100'],
    [-2.5e-10, 15, '-2.5e-10'],
    [5e-324, 15, '4.94065645841247e-324'],
    [Number.MAX_VALUE, 15, '1.79769313486232e+308'],
    [0.30000000000000004, 15, '0.3'],
    [0.30000000000000004, 17, '0.30000000000000004'],
    [100, 1, '1e+02'],
    [0, 15, '0'],
    [-0, 15, '-0'],
    [42, 0, '4e+01'],
    // Exact ties round half to even, unlike Number#toPrecision.
    [2.5, 1, '2'],
    [3.5, 1, '4'],
    [0.125, 2, '0.12'],
    [1234567890123445, 15, '1.23456789012344e+15'],
    [1234567890123455, 15, '1.23456789012346e+15'],
    // Rounding up across a power of ten moves the exponent and may switch style.
    [9.5, 1, '1e+01'],
    [999999999999999.9, 15, '1e+15'],
    [0.0001 * (1 - Number.EPSILON), 15, '0.0001'],
    [0.0001 * (1 - Number.EPSILON), 17, '9.9999999999999978e-05'],
  ])('%s with precision %i prints %s', (value, precision, expected) => {
    expect(formatCNumberG(value, precision)).toBe(expected);
  });

  it('prints non-finite values like glibc', () => {
    expect([NaN, Infinity, -Infinity].map((v) => formatCNumberG(v, 15))).toEqual([
      'nan',
      'inf',
      '-inf',
    ]);
  });

  it('rejects a negative or fractional precision', () => {
    expect(() => formatCNumberG(1, -1)).toThrow(RangeError);
    expect(() => formatCNumberG(1, 1.5)).toThrow(RangeError);
  });
});

const printf = compileC('printf-g', PRINTF_G_SOURCE);
afterAll(() => {
  if (printf.ok) printf.dispose();
});

describe('formatCNumberG against the C library printf', () => {
  const skipReason = printf.ok ? '' : ` (skipped: ${printf.reason})`;

  it.skipIf(!printf.ok)(`matches printf("%.*g") digit for digit${skipReason}`, () => {
    if (!printf.ok) return;
    const random = new Random(20260821);
    const cases: { value: number; precision: number }[] = [];
    for (let i = 0; i < 10_000; i += 1) {
      const value = randomDouble(random);
      cases.push({ value, precision: 15 }, { value, precision: 17 });
      cases.push({ value, precision: random.pick([0, 1, 2, 3, 6, 10, 16, 20, 25]) });
    }
    const expected = printf.run(
      cases.map(({ value, precision }) => `${precision} ${doubleBits(value)}`),
    );
    const mismatches = cases
      .map(({ value, precision }, i) => ({
        value,
        precision,
        c: expected[i],
        ours: formatCNumberG(value, precision),
      }))
      .filter((row) => row.c !== row.ours);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});
