/**
 * A small seeded generator (Marsaglia's xorshift128) so property tests are reproducible: a
 * failure report names the seed and the case index, and rerunning replays the same values.
 */
export class Random {
  private readonly state: Uint32Array;

  constructor(seed: number) {
    // Spread the seed over the four state words; xorshift must not start from all zeros.
    this.state = new Uint32Array(4);
    let x = seed >>> 0 || 0x9e3779b9;
    for (let i = 0; i < 4; i += 1) {
      x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
      x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
      this.state[i] = (x ^= x >>> 16) || 1;
    }
    for (let i = 0; i < 16; i += 1) this.uint32();
  }

  uint32(): number {
    const s = this.state;
    let t = s[3]!;
    const first = s[0]!;
    s[3] = s[2]!;
    s[2] = s[1]!;
    s[1] = first;
    t ^= t << 11;
    t ^= t >>> 8;
    s[0] = (t ^ first ^ (first >>> 19)) >>> 0;
    return s[0];
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / 2 ** 32;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  bool(probability = 0.5): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  /** Any finite double, by uniform random bit pattern (so subnormals and extremes are common). */
  anyDouble(): number {
    for (;;) {
      const view = new DataView(new ArrayBuffer(8));
      view.setUint32(0, this.uint32());
      view.setUint32(4, this.uint32());
      const value = view.getFloat64(0);
      if (Number.isFinite(value)) return value;
    }
  }
}

/** The IEEE-754 bit pattern of a double as 16 hex digits. */
export function doubleBits(value: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

const SPECIAL_DOUBLES = [
  0,
  -0,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  2 ** -1022,
  2 ** 31,
  -(2 ** 31),
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 53,
  2 ** 53 + 2,
  0.1 + 0.2,
  1e-7,
  123456.789,
  1e15,
  1e21,
  999999999999999.9,
  9.5,
  0.125,
];

/** A double drawn to hit every branch of `%g` and cJSON's number printing. */
export function randomDouble(random: Random): number {
  const sign = random.bool() ? -1 : 1;
  switch (random.int(0, 9)) {
    case 0:
    case 1:
      return random.anyDouble();
    case 2:
      // Short decimals, the everyday case (0.5 ml, 5.86 pH).
      return (sign * random.int(0, 2_000_000)) / 10 ** random.int(0, 12);
    case 3:
      return random.int(-(2 ** 31), 2 ** 31 - 1);
    case 4:
      return sign * Math.floor(random.float() * 2 ** random.int(31, 90));
    case 5:
      // Exact decimal ties for %.15g (16 digits ending in 5) and for small precisions (x.5).
      return random.bool()
        ? sign *
            (random.int(100_000_000_000, 899_999_999_999) * 10_000 + random.int(0, 999) * 10 + 5)
        : sign * (random.int(0, 100_000) + 0.5) * 2 ** -random.int(0, 6);
    case 6:
      // Around powers of ten, where the exponent estimate and the style switch are decided.
      return sign * 10 ** random.int(-320, 308) * (1 + (random.int(-3, 3) * Number.EPSILON) / 2);
    case 7: {
      // Subnormals.
      const view = new DataView(new ArrayBuffer(8));
      view.setUint32(0, (random.uint32() & 0x800fffff) >>> 0);
      view.setUint32(4, random.uint32());
      return view.getFloat64(0);
    }
    case 8:
      return sign * random.float() * 10 ** random.int(-30, 30);
    default:
      return random.pick(SPECIAL_DOUBLES);
  }
}
