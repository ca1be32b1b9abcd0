/**
 * Seeded randomness for the simulator, so a test or a demo replays the same noise. Every node and
 * model draws from its own stream forked by name, which keeps one node's sequence independent of
 * how often the others happen to read.
 */
export class SeededRandom {
  private readonly origin: number;
  private state: number;

  constructor(seed: number) {
    this.origin = mix32(Math.trunc(seed) >>> 0);
    this.state = this.origin;
  }

  /** Uniform in [0, 1). A Weyl sequence run through a murmur3-style finaliser. */
  next(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    return mix32(this.state) / 2 ** 32;
  }

  /** Normal with mean 0 (Box–Muller). */
  gaussian(sigma = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return probability > 0 && this.next() < probability;
  }

  /** An independent stream derived from this one's seed and `label`, whatever was drawn since. */
  fork(label: string): SeededRandom {
    return new SeededRandom(mix32(this.origin ^ fnv1a(label)));
  }
}

function mix32(value: number): number {
  let z = value >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}
