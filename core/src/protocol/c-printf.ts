/**
 * C `printf("%.<precision>g")` for doubles, digit for digit as glibc and newlib print it.
 *
 * JavaScript has no `%g`: `toPrecision` writes `1e-7` where C writes `1e-07`, and its rounding of
 * exact decimal ties ("pick the larger") differs from C's round-half-to-even. So the decimal
 * digits are computed exactly from the binary value with BigInt and rounded half-even.
 */
export function formatCNumberG(value: number, precision: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value < 0 ? '-inf' : 'inf';
  if (!Number.isInteger(precision) || precision < 0) {
    throw new RangeError(`precision must be a non-negative integer, got ${precision}`);
  }
  // C99 §7.21.6.1: a zero precision is taken as 1.
  const p = Math.max(1, precision);
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  if (value === 0) return `${sign}0`;

  const { digits, exponent } = roundToSignificantDigits(Math.abs(value), p);
  // Style f when -4 <= X < P (X = exponent after rounding), else style e; then, without the
  // `#` flag, trailing zeros and a trailing decimal point are removed.
  if (exponent >= -4 && exponent < p) {
    const integer = exponent >= 0 ? digits.slice(0, exponent + 1) : '0';
    const fraction =
      exponent >= 0 ? digits.slice(exponent + 1) : '0'.repeat(-exponent - 1) + digits;
    return sign + withFraction(integer, fraction);
  }
  const magnitude = String(Math.abs(exponent)).padStart(2, '0');
  return `${sign}${withFraction(digits.slice(0, 1), digits.slice(1))}e${exponent < 0 ? '-' : '+'}${magnitude}`;
}

function withFraction(integer: string, fraction: string): string {
  const trimmed = fraction.replace(/0+$/, '');
  return trimmed === '' ? integer : `${integer}.${trimmed}`;
}

/** The exact value of a finite positive double as `numerator / denominator`. */
function exactRatio(value: number): { numerator: bigint; denominator: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const biasedExponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  // Subnormals have no implicit leading bit and the exponent of the smallest normal.
  const mantissa = biasedExponent === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biasedExponent === 0 ? 1 : biasedExponent) - 1075;
  return exponent >= 0
    ? { numerator: mantissa << BigInt(exponent), denominator: 1n }
    : { numerator: mantissa, denominator: 1n << BigInt(-exponent) };
}

/**
 * `p` significant decimal digits of `value` (> 0), rounded half-to-even on the exact binary
 * value, and the decimal exponent of the first digit.
 */
function roundToSignificantDigits(value: number, p: number): { digits: string; exponent: number } {
  const { numerator, denominator } = exactRatio(value);
  const lower = 10n ** BigInt(p - 1);
  const upper = lower * 10n;
  // log10 is only an estimate near powers of ten; the loop settles it exactly.
  let exponent = Math.floor(Math.log10(value));
  for (;;) {
    const shift = p - 1 - exponent;
    const scale = 10n ** BigInt(Math.abs(shift));
    const num = shift >= 0 ? numerator * scale : numerator;
    const den = shift >= 0 ? denominator : denominator * scale;
    let quotient = num / den;
    if (quotient >= upper) {
      exponent += 1;
      continue;
    }
    if (quotient < lower) {
      exponent -= 1;
      continue;
    }
    const twiceRemainder = (num % den) * 2n;
    if (twiceRemainder > den || (twiceRemainder === den && quotient % 2n === 1n)) quotient += 1n;
    if (quotient === upper) return { digits: lower.toString(), exponent: exponent + 1 };
    return { digits: quotient.toString(), exponent };
  }
}
