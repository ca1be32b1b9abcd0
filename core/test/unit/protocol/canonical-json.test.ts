import { describe, expect, it } from 'vitest';
import { CANONICAL_MAX_DEPTH, canonicalJson } from '../../../src/protocol/canonical-json.js';
import { ProtocolError } from '../../../src/protocol/errors.js';
import { randomJsonValue } from './support/json-values.js';
import { Random } from './support/random.js';

describe('canonicalJson', () => {
  it('sorts keys recursively, keeps array order and adds no whitespace', () => {
    const value = {
      ts: 1,
      params: { state: true, stage: 'x', list: [{ b: 1, a: 2 }, 3] },
      cmd: 'c',
    };
    expect(canonicalJson(value)).toBe(
      '{"cmd":"c","params":{"list":[{"a":2,"b":1},3],"stage":"x","state":true},"ts":1}',
    );
  });

  it('orders keys by code point (UTF-8 bytes, as strcmp), not by UTF-16 unit', () => {
    // U+FB01 sorts before U+1F600, although its UTF-16 unit (FB01) is above the surrogate D83D.
    expect(canonicalJson({ '😀': 1, ﬁ: 2, a_: 3, a: 4, B: 5, '2': 6, '10': 7 })).toBe(
      '{"10":7,"2":6,"B":5,"a":4,"a_":3,"ﬁ":2,"😀":1}',
    );
  });

  it.each([
    ['quote and backslash', 'say "hi" \\o/', '"say \\"hi\\" \\\\o/"'],
    ['short escapes', '\b\f\n\r\t', '"\\b\\f\\n\\r\\t"'],
    ['other controls as lowercase \\u00xx', '\u0001\u001f\u000b', '"\\u0001\\u001f\\u000b"'],
    ['DEL, slash and non-ASCII raw', '\u007f/é😀\u2028', '"\u007f/é😀\u2028"'],
  ])('escapes strings like cJSON: %s', (_name, input, expected) => {
    expect(canonicalJson(input)).toBe(expected);
  });

  it.each([
    [2.0, '2'],
    [-0, '0'],
    [2147483647, '2147483647'],
    [-2147483648, '-2147483648'],
    [2147483648, '2147483648'],
    [1e10, '10000000000'],
    // Integral but beyond int32: %.15g, exponent as C prints it.
    [1e15, '1e+15'],
    [2 ** 53, '9.00719925474099e+15'],
    [1e21, '1e+21'],
    [0.5, '0.5'],
    [0.1, '0.1'],
    [1e-7, '1e-07'],
    [123456.789, '123456.789'],
    [-2.5e-5, '-2.5e-05'],
    // cJSON keeps %.15g when it reads back within DBL_EPSILON, even if not exactly.
    [0.1 + 0.2, '0.3'],
    [2 / 3, '0.66666666666666663'],
    [5e-324, '4.94065645841247e-324'],
    [Number.MAX_VALUE, '1.79769313486232e+308'],
    [NaN, 'null'],
    [Infinity, 'null'],
    [-Infinity, 'null'],
  ])('prints the number %s as %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('leaves out properties whose value is undefined, as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { b: 1, a: [] });
    expect(canonicalJson(bare)).toBe('{"a":[],"b":1}');
  });

  it(`accepts ${CANONICAL_MAX_DEPTH} levels of nesting and refuses more`, () => {
    const nest = (levels: number): unknown => (levels === 0 ? 1 : { n: [nest(levels - 1)] });
    // Each nest() level is two containers.
    expect(() => canonicalJson(nest(CANONICAL_MAX_DEPTH / 2))).not.toThrow();
    expect(() => canonicalJson({ top: nest(CANONICAL_MAX_DEPTH / 2) })).toThrow(/deeper than 16/);
  });

  it.each([
    ['U+0000 in a string', { s: 'a\u0000b' }],
    ['U+0000 in a key', { 'a\u0000': 1 }],
    ['a lone high surrogate', { s: '\ud83d' }],
    ['a lone low surrogate in a key', { '\ude00': 1 }],
    ['undefined in an array', [1, undefined]],
    ['a hole in a sparse array', Object.assign([1], { 2: 3 })],
    ['undefined at the top', undefined],
    ['a bigint', { n: 10n }],
    ['a function', { f: () => 1 }],
    ['a symbol', { s: Symbol('s') }],
    ['a Date', { d: new Date(0) }],
    ['a Map', new Map([['a', 1]])],
  ])('refuses %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(ProtocolError);
  });
});

function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(Math.abs(a), Math.abs(b)) * Number.EPSILON;
}

/** First place where `parsed` is not what canonicalising `original` should give, or null. */
function mismatch(parsed: unknown, original: unknown, path = '$'): string | null {
  if (typeof original === 'number') {
    if (!Number.isFinite(original)) return parsed === null ? null : `${path}: expected null`;
    return typeof parsed === 'number' && nearlyEqual(parsed, original)
      ? null
      : `${path}: ${String(parsed)} is not ${original}`;
  }
  if (Array.isArray(original)) {
    if (!Array.isArray(parsed) || parsed.length !== original.length) return `${path}: array`;
    for (const [i, item] of original.entries()) {
      const found = mismatch(parsed[i], item, `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof original === 'object' && original !== null) {
    if (typeof parsed !== 'object' || parsed === null) return `${path}: object`;
    const actual = parsed as Record<string, unknown>;
    const keys = Object.keys(original);
    if (keys.length !== Object.keys(actual).length) return `${path}: keys`;
    for (const key of keys) {
      const found = mismatch(
        actual[key],
        (original as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (found !== null) return found;
    }
    return null;
  }
  return Object.is(parsed, original) ? null : `${path}: ${String(parsed)}`;
}

const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

function unsortedObject(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const children = Object.values(value);
  if (!Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.join('\u0000') !== [...keys].sort(utf8Order).join('\u0000')) return keys.join(',');
  }
  for (const child of children) {
    const found = unsortedObject(child);
    if (found !== null) return found;
  }
  return null;
}

function hasInfinity(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some(hasInfinity);
}

describe('canonicalJson properties over random values', () => {
  const random = new Random(7_355_113);
  const values = Array.from({ length: 3000 }, () =>
    randomJsonValue(random, 4, { indexLikeKeys: false, nonFinite: true }),
  );

  it('parses back to the same structure, strings exactly and numbers within cJSON tolerance', () => {
    const failures = values
      .map((value, i) => ({ i, why: mismatch(JSON.parse(canonicalJson(value)), value) }))
      .filter((f) => f.why !== null);
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it('lists every object in UTF-8 byte order of its keys', () => {
    const unsorted = values
      .map((value, i) => ({ i, keys: unsortedObject(JSON.parse(canonicalJson(value))) }))
      .filter((f) => f.keys !== null);
    expect(unsorted.slice(0, 5)).toEqual([]);
  });

  it('is a fixed point: canonicalising the parsed output gives the same bytes', () => {
    const moved = values
      .map((value) => canonicalJson(value))
      .filter((text) => {
        const reparsed: unknown = JSON.parse(text);
        // %.15g of values next to DBL_MAX reads back as Infinity; cJSON prints it all the same.
        return !hasInfinity(reparsed) && canonicalJson(reparsed) !== text;
      });
    expect(moved.slice(0, 5)).toEqual([]);
  });
});
