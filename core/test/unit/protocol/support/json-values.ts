import { randomDouble, type Random } from './random.js';

const CHAR_POOLS: readonly (readonly [number, number])[] = [
  [0x20, 0x7e], // printable ASCII, including " \ /
  [0x20, 0x7e],
  [0x01, 0x1f], // controls (U+0000 is refused on purpose and tested apart)
  [0x7f, 0xff], // DEL and Latin-1
  [0x0400, 0x04ff], // Cyrillic
  [0x2028, 0x2029], // JSON-legal line separators JavaScript once choked on
  [0x4e00, 0x4e40], // CJK
  [0xe000, 0xfffd], // above the surrogates: UTF-16 order and code point order disagree here
  [0x1f300, 0x1f64f], // astral emoji, surrogate pairs in UTF-16
  [0x10000, 0x10ffff],
];

export function randomString(random: Random, maxLength = 12): string {
  let text = '';
  const length = random.int(0, maxLength);
  for (let i = 0; i < length; i += 1) {
    const [low, high] = random.pick(CHAR_POOLS);
    text += String.fromCodePoint(random.int(low, high));
  }
  return text;
}

export interface JsonValueOptions {
  /** Keys that are array indices are reordered by JSON.parse; some checks need to avoid them. */
  readonly indexLikeKeys: boolean;
  /** Include NaN and ±Infinity (canonicalised as null). */
  readonly nonFinite: boolean;
}

/** A random JSON-like value, nested at most `depth` containers deep. */
export function randomJsonValue(random: Random, depth: number, options: JsonValueOptions): unknown {
  const kind = random.int(0, depth > 0 ? 9 : 5);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return random.bool();
    case 2:
    case 3:
      if (options.nonFinite && random.bool(0.05)) return random.pick([NaN, Infinity, -Infinity]);
      return randomDouble(random);
    case 4:
    case 5:
      return randomString(random);
    case 6:
    case 7:
      return Array.from({ length: random.int(0, 5) }, () =>
        randomJsonValue(random, depth - 1, options),
      );
    default: {
      const object: Record<string, unknown> = {};
      for (let i = random.int(0, 6); i > 0; i -= 1) {
        let key = random.bool(0.2) ? String(random.int(0, 20)) : randomString(random, 6);
        if (!options.indexLikeKeys && /^\d+$/.test(key)) key += 'k';
        object[key] = randomJsonValue(random, depth - 1, options);
      }
      return object;
    }
  }
}
