import { formatCNumberG } from './c-printf.js';
import { ProtocolError } from './errors.js';

export { formatCNumberG } from './c-printf.js';

/** Deepest nesting of objects and arrays the canonicaliser accepts (§7.5). */
export const CANONICAL_MAX_DEPTH = 16;

const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;

/**
 * The canonical JSON the node signs (§7.5): byte for byte what the reference firmware produces by
 * sorting keys with `strcmp` and printing with cJSON ≥ 1.7.16 `cJSON_PrintUnformatted`.
 *
 * - Keys sorted by code point (= UTF-8 byte order), recursively; arrays keep their order; no
 *   whitespace. Properties whose value is `undefined` are left out, as `JSON.stringify` does.
 * - Strings: `"` and `\` escaped, `\b \f \n \r \t`, other controls as `\u00xx`; everything else,
 *   `/` and non-ASCII included, raw.
 * - Numbers follow cJSON's `print_number`, see `canonicalNumber`.
 *
 * Throws `ProtocolError` for values a node would read differently: strings with U+0000 (cJSON
 * strings end there) or lone surrogates (not UTF-8), non-plain objects, `undefined` or functions
 * as values, and nesting deeper than 16.
 */
export function canonicalJson(value: unknown): string {
  return encode(value, 0, '$');
}

function encode(value: unknown, depth: number, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return canonicalNumber(value);
    case 'string':
      return quote(value, path);
    case 'object':
      break;
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      throw new ProtocolError('not_canonicalizable', `${path}: a ${typeof value} has no JSON form`);
  }
  if (depth >= CANONICAL_MAX_DEPTH) {
    throw new ProtocolError(
      'not_canonicalizable',
      `${path}: nested deeper than ${CANONICAL_MAX_DEPTH}`,
    );
  }
  if (Array.isArray(value)) {
    // Array.from visits holes of sparse arrays as undefined, which is then refused.
    const items = Array.from(value as unknown[], (item, i) =>
      encode(item, depth + 1, `${path}[${i}]`),
    );
    return `[${items.join(',')}]`;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new ProtocolError('not_canonicalizable', `${path}: only plain objects and arrays`);
  }
  const members = Object.entries(value)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => compareCodePoints(a, b))
    .map(([key, member]) => `${quote(key, path)}:${encode(member, depth + 1, `${path}.${key}`)}`);
  return `{${members.join(',')}}`;
}

/**
 * cJSON's `print_number`: NaN and ±Infinity print as `null`; a double equal to its saturated
 * `int` (so integral and within int32; -0 included, which prints `0`) prints as that integer;
 * anything else prints `%1.15g` unless reading that back differs from the value by more than
 * DBL_EPSILON relative (cJSON's `compare_double`, not exact equality), in which case `%1.17g`.
 * The reference Python signer prints every integral value as an integer; it disagrees with this
 * only from 1e15 up, which no real command carries, and the node is the one that verifies.
 */
function canonicalNumber(value: number): string {
  if (!Number.isFinite(value)) return 'null';
  if (Number.isInteger(value) && value >= INT_MIN && value <= INT_MAX) return String(value);
  const short = formatCNumberG(value, 15);
  return nearlyEqual(Number(short), value) ? short : formatCNumberG(value, 17);
}

function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(Math.abs(a), Math.abs(b)) * Number.EPSILON;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function quote(text: string, path: string): string {
  if (text.includes('\u0000')) {
    throw new ProtocolError(
      'not_canonicalizable',
      `${path}: U+0000 would cut the string on the node`,
    );
  }
  if (LONE_SURROGATE.test(text)) {
    throw new ProtocolError('not_canonicalizable', `${path}: lone UTF-16 surrogate`);
  }
  const escaped = text.replace(
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
    /["\\\u0001-\u001f]/g,
    (char) => SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `"${escaped}"`;
}

/** `strcmp` order of the UTF-8 encodings, i.e. code point order (not UTF-16 unit order). */
function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x - y;
    if (x > 0xffff) i += 1;
  }
  return a.length - b.length;
}
